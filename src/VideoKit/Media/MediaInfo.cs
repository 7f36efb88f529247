namespace VideoKit.Media;

/// <summary>What FFprobe found in a media file.</summary>
public sealed class MediaInfo
{
    /// <summary>The absolute path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>The container format FFmpeg detected (for example "mov,mp4,m4a,3gp,3g2,mj2" or "flac").</summary>
    public required string FormatName { get; init; }

    /// <summary>The container duration, or <see cref="TimeSpan.Zero"/> when unknown (a still image).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The video streams (a still image has one), in file order.</summary>
    public required IReadOnlyList<VideoStreamInfo> VideoStreams { get; init; }

    /// <summary>The audio streams, in file order.</summary>
    public required IReadOnlyList<AudioStreamInfo> AudioStreams { get; init; }

    /// <summary>The first video stream, or <see langword="null"/>.</summary>
    public VideoStreamInfo? PrimaryVideo => VideoStreams.Count > 0 ? VideoStreams[0] : null;

    /// <summary>The first audio stream, or <see langword="null"/>.</summary>
    public AudioStreamInfo? PrimaryAudio => AudioStreams.Count > 0 ? AudioStreams[0] : null;
}

/// <summary>One video stream of a probed file.</summary>
public sealed class VideoStreamInfo
{
    /// <summary>The stream index in the file.</summary>
    public required int Index { get; init; }

    /// <summary>The codec name (for example "h264", "png").</summary>
    public required string Codec { get; init; }

    /// <summary>The coded width in pixels (before rotation).</summary>
    public required int Width { get; init; }

    /// <summary>The coded height in pixels (before rotation).</summary>
    public required int Height { get; init; }

    /// <summary>The average frame rate, or <see langword="default"/> when unknown.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>The stream duration, or <see cref="TimeSpan.Zero"/> when unknown.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The number of frames the container declares, or 0 when unknown.</summary>
    public required long FrameCount { get; init; }

    /// <summary>The display rotation in degrees (0, 90, 180 or 270, clockwise) that FFmpeg applies when decoding.</summary>
    public required int Rotation { get; init; }

    /// <summary>The pixel format name (for example "yuv420p").</summary>
    public required string PixelFormat { get; init; }

    /// <summary>The colour matrix the stream is tagged with (for example "bt709", "smpte170m"), or empty when untagged.</summary>
    public string ColorSpace { get; init; } = string.Empty;

    /// <summary>The tagged sample range: "tv" (limited), "pc" (full), or empty when untagged.</summary>
    public string ColorRange { get; init; } = string.Empty;

    /// <summary>The EXIF orientation (1 to 8) of a still image, which VideoKit applies when decoding it; 1 when upright and for video.</summary>
    internal int Orientation { get; init; } = 1;

    /// <summary>Whether the stream carries alpha beside its pixel format (VP8/VP9 in WebM, tag <c>alpha_mode=1</c>): FFmpeg's
    /// own decoders drop it; libvpx's keep it.</summary>
    internal bool AlphaMode { get; init; }

    /// <summary>The width after rotation: what a decoded frame shows.</summary>
    public int DisplayWidth => Rotation is 90 or 270 ? Height : Width;

    /// <summary>The height after rotation: what a decoded frame shows.</summary>
    public int DisplayHeight => Rotation is 90 or 270 ? Width : Height;
}

/// <summary>One audio stream of a probed file.</summary>
public sealed class AudioStreamInfo
{
    /// <summary>The stream index in the file.</summary>
    public required int Index { get; init; }

    /// <summary>The codec name (for example "flac", "aac").</summary>
    public required string Codec { get; init; }

    /// <summary>Samples per second.</summary>
    public required int SampleRate { get; init; }

    /// <summary>The number of channels.</summary>
    public required int Channels { get; init; }

    /// <summary>The stream duration, or <see cref="TimeSpan.Zero"/> when unknown.</summary>
    public required TimeSpan Duration { get; init; }
}
