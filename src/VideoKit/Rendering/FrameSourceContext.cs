namespace VideoKit.Rendering;

/// <summary>What a <see cref="IFrameSource"/> renders for: the output size and rate, and the shared options.</summary>
public sealed class FrameSourceContext
{
    /// <summary>The size of every destination frame.</summary>
    public required Resolution OutputSize { get; init; }

    /// <summary>The output frame rate.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>Where FFmpeg lives, temporary folders, parallelism.</summary>
    public VideoKitOptions Options { get; init; } = VideoKitOptions.Default;
}
