namespace VideoKit.Rendering;

/// <summary>How a timeline is rendered: codec preset and quality, overwriting, parallelism.</summary>
public sealed class RenderOptions
{
    /// <summary>H.264 with its defaults, no overwriting, all cores.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>The encoder preset (H.264 by default).</summary>
    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>Constant rate factor, or <see langword="null"/> for the codec's default (see <see cref="VideoEncoderSettings.Crf"/>).</summary>
    public int? Crf { get; init; }

    /// <summary>The encoder speed preset, or <see langword="null"/> for the codec's default (see <see cref="VideoEncoderSettings.Preset"/>).</summary>
    public string? Preset { get; init; }

    /// <summary>The output pixel format, or <see langword="null"/> for the codec's default (yuv420p for H.264).</summary>
    public string? PixelFormat { get; init; }

    /// <summary>Replace an existing output file; when false (the default) an existing file is an error and is left untouched.</summary>
    public bool Overwrite { get; init; }

    /// <summary>How many frames may be composed ahead of the encoder (memory is about this many frames), or
    /// <see langword="null"/> for twice the degree of parallelism (at least 4).</summary>
    public int? MaxFramesInFlight { get; init; }

    /// <summary>Where FFmpeg lives, temporary folder, <see cref="VideoKitOptions.MaxDegreeOfParallelism"/> (frames composed at once).</summary>
    public VideoKitOptions Options { get; init; } = VideoKitOptions.Default;

    /// <summary>Files the video is made from beyond the timeline's own (a project file and what it names).</summary>
    internal IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>
    /// A delivery preset (YouTube, Shorts, Reels, TikTok, square, GIF, master) that sets the codec, profile, pixel format,
    /// audio and bitrate cap and checks the frame size and length; <see langword="null"/> (the default) for none. It takes
    /// precedence over <see cref="Codec"/>, <see cref="Crf"/> (when it sets one) and <see cref="PixelFormat"/>.
    /// </summary>
    public PlatformPreset? Platform { get; init; }

    /// <summary>
    /// Which H.264/H.265 encoder to use: software (x264/x265, the default), a hardware one (NVENC, VAAPI, Quick Sync), or
    /// <see cref="EncoderBackend.Auto"/> for the first hardware encoder that works here. A hardware encoder that is not
    /// available falls back to software with a warning; <see cref="RenderResult.Encoder"/> says what was used and why.
    /// </summary>
    public EncoderBackend Encoder { get; init; }

    /// <summary>
    /// The largest GIF the <see cref="PlatformPreset.Gif"/> preset may write, in bytes, or <see langword="null"/> for its
    /// 15 MiB cap. A first pass that is larger is re-encoded with fewer frames per second, fewer pixels and fewer colours
    /// until it fits (<see cref="RenderResult.Warnings"/> says how); when even the smallest GIF (5 fps, 120 pixels wide,
    /// 16 colours) is too large the render fails and writes nothing. Only for the GIF preset.
    /// </summary>
    public long? MaxFileBytes { get; init; }

    /// <summary>
    /// The highest video bitrate in kbit/s (the encoder's VBV maxrate, with a buffer of two seconds' worth), for H.264 and
    /// H.265; <see langword="null"/> for none, or for a platform preset's own maximum. With a preset, a value above the
    /// platform's maximum is an error naming both.
    /// </summary>
    public int? MaxBitrateKbps { get; init; }

    internal int Window => MaxFramesInFlight ?? Math.Max(4, 2 * Options.MaxDegreeOfParallelism);

    /// <summary>Checks that the options make sense, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        Collect(problems);
        problems.ThrowIfAny(nameof(RenderOptions));
    }

    internal void Collect(OptionsProblems problems)
    {
        problems.If(MaxFramesInFlight is < 1, nameof(MaxFramesInFlight), $"must be at least 1 (is {MaxFramesInFlight})");
        problems.If(!Enum.IsDefined(Codec), nameof(Codec), $"'{Codec}' is not a codec; use H264, H265, Vp9, ProRes or Ffv1");
        problems.If(Platform is { } p && !Enum.IsDefined(p), nameof(Platform), $"'{Platform}' is not a platform preset");
        problems.If(!Enum.IsDefined(Encoder), nameof(Encoder), $"'{Encoder}' is not an encoder; use Software, Auto, Nvenc, Vaapi or Qsv");
        problems.If(MaxFileBytes is < 1, nameof(MaxFileBytes), $"must be at least 1 byte (is {MaxFileBytes})");
        problems.If(MaxFileBytes is not null && Platform != PlatformPreset.Gif, nameof(MaxFileBytes), "is the GIF preset's size cap; set Platform = Gif or leave it unset");
        problems.If(MaxBitrateKbps is < 1, nameof(MaxBitrateKbps), $"must be at least 1 kbit/s (is {MaxBitrateKbps})");
        if (MaxBitrateKbps is > 0 && Platform is { } platform && Enum.IsDefined(platform) && PlatformPresets.BitrateProblem(platform, MaxBitrateKbps.Value, null) is { } bitrate)
        {
            problems.If(true, nameof(MaxBitrateKbps), bitrate);
        }
        else if (MaxBitrateKbps is not null && Platform is null && Codec is not (VideoCodec.H264 or VideoCodec.H265))
        {
            problems.If(true, nameof(MaxBitrateKbps), $"caps H.264 and H.265 only, not {Codec}");
        }

        if (Enum.IsDefined(Codec) && Platform is null)
        {
            foreach ((string field, string message) in EncoderArguments.Problems(Codec, Crf, Preset, PixelFormat))
            {
                problems.If(true, field, message);
            }
        }

        OptionsProblems nested = problems.Nested(nameof(Options));
        Options.Collect(nested);
        problems.Add(nested);
    }

    /// <summary>A copy with the encoder settings replaced (everything else kept).</summary>
    internal RenderOptions With(VideoCodec codec, int? crf, string? preset, string? pixelFormat) => new()
    {
        Codec = codec,
        Crf = crf,
        Preset = preset,
        PixelFormat = pixelFormat,
        Overwrite = Overwrite,
        Inputs = Inputs,
        MaxFramesInFlight = MaxFramesInFlight,
        Options = Options,
        Platform = Platform,
        Encoder = Encoder,
        MaxFileBytes = MaxFileBytes,
        MaxBitrateKbps = MaxBitrateKbps,
    };

    /// <summary>A copy that overwrites (or not).</summary>
    internal RenderOptions WithOverwrite(bool overwrite, IReadOnlyList<string>? inputs = null) => overwrite == Overwrite && inputs is null ? this : new()
    {
        Inputs = inputs ?? Inputs,
        Codec = Codec,
        Crf = Crf,
        Preset = Preset,
        PixelFormat = PixelFormat,
        Overwrite = overwrite,
        MaxFramesInFlight = MaxFramesInFlight,
        Options = Options,
        Platform = Platform,
        Encoder = Encoder,
        MaxFileBytes = MaxFileBytes,
        MaxBitrateKbps = MaxBitrateKbps,
    };
}
