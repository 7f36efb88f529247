using System.Globalization;
using System.Text.Json;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Projects;

/// <summary>
/// A JSON project: the song, the output settings and the items. <see cref="LoadAsync(string, VideoKitOptions?, CancellationToken)"/> reads and validates it all at
/// once; every problem names its JSON path (<c>items[2].duration: must be &gt; 0</c>). Relative paths resolve against
/// the project file's folder. The schema is in <c>src/VideoKit/Projects/README.md</c>.
/// </summary>
/// <example>
/// <code>
/// ProjectFile project = await ProjectFile.LoadAsync("video.json");
/// await project.RenderAsync("out.mp4");
/// </code>
/// </example>
public sealed class ProjectFile
{
    /// <summary>The item kinds the loader knows, by key field. Add a kind with one line here.</summary>
    internal static readonly IProjectItemReader[] ItemReaders = [new ImageItemReader(), new VideoItemReader()];

    /// <summary>The top-level sections that generate items (beat-synced editing, ...). Add one with one line here.</summary>
    internal static readonly IProjectSectionReader[] SectionReaders =
    [
        new EditSectionReader("clips"), new EditSectionReader("edit"),
        new LyricsSectionReader(), new CaptionsSectionReader(), new OverlaySectionReader(), new AudioSectionReader(),
    ];

    private static readonly string[] s_outputFields = ["width", "height", "fps", "codec", "crf", "preset", "pixelFormat", "encoder", "maxBitrate", "maxFileSizeMB"];

    private ProjectFile(string path, Timeline timeline, RenderOptions renderOptions)
    {
        Path = path;
        Timeline = timeline;
        RenderOptions = renderOptions;
    }

    /// <summary>The project file's full path.</summary>
    public string Path { get; }

    /// <summary>The timeline the project describes.</summary>
    public Timeline Timeline { get; }

    /// <summary>The beat-synced edit plan when the project has "clips" (see <see cref="VerifyCutsAsync"/>), else <see langword="null"/>.</summary>
    public Editing.EditPlan? EditPlan { get; private init; }

    /// <summary>
    /// Measures where the cuts are in a video rendered from this project and reports them against the edit plan
    /// (see <see cref="Editing.RenderVerification"/>); <see langword="null"/> when the project has no beat-synced edit.
    /// </summary>
    /// <param name="videoPath">The rendered video.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The report, or <see langword="null"/>.</returns>
    public async Task<Editing.CutVerificationReport?> VerifyCutsAsync(string videoPath, CancellationToken cancellationToken = default) =>
        EditPlan is null ? null : await Editing.RenderVerification.VerifyAsync(videoPath, EditPlan, options: RenderOptions.Options, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The JSON Schema (draft 2020-12) of project files: point an editor's <c>"$schema"</c> at a saved copy to get
    /// completion and checking. <see cref="LoadAsync(string, VideoKitOptions?, CancellationToken)"/> checks more than the schema can (files exist, overlaps, lengths).
    /// </summary>
    public static string JsonSchema { get; } = ReadSchema();

    private static string ReadSchema()
    {
        using Stream stream = typeof(ProjectFile).Assembly.GetManifestResourceStream("VideoKit.Projects.project.schema.json")
            ?? throw new InvalidOperationException("The project schema is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The codec, quality and VideoKit options from the project's <c>output</c> section (overwrite off).</summary>
    public RenderOptions RenderOptions { get; }

    /// <summary>Reads and validates a project file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="options">Where FFmpeg lives and parallelism, used for rendering; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <returns>The project.</returns>
    /// <exception cref="FileNotFoundException">The project file does not exist or is a folder.</exception>
    /// <exception cref="TimelineValidationException">The file is not valid JSON or describes an invalid video; the message lists every problem with its JSON path.</exception>
    public static Task<ProjectFile> LoadAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new FileNotFoundException($"The project file '{path}' is a folder; give the JSON file inside it.", path);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The project file '{path}' does not exist.", path);
        }

        return LoadCoreAsync(path, full, options ?? VideoKitOptions.Default, null, cancellationToken);
    }

    /// <summary>Reads and validates a project file, delivering it with <paramref name="platform"/> instead of its own <c>output.preset</c>.</summary>
    /// <param name="path">The JSON file.</param>
    /// <param name="platform">The platform preset (its frame size applies unless the project sets one), or <see langword="null"/> for the project's own.</param>
    /// <param name="options">Where FFmpeg lives and parallelism, used for rendering; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <returns>The project.</returns>
    /// <exception cref="FileNotFoundException">The project file does not exist or is a folder.</exception>
    /// <exception cref="TimelineValidationException">The file is not valid JSON or describes an invalid video; the message lists every problem with its JSON path.</exception>
    public static Task<ProjectFile> LoadAsync(string path, PlatformPreset? platform, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            return LoadAsync(path, options, cancellationToken);
        }

        return LoadCoreAsync(path, full, options ?? VideoKitOptions.Default, platform, cancellationToken);
    }

    /// <summary>Renders the project to a video file.</summary>
    /// <param name="outputPath">The video file to write.</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="progress">Receives progress at most 10 times a second.</param>
    /// <param name="cancellationToken">Stops the render, leaving no partial file.</param>
    /// <returns>What was written.</returns>
    public Task<RenderResult> RenderAsync(string outputPath, bool overwrite = false, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        return Timeline.RenderAsync(outputPath, RenderOptions.WithOverwrite(overwrite, ProjectInputs.Collect(Path)), progress, cancellationToken);
    }

    /// <summary>
    /// Renders a quick preview: a quarter of the width and height (rounded to even), H.264 at the fastest preset, with
    /// exactly the same frames and timing as the full render (cuts land on the same frame numbers).
    /// </summary>
    /// <param name="outputPath">The video file to write (.mp4, .mov, .mkv).</param>
    /// <param name="overwrite">Replace an existing file.</param>
    /// <param name="progress">Receives progress at most 10 times a second.</param>
    /// <param name="cancellationToken">Stops the render, leaving no partial file.</param>
    /// <returns>What was written.</returns>
    public Task<RenderResult> RenderPreviewAsync(string outputPath, bool overwrite = false, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var options = new RenderOptions { Codec = VideoCodec.H264, Preset = "ultrafast", Crf = 28, Options = RenderOptions.Options, Overwrite = overwrite, Inputs = ProjectInputs.Collect(Path) };
        return Timeline.WithResolution(PreviewSize(Timeline.Resolution)).RenderAsync(outputPath, options, progress, cancellationToken);
    }

    /// <summary>The preview size: a quarter of each side, rounded to even, at least 2×2.</summary>
    /// <param name="full">The full output size.</param>
    /// <returns>The preview size.</returns>
    public static Resolution PreviewSize(Resolution full) =>
        new(Math.Max(2, 2 * (int)Math.Round(full.Width / 8.0)), Math.Max(2, 2 * (int)Math.Round(full.Height / 8.0)));

    /// <summary>Composes the frame the project shows at <paramref name="time"/>, at the full output size.</summary>
    /// <param name="time">A time from the start of the video.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The frame; the caller disposes it.</returns>
    public Task<Imaging.Frame> RenderFrameAsync(TimeSpan time, CancellationToken cancellationToken = default) =>
        Timeline.RenderFrameAsync(time, RenderOptions, cancellationToken);

    private static async Task<ProjectFile> LoadCoreAsync(string displayPath, string full, VideoKitOptions options, PlatformPreset? platform, CancellationToken cancellationToken)
    {
        byte[] bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ProjectInputs.WithoutBom(bytes), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}") : "somewhere";
            throw new TimelineValidationException($"Project '{displayPath}'", [$"not valid JSON at {where}: {FirstSentence(ex.Message)}"]);
        }

        using (document)
        {
            var reader = new ProjectReader(full, options);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TimelineValidationException($"Project '{displayPath}'", ["the file must hold a JSON object with \"song\", \"output\" and \"items\""]);
            }

            var known = new List<string> { "$schema", "song", "duration", "output", "items" };
            known.AddRange(SectionReaders.Select(s => s.Key));
            reader.CheckFields(root, string.Empty, known);
            string? song = reader.GetFile(root, string.Empty, "song", "an audio file");
            TimeSpan? duration = reader.GetTime(root, string.Empty, "duration");
            if (!Has(root, "song") && !Has(root, "duration"))
            {
                reader.Problem("duration", "required when there is no \"song\" (the video needs a song or an explicit length)");
            }

            bool itemsAndClips = Has(root, "items") && Has(root, "clips");
            if (itemsAndClips)
            {
                reader.Problem("clips", "use either \"items\" (placed by hand) or \"clips\" (cut to the beat) on the video track, not both; to show pictures over a beat edit, list them in \"overlays\"");
            }

            (Resolution size, FrameRate rate, RenderOptions renderOptions) = ReadOutput(reader, root, options, platform);
            await CheckPixelFormatAsync(reader, renderOptions, options, cancellationToken).ConfigureAwait(false);
            if (song is not null && duration is { } length && length > TimeSpan.Zero && File.Exists(song))
            {
                await CheckDurationAsync(reader, song, length, rate, options, cancellationToken).ConfigureAwait(false);
            }

            var builder = new ProjectTimelineBuilder(new TimelineBuilder(size, rate));
            if (song is not null)
            {
                builder.Inner.WithSong(song);
            }

            if (duration is { } d)
            {
                builder.Inner.WithDuration(d);
            }

            ReadItems(reader, root, builder);
            foreach (IProjectSectionReader section in SectionReaders)
            {
                if (!itemsAndClips && root.TryGetProperty(section.Key, out JsonElement value))
                {
                    await section.ReadAsync(new ProjectSectionContext { Reader = reader, Section = value, Root = root, Path = section.Key, SongPath = song, Builder = builder }, cancellationToken).ConfigureAwait(false);
                }
            }

            // The reader already checked every file exists (with the path it looked at); the builder adds the rest.
            var problems = new List<string>(reader.Problems);
            foreach (TimelineProblem p in builder.Inner.Validate())
            {
                if (p.Field is not ("image" or "video" or "song"))
                {
                    problems.Add(Format(p, builder.ItemPaths));
                }
            }

            problems = [.. problems.OrderBy(ItemIndex)]; // stable: file order within an item

            if (problems.Count > 0)
            {
                throw new TimelineValidationException($"Project '{displayPath}'", problems);
            }

            return new ProjectFile(full, builder.Inner.CreateTimeline().WithItemPaths(builder.ItemPaths), renderOptions) { EditPlan = builder.EditPlan };
        }
    }

    private static bool Has(JsonElement obj, string name) => obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>An explicit duration must not outlast the song (the master clock): probe the song and compare.</summary>
    private static async Task CheckDurationAsync(ProjectReader reader, string song, TimeSpan duration, FrameRate rate, VideoKitOptions options, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(song, options, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException ex)
        {
            reader.Problem("song", ex.Message);
            return;
        }

        TimeSpan songLength = info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio?.Duration ?? TimeSpan.Zero;
        if (info.PrimaryAudio is null || songLength <= TimeSpan.Zero)
        {
            reader.Problem("song", info.PrimaryAudio is null ? "has no audio stream" : "is empty (0 s long)");
        }
        else if (TimelineBuilder.CheckAgainstSong(duration, songLength, rate) is { } problem)
        {
            reader.Problem("duration", problem);
        }
    }

    /// <summary>
    /// <c>output.pixelFormat</c> against this machine's FFmpeg: a name it knows and, for a software encoder, one the
    /// encoder takes (FFmpeg would otherwise fail seconds into the render, or substitute another format unasked).
    /// </summary>
    private static async Task CheckPixelFormatAsync(ProjectReader reader, RenderOptions render, VideoKitOptions options, CancellationToken cancellationToken)
    {
        if (render.PixelFormat is not { Length: > 0 } pixelFormat || !pixelFormat.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return; // unset, or already reported as not a name
        }

        // A hardware encoder, or a platform preset's codec, is settled at render time: then only the name is checked.
        string? encoder = render.Platform is null && (render.Encoder == EncoderBackend.Software || render.Codec is not (VideoCodec.H264 or VideoCodec.H265))
            ? EncoderArguments.EncoderName(render.Codec)
            : null;
        if (await EncoderPixelFormats.ProblemAsync(pixelFormat, encoder, options, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            reader.Problem("output.pixelFormat", problem);
        }
    }

    private static (Resolution Size, FrameRate Rate, RenderOptions Options) ReadOutput(ProjectReader reader, JsonElement root, VideoKitOptions options, PlatformPreset? platform)
    {
        var size = new Resolution(1920, 1080);
        FrameRate rate = FrameRate.Fps30;
        var render = new RenderOptions { Options = options, Platform = platform };
        if (!root.TryGetProperty("output", out JsonElement output) || output.ValueKind == JsonValueKind.Null)
        {
            return (platform is { } p && PlatformPresets.DefaultSize(p) is { } fixedSize ? fixedSize : size, rate, render);
        }

        if (output.ValueKind != JsonValueKind.Object)
        {
            reader.Problem("output", $"must be an object such as {{ \"width\": 1280, \"height\": 720, \"fps\": 30 }} (is {ProjectReader.Describe(output)})");
            return (size, rate, render);
        }

        reader.CheckFields(output, "output", s_outputFields);
        int? width = reader.GetInt(output, "output", "width", 2, 16384);
        int? height = reader.GetInt(output, "output", "height", 2, 16384);
        if (width is int w && (w & 1) != 0)
        {
            reader.Problem("output.width", string.Create(CultureInfo.InvariantCulture, $"must be even (is {w})"));
            width = null;
        }

        if (height is int h && (h & 1) != 0)
        {
            reader.Problem("output.height", string.Create(CultureInfo.InvariantCulture, $"must be even (is {h})"));
            height = null;
        }

        size = new Resolution(width ?? size.Width, height ?? size.Height);
        if (output.TryGetProperty("fps", out JsonElement fps) && fps.ValueKind != JsonValueKind.Null)
        {
            string text = fps.ValueKind == JsonValueKind.Number ? fps.GetRawText() : fps.ValueKind == JsonValueKind.String ? fps.GetString()! : string.Empty;
            if (FrameRate.TryParse(text, out FrameRate parsed))
            {
                rate = parsed;
            }
            else
            {
                reader.Problem("output.fps", $"must be a frame rate such as 30, 29.97 or \"30000/1001\" (is {ProjectReader.Describe(fps)})");
            }
        }

        VideoCodec codec = VideoCodec.H264;
        string? codecName = reader.GetString(output, "output", "codec");
        if (codecName is not null)
        {
            switch (codecName.ToLowerInvariant())
            {
                case "h264" or "avc" or "x264":
                    codec = VideoCodec.H264;
                    break;
                case "h265" or "hevc" or "x265":
                    codec = VideoCodec.H265;
                    break;
                case "vp9":
                    codec = VideoCodec.Vp9;
                    break;
                case "prores":
                    codec = VideoCodec.ProRes;
                    break;
                case "ffv1":
                    codec = VideoCodec.Ffv1;
                    break;
                default:
                    reader.Problem("output.codec", $"unknown codec \"{codecName}\"; use h264, h265, vp9, prores or ffv1");
                    break;
            }
        }

        int? crf = reader.GetInt(output, "output", "crf", 0, 63);
        string? preset = reader.GetString(output, "output", "preset");
        if (platform is { } chosen)
        {
            preset = PlatformPresets.Get(chosen).Name; // the caller's platform replaces the project's
        }

        string? pixelFormat = reader.GetString(output, "output", "pixelFormat");
        (PlatformPreset? chosenPlatform, EncoderBackend encoder) = ProjectDelivery.Read(reader, output, ref preset, ref size, width is not null || height is not null);
        (int? maxBitrate, long? maxFileBytes) = ReadLimits(reader, output, chosenPlatform, codec, size);
        render = new RenderOptions
        {
            Codec = codec, Crf = crf, Preset = preset, PixelFormat = pixelFormat, Options = options, Platform = chosenPlatform, Encoder = encoder,
            MaxBitrateKbps = maxBitrate, MaxFileBytes = maxFileBytes,
        };
        try
        {
            EncoderArguments.Validate(new VideoEncoderSettings { Size = size, FrameRate = rate, Codec = codec, Crf = crf, Preset = preset, PixelFormat = pixelFormat });
        }
        catch (ArgumentException ex)
        {
            string field = ex.Message.StartsWith("CRF", StringComparison.Ordinal) ? "output.crf"
                : ex.Message.Contains("pixel format", StringComparison.Ordinal) ? "output.pixelFormat"
                : "output.preset";
            reader.Problem(field, FirstSentence(ex.Message) + ".");
        }

        return (size, rate, render);
    }

    /// <summary>
    /// <c>output.maxBitrate</c> (kbit/s; at most the platform preset's maximum) and <c>output.maxFileSizeMB</c> (MiB; the
    /// GIF preset's size cap), each checked against the preset the project delivers with.
    /// </summary>
    private static (int? MaxBitrate, long? MaxFileBytes) ReadLimits(ProjectReader reader, JsonElement output, PlatformPreset? platform, VideoCodec codec, Resolution size)
    {
        int? maxBitrate = reader.GetInt(output, "output", "maxBitrate", 1, 1_000_000);
        if (maxBitrate is int kbps && platform is { } p && PlatformPresets.BitrateProblem(p, kbps, size) is { } problem)
        {
            reader.Problem("output.maxBitrate", problem);
            maxBitrate = null;
        }
        else if (maxBitrate is not null && platform is null && codec is not (VideoCodec.H264 or VideoCodec.H265))
        {
            reader.Problem("output.maxBitrate", $"caps h264 and h265 only, not {codec.ToString().ToLowerInvariant()}");
            maxBitrate = null;
        }

        long? maxFileBytes = null;
        if (output.TryGetProperty("maxFileSizeMB", out JsonElement mb) && mb.ValueKind != JsonValueKind.Null)
        {
            if (mb.ValueKind != JsonValueKind.Number || !mb.TryGetDouble(out double megabytes) || !(megabytes > 0) || megabytes > 1e6)
            {
                reader.Problem("output.maxFileSizeMB", $"must be a number of MiB above 0, such as 8 (is {ProjectReader.Describe(mb)})");
            }
            else if (platform != PlatformPreset.Gif)
            {
                reader.Problem("output.maxFileSizeMB", "is the gif preset's size cap; set \"preset\": \"gif\" or remove it");
            }
            else
            {
                maxFileBytes = Math.Max(1, (long)(megabytes * 1024 * 1024));
            }
        }

        return (maxBitrate, maxFileBytes);
    }

    private static void ReadItems(ProjectReader reader, JsonElement root, ProjectTimelineBuilder builder)
    {
        if (!root.TryGetProperty("items", out JsonElement items) || items.ValueKind == JsonValueKind.Null)
        {
            if (SectionReaders.All(s => !root.TryGetProperty(s.Key, out _)))
            {
                reader.Problem("items", "is required: a list of { \"image\" | \"video\": path, \"start\", \"duration\", ... }");
            }

            return;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            reader.Problem("items", $"must be an array (is {ProjectReader.Describe(items)})");
            return;
        }

        TimeSpan cursor = TimeSpan.Zero;
        int index = 0;
        foreach (JsonElement item in items.EnumerateArray())
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"items[{index++}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Problem(path, $"must be an object (is {ProjectReader.Describe(item)})");
                continue;
            }

            IProjectItemReader[] kinds = [.. ItemReaders.Where(r => item.TryGetProperty(r.Key, out _))];
            if (kinds.Length != 1)
            {
                string keys = string.Join(" or ", ItemReaders.Select(r => $"\"{r.Key}\""));
                reader.Problem(path, kinds.Length == 0 ? $"needs one of {keys}" : $"has more than one of {keys}; use one per item");
                continue;
            }

            IProjectItemReader kind = kinds[0];
            reader.CheckFields(item, path, [.. CommonItemFields.Names, .. kind.Fields]);
            TimeSpan start = reader.GetTime(item, path, "start") ?? cursor;
            TimeSpan? duration = reader.GetTime(item, path, "duration");
            FitMode? fit = CommonItemFields.ReadFit(reader, item, path);
            Transition? transition = CommonItemFields.ReadTransition(reader, item, path);
            int before = builder.ItemPaths.Count;
            kind.Read(new ProjectItemContext
            {
                Reader = reader,
                Item = item,
                Path = path,
                Start = start,
                Duration = duration,
                Transition = transition,
                Fit = fit ?? FitMode.Cover,
                Builder = builder,
            });
            cursor = builder.ItemPaths.Count > before ? builder.Inner.Drafts[^1].Start + builder.Inner.Drafts[^1].Duration : start + (duration ?? TimeSpan.Zero);
        }
    }

    private static string Format(TimelineProblem p, IReadOnlyList<string> itemPaths)
    {
        string message = p.WithOther(o => itemPaths[o]);
        if (p.ItemIndex is int i)
        {
            return $"{itemPaths[i]}.{p.Field}: {message}";
        }

        string top = p.Field switch
        {
            "output size" => "output",
            "frame rate" => "output.fps",
            _ => p.Field,
        };
        return $"{top}: {message}";
    }

    /// <summary>Top-level problems sort first (-1), then items by index.</summary>
    private static int ItemIndex(string problem)
    {
        if (!problem.StartsWith("items[", StringComparison.Ordinal))
        {
            return -1;
        }

        int close = problem.IndexOf(']', StringComparison.Ordinal);
        return close > 6 && int.TryParse(problem.AsSpan(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out int i) ? i : int.MaxValue;
    }

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        string first = dot > 0 ? message[..dot] : message;
        return first.TrimEnd('.');
    }
}
