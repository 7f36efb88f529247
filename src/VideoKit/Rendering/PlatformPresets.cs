using System.Globalization;

namespace VideoKit.Rendering;

/// <summary>What each <see cref="PlatformPreset"/> sets and checks.</summary>
internal sealed record PlatformSpec(
    PlatformPreset Preset,
    string Name,
    Resolution[] Sizes,
    TimeSpan? MaxDuration,
    int? MaxKbps,
    string[] Extensions)
{
    /// <summary>The H.264 bitrate cap (kbit/s) for a frame size: YouTube's 4K cap for frames larger than 1080p.</summary>
    public int? CapFor(Resolution size) =>
        Preset == PlatformPreset.YouTube && (long)size.Width * size.Height > 1920L * 1080 ? 45_000 : MaxKbps;
}

/// <summary>The presets' table and how they change the render options.</summary>
internal static class PlatformPresets
{
    private static readonly string[] s_mp4 = [".mp4", ".mov", ".m4v"];

    public static IReadOnlyList<PlatformSpec> All { get; } =
    [
        new(PlatformPreset.YouTube, "youtube", [new(1920, 1080), new(3840, 2160)], null, 12_000, s_mp4),
        new(PlatformPreset.Shorts, "shorts", [new(1080, 1920)], TimeSpan.FromSeconds(180), 12_000, s_mp4),
        new(PlatformPreset.Reels, "reels", [new(1080, 1920)], TimeSpan.FromSeconds(180), 8_000, s_mp4),
        new(PlatformPreset.TikTok, "tiktok", [new(1080, 1920)], TimeSpan.FromSeconds(600), 10_000, s_mp4),
        new(PlatformPreset.Square, "square", [new(1080, 1080)], null, 8_000, s_mp4),
        new(PlatformPreset.Gif, "gif", [], TimeSpan.FromSeconds(60), null, [".gif"]),
        new(PlatformPreset.Master, "master", [], null, null, [".mov", ".mkv"]),
    ];

    /// <summary>The largest width of a GIF, and its highest frame rate.</summary>
    public const int GifMaxWidth = 640;

    /// <summary>The highest GIF frame rate.</summary>
    public const int GifMaxFps = 15;

    /// <summary>The GIF the first pass writes: at most 15 fps and 640 pixels wide, a full 256-colour palette.</summary>
    public static GifShape FirstGifShape(Resolution size, FrameRate rate) =>
        new(Math.Min(GifMaxFps, (int)Math.Ceiling(rate.FramesPerSecond)), Math.Min(GifMaxWidth, size.Width), 256);

    public static PlatformSpec Get(PlatformPreset preset) =>
        All.FirstOrDefault(s => s.Preset == preset) ?? throw new ArgumentOutOfRangeException(nameof(preset), preset, "Not a platform preset.");

    /// <summary>Parses a preset name (youtube, shorts, reels, tiktok, square, gif, master), ignoring case.</summary>
    public static bool TryParse(string? name, out PlatformPreset preset)
    {
        PlatformSpec? spec = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        preset = spec?.Preset ?? default;
        return spec is not null;
    }

    public static string Names => string.Join(", ", All.Select(s => s.Name));

    /// <summary>The default frame size of a preset (its first size), or <see langword="null"/> when any size goes.</summary>
    public static Resolution? DefaultSize(PlatformPreset preset) => Get(preset).Sizes is [var first, ..] ? first : null;

    /// <summary>
    /// Every reason the preset cannot deliver this video: the container, the frame size, the length. Empty when it can.
    /// </summary>
    public static List<string> Check(PlatformPreset preset, string outputPath, Resolution size, TimeSpan? duration, int? maxBitrateKbps = null)
    {
        PlatformSpec spec = Get(preset);
        var problems = new List<string>();
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        if (Array.IndexOf(spec.Extensions, extension) < 0)
        {
            problems.Add($"'{outputPath}': the {spec.Name} preset writes {string.Join(" or ", spec.Extensions)} files, not '{extension}'");
        }

        if (spec.Sizes.Length > 0 && Array.IndexOf(spec.Sizes, size) < 0)
        {
            problems.Add($"the {spec.Name} preset needs a {string.Join(" or ", spec.Sizes.Select(s => s.ToString()))} frame (the video is {size})");
        }

        if (duration is { } d && spec.MaxDuration is { } max && d > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"the {spec.Name} preset takes videos of at most {max.TotalSeconds:0} s; this one is {d.TotalSeconds:0.###} s (shorten it with a duration, or use another preset)"));
        }

        if (maxBitrateKbps is int kbps && BitrateProblem(preset, kbps, size) is { } bitrate)
        {
            problems.Add("MaxBitrateKbps " + bitrate);
        }

        return problems;
    }

    /// <summary>
    /// Why a requested video bitrate cap does not suit the preset (above the platform's maximum for the frame size, or
    /// a preset without a bitrate), or <see langword="null"/> when it does. Without a frame size, the preset's largest
    /// maximum is the limit.
    /// </summary>
    public static string? BitrateProblem(PlatformPreset preset, int kbps, Resolution? size)
    {
        PlatformSpec spec = Get(preset);
        int? limit = size is { } s ? spec.CapFor(s) : spec.Sizes.Select(spec.CapFor).Max();
        if (limit is not int max)
        {
            return $"does not apply: the {spec.Name} preset sets no bitrate (leave it unset)";
        }

        return kbps > max
            ? string.Create(CultureInfo.InvariantCulture, $"is {kbps} kbit/s, above the {spec.Name} preset's maximum of {max} kbit/s{(size is { } z ? $" at {z}" : string.Empty)}")
            : null;
    }

    /// <summary>Throws <see cref="VideoKitException"/> listing every reason the preset cannot deliver the video.</summary>
    public static void EnsureFits(PlatformPreset preset, string outputPath, Resolution size, TimeSpan? duration, int? maxBitrateKbps = null)
    {
        List<string> problems = Check(preset, outputPath, size, duration, maxBitrateKbps);
        if (problems.Count > 0)
        {
            throw new VideoKitException(string.Join("; ", problems) + ".");
        }
    }

    /// <summary>The codec a preset encodes with for this output (Master: ProRes for .mov, FFV1 for .mkv).</summary>
    public static VideoCodec Codec(PlatformPreset preset, string outputPath) => preset switch
    {
        PlatformPreset.Master => Path.GetExtension(outputPath).Equals(".mkv", StringComparison.OrdinalIgnoreCase) ? VideoCodec.Ffv1 : VideoCodec.ProRes,
        _ => VideoCodec.H264,
    };

    /// <summary>The render options with the preset's codec, quality and pixel format in place of the caller's.</summary>
    public static RenderOptions Apply(RenderOptions options, string outputPath)
    {
        if (options.Platform is not { } preset)
        {
            return options;
        }

        VideoCodec codec = Codec(preset, outputPath);
        return options.With(
            codec: codec,
            crf: codec == VideoCodec.H264 ? options.Crf ?? (preset == PlatformPreset.YouTube ? 18 : 20) : null,
            preset: codec switch
            {
                VideoCodec.ProRes => "hq",
                VideoCodec.H264 => options.Preset is { } p && Array.IndexOf(s_speedPresets, p) >= 0 ? p : null,
                _ => null,
            },
            pixelFormat: codec switch
            {
                VideoCodec.ProRes => "yuv422p10le",
                VideoCodec.Ffv1 => null,
                _ => "yuv420p",
            });
    }

    private static readonly string[] s_speedPresets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    /// <summary>
    /// The preset's own output arguments for H.264 presets (profile, bitrate cap, GOP) and for GIF (the palette filter
    /// graph), added to what <see cref="EncoderArguments.Output"/> writes.
    /// </summary>
    public static IEnumerable<string> VideoArguments(PlatformPreset preset, Resolution size, FrameRate rate, bool hardware, int? maxBitrateKbps = null)
    {
        PlatformSpec spec = Get(preset);
        if (preset == PlatformPreset.Gif)
        {
            return ["-filter_complex", GifSizeFit.FilterGraph(FirstGifShape(size, rate)),
                "-loop", "0"];
        }

        if (spec.CapFor(size) is not int limit)
        {
            return [];
        }

        int kbps = Math.Min(limit, maxBitrateKbps ?? limit);

        string k(int v) => v.ToString(CultureInfo.InvariantCulture) + "k";
        int gop = Math.Max(1, (int)Math.Round(rate.FramesPerSecond / 2));
        var args = new List<string> { "-profile:v", "high", "-maxrate", k(kbps), "-bufsize", k(kbps * 2), "-g", gop.ToString(CultureInfo.InvariantCulture) };
        if (!hardware)
        {
            // 8×8 transforms make x264 write High profile whatever the speed preset (ultrafast would otherwise give Main).
            args.AddRange(["-bf", "2", "-x264-params", "8x8dct=1"]);
        }

        return args;
    }

    /// <summary>The audio arguments of a preset, or <see langword="null"/> for the codec's usual ones.</summary>
    public static string[]? AudioArguments(PlatformPreset preset) => preset switch
    {
        PlatformPreset.Master or PlatformPreset.Gif => null,
        _ => ["-c:a", "aac", "-b:a", "320k", "-ar", "48000"],
    };
}
