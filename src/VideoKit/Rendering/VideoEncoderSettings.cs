using VideoKit.Rendering.Segments;

namespace VideoKit.Rendering;

/// <summary>What <see cref="VideoEncoder"/> writes: size, rate, codec preset and quality, and the soundtrack.</summary>
internal sealed class VideoEncoderSettings
{
    /// <summary>The frame size; every frame written must have it.</summary>
    public required Resolution Size { get; init; }

    /// <summary>The exact output frame rate.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>The encoder preset.</summary>
    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>Constant rate factor (lower is better and bigger), or <see langword="null"/> for the codec's default
    /// (H.264 20, H.265 24, VP9 32). Not used by ProRes and FFV1.</summary>
    public int? Crf { get; init; }

    /// <summary>The speed preset (x264/x265: ultrafast … veryslow; VP9: realtime, good, best; ProRes profile: proxy, lt,
    /// standard, hq, 4444, 4444xq), or <see langword="null"/> for the codec's default.</summary>
    public string? Preset { get; init; }

    /// <summary>The output pixel format (for example yuv420p, yuv444p, yuv422p10le), or <see langword="null"/> for the
    /// codec's default. For yuv420p VideoKit converts the frames itself (SIMD, BT.709); other formats are converted by FFmpeg.</summary>
    public string? PixelFormat { get; init; }

    /// <summary>An audio file muxed as the soundtrack (a file, not a pipe), or <see langword="null"/> for a silent video.</summary>
    public string? AudioPath { get; init; }

    /// <summary>Cut the audio at this length (the video's length), or <see langword="null"/> to keep all of it.</summary>
    public TimeSpan? AudioDuration { get; init; }

    /// <summary>ASS scripts burned into the picture by libass, in order (empty for none).</summary>
    public IReadOnlyList<string> Subtitles { get; init; } = [];

    /// <summary>A folder of fonts libass may use besides the installed ones (with <see cref="Subtitles"/>).</summary>
    public string? FontsFolder { get; init; }

    /// <summary>Replace an existing output file. When false (the default) an existing file is an error and is never touched.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Put an IDR frame on every multiple of this many frames (<see cref="KeyframeGrid"/>), or <see langword="null"/>
    /// for the encoder's own placement. The renderer sets it for software H.264, H.265 and VP9 without a platform preset.</summary>
    internal int? KeyframeInterval { get; init; }

    /// <summary>Set when the output is one segment of a segmented render (fixed GOP, identity tag); see <see cref="Segments.SegmentRenderer"/>.</summary>
    internal SegmentEncoding? Segment { get; init; }

    /// <summary>The time of the first encoded frame in the whole video (a segment's start), so that <see cref="Subtitles"/> keep the video's clock.</summary>
    internal TimeSpan SubtitleOffset { get; init; }

    /// <summary>The delivery preset whose profile, bitrate cap, GOP and audio are added (set by the renderer).</summary>
    internal PlatformPreset? Platform { get; init; }

    /// <summary>The GIF preset's file-size cap in bytes (the GIF is re-encoded smaller until it fits).</summary>
    internal long? MaxFileBytes { get; init; }

    /// <summary>The video bitrate cap in kbit/s (VBV maxrate), or <see langword="null"/> for the preset's or none.</summary>
    internal int? MaxBitrateKbps { get; init; }

    /// <summary>A hardware encoder (such as h264_nvenc) used instead of libx264/libx265 (set by the renderer).</summary>
    internal string? HardwareEncoder { get; init; }

    /// <summary>Where FFmpeg lives and where temporary files go.</summary>
    public VideoKitOptions Options { get; init; } = VideoKitOptions.Default;

    /// <summary>The files the video is made from: the output may never be one of them.</summary>
    internal IReadOnlyList<string> Inputs { get; init; } = [];
}
