using System.Globalization;

namespace VideoKit.Audio;

/// <summary>
/// How a video's sound is made: the song (at <see cref="SongVolume"/>), extra tracks placed in time, optionally the
/// clips' own sound under the song, the music ducked under voices, fades at the ends, and loudness normalised to a
/// target (EBU R128 integrated loudness and true peak, as FFmpeg's <c>loudnorm</c> measures them). Mixed by FFmpeg
/// (<c>amix</c>, <c>sidechaincompress</c>, two-pass <c>loudnorm</c>) before the video is encoded.
/// </summary>
public sealed class AudioMix
{
    /// <summary>The extra tracks.</summary>
    public IReadOnlyList<AudioTrack> Tracks { get; init; } = [];

    /// <summary>Linear gain of the song (default 1).</summary>
    public double SongVolume { get; init; } = 1;

    /// <summary>Mix each video clip's own sound under the song at this linear gain; <see langword="null"/> (the default) leaves clips silent.</summary>
    public double? ClipVolume { get; init; }

    /// <summary>Fade the whole mix in from the start.</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>Fade the whole mix out before the end.</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>The integrated loudness target in LUFS (default −14, the streaming norm); <see langword="null"/> to leave levels as mixed.</summary>
    public double? Loudness { get; init; } = -14;

    /// <summary>The true-peak ceiling in dBTP of the delivered file (default −1).</summary>
    public double TruePeak { get; init; } = -1;

    /// <summary>How far the music drops under a ducking track, in dB (default 15).</summary>
    public double DuckDepth { get; init; } = 15;

    /// <summary>The same mix with other tracks.</summary>
    internal AudioMix WithTracks(IReadOnlyList<AudioTrack> tracks) => new()
    {
        Tracks = tracks,
        SongVolume = SongVolume,
        ClipVolume = ClipVolume,
        FadeIn = FadeIn,
        FadeOut = FadeOut,
        Loudness = Loudness,
        TruePeak = TruePeak,
        DuckDepth = DuckDepth,
    };

    /// <summary>Every problem, as "field: message" lines named as in the project file (empty when valid).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        if (!(SongVolume is >= 0 and <= 16))
        {
            problems.Add(F($"audio.songVolume: must be 0 to 16 (is {SongVolume})"));
        }

        if (ClipVolume is { } cv && !(cv is >= 0 and <= 16))
        {
            problems.Add(F($"audio.clipVolume: must be 0 to 16 (is {cv})"));
        }

        if (FadeIn < TimeSpan.Zero || FadeOut < TimeSpan.Zero)
        {
            problems.Add("audio.fadeIn/fadeOut: must be >= 0");
        }

        if (Loudness is { } l && !(l is >= -70 and <= -5))
        {
            problems.Add(F($"audio.loudness: must be -70 to -5 LUFS (is {l})"));
        }

        if (!(TruePeak is >= -9 and <= 0))
        {
            problems.Add(F($"audio.truePeak: must be -9 to 0 dBTP (is {TruePeak})"));
        }

        if (!(DuckDepth is >= 1 and <= 40))
        {
            problems.Add(F($"audio.duckDepth: must be 1 to 40 dB (is {DuckDepth})"));
        }

        for (int i = 0; i < Tracks.Count; i++)
        {
            AudioTrack t = Tracks[i];
            string p = F($"audio.tracks[{i}]");
            if (string.IsNullOrWhiteSpace(t.Path))
            {
                problems.Add(p + ".file: is required");
            }
            else if (!File.Exists(t.Path))
            {
                problems.Add($"{p}.file: '{t.Path}' does not exist");
            }

            if (t.Start < TimeSpan.Zero)
            {
                problems.Add(F($"{p}.start: must be >= 0 (is {t.Start.TotalSeconds:0.###} s)"));
            }

            if (!(t.Volume is >= 0 and <= 16))
            {
                problems.Add(F($"{p}.volume: must be 0 to 16 (is {t.Volume})"));
            }

            if (t.FadeIn < TimeSpan.Zero || t.FadeOut < TimeSpan.Zero)
            {
                problems.Add($"{p}.fadeIn/fadeOut: must be >= 0");
            }
        }

        return problems;
    }
}
