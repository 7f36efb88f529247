namespace VideoKit.Text;

/// <summary>
/// The text a timeline burns into its picture: captions from timed lines (optionally karaoke, each word highlighted as
/// it is sung), title/text items, or a ready-made ASS file. Drawn by libass through FFmpeg's <c>ass</c> filter when the
/// video is encoded, so the same styled text engine renders users' own Aegisub files.
/// </summary>
/// <example>
/// <code>
/// var text = new TextLayer
/// {
///     Captions = LyricSheet.Load("song.lrc").Lines,
///     Karaoke = true,
///     Overlays = [new TextOverlay { Text = "Worldweight", Start = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(4), FadeIn = TimeSpan.FromSeconds(0.5) }],
/// };
/// Timeline timeline = new TimelineBuilder(Resolution.Hd720, FrameRate.Fps30).WithSong("song.flac").WithText(text)...Build();
/// </code>
/// </example>
public sealed class TextLayer
{
    /// <summary>The caption lines (lyrics), shown each from its start to its end.</summary>
    public IReadOnlyList<LyricLine> Captions { get; init; } = [];

    /// <summary>Highlight each word as it is sung (lines without word times are shown whole).</summary>
    public bool Karaoke { get; init; }

    /// <summary>How the captions look.</summary>
    public CaptionStyle CaptionStyle { get; init; } = CaptionStyle.Default;

    /// <summary>Titles and other text items.</summary>
    public IReadOnlyList<TextOverlay> Overlays { get; init; } = [];

    /// <summary>A ready-made .ass file burned in as it is (with its own styles), in addition to the above; <see langword="null"/> for none.</summary>
    public string? AssFile { get; init; }

    /// <summary>A folder of font files libass also looks in (so a project can ship its fonts); <see langword="null"/> for the installed fonts only.</summary>
    public string? FontsFolder { get; init; }

    /// <summary>True when there is nothing to draw.</summary>
    public bool IsEmpty => Captions.Count == 0 && Overlays.Count == 0 && AssFile is null;

    /// <summary>The font families the layer asks for.</summary>
    public IEnumerable<string> Fonts => Enumerable.Repeat(CaptionStyle.Font, Captions.Count > 0 ? 1 : 0)
        .Concat(Overlays.Select(o => (o.Style ?? CaptionStyle.Title).Font)).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem with the layer, as "field: message" lines (empty when valid); fonts are checked too.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(CaptionStyle.Validate().Select(p => "captions.style." + p));
        for (int i = 0; i < Overlays.Count; i++)
        {
            problems.AddRange(Overlays[i].Validate().Select(p => FormattableString.Invariant($"overlays[{i}].{p}")));
        }

        if (AssFile is not null && !File.Exists(AssFile))
        {
            problems.Add($"captions.from: the subtitle file '{AssFile}' does not exist");
        }

        if (FontsFolder is not null && !Directory.Exists(FontsFolder))
        {
            problems.Add($"captions.fontsFolder: the folder '{FontsFolder}' does not exist");
        }
        else if (problems.Count == 0)
        {
            if (Captions.Count > 0 && FontCatalog.Find(CaptionStyle.Font, FontsFolder) is { } missing)
            {
                problems.Add("captions.style." + missing);
            }

            for (int i = 0; i < Overlays.Count; i++)
            {
                if (FontCatalog.Find((Overlays[i].Style ?? CaptionStyle.Title).Font, FontsFolder) is { } gone)
                {
                    problems.Add(FormattableString.Invariant($"overlays[{i}].style.{gone}"));
                }
            }
        }

        return problems;
    }

    /// <summary>Throws when <see cref="Validate"/> finds a problem.</summary>
    /// <exception cref="FontNotFoundException">A font is not installed.</exception>
    /// <exception cref="ArgumentException">Anything else is wrong.</exception>
    internal void ThrowIfInvalid()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count == 0)
        {
            return;
        }

        string? font = Fonts.FirstOrDefault(f => FontCatalog.Find(f, FontsFolder) is not null);
        string message = "The text layer is invalid: " + string.Join("; ", problems);
        throw font is not null ? new FontNotFoundException(message) { FontName = font } : new ArgumentException(message);
    }
}
