namespace VideoKit.Rendering;

/// <summary>What a render wrote.</summary>
public sealed class RenderResult
{
    /// <summary>The full path of the video file.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The number of frames written: exactly round(<see cref="Duration"/> × fps).</summary>
    public required long FrameCount { get; init; }

    /// <summary>The video length.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The frame size.</summary>
    public required Resolution Resolution { get; init; }

    /// <summary>The frame rate.</summary>
    public required FrameRate FrameRate { get; init; }

    /// <summary>True when the song was muxed in.</summary>
    public required bool HasAudio { get; init; }

    /// <summary>How long the render took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Frames rendered and encoded per second, on average.</summary>
    public double FramesPerSecond => Elapsed <= TimeSpan.Zero ? 0 : FrameCount / Elapsed.TotalSeconds;
}
