namespace VideoKit.Media;

/// <summary>How <see cref="VideoDecoder"/> reads frames: from where, at what size and rate.</summary>
public sealed class VideoDecodeOptions
{
    /// <summary>Where to start reading (frame-accurate: FFmpeg decodes from the previous key frame and drops the rest).</summary>
    public TimeSpan Start { get; init; }

    /// <summary>How much to read, or <see langword="null"/> for the rest of the file.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The output size (FFmpeg scales with bicubic filtering), or <see langword="null"/> for the display size.</summary>
    public Resolution? Size { get; init; }

    /// <summary>
    /// The output frame rate (FFmpeg drops or repeats frames to hold it), or <see langword="null"/> to pass every
    /// decoded frame through in decoding order, whatever the container's timestamps say.
    /// </summary>
    public FrameRate? FrameRate { get; init; }

    /// <summary>
    /// Read each frame's presentation time from the container (one FFprobe pass over the packets, no decoding) so
    /// <see cref="VideoFrameReader.FrameTime"/> reports it. Only with <see cref="FrameRate"/> unset, where every decoded
    /// frame is passed through: a variable-frame-rate source then keeps its real timing.
    /// </summary>
    public bool SourceTimestamps { get; init; }

    /// <summary>Frame times already read (saves a second FFprobe pass when a reader is reopened).</summary>
    internal FrameTimes? KnownTimes { get; init; }

    /// <summary>The byte order of the frames.</summary>
    public Imaging.PixelFormat PixelFormat { get; init; } = Imaging.PixelFormat.Rgba32;
}
