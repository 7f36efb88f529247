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

    /// <summary>The FFmpeg encoder that wrote the video (libx264, h264_nvenc, prores_ks, ...).</summary>
    public string Encoder { get; init; } = string.Empty;

    /// <summary>Why that encoder: asked for, found by <see cref="EncoderBackend.Auto"/>, or the software fall-back and what the hardware one lacked.</summary>
    public string EncoderReason { get; init; } = string.Empty;

    /// <summary>
    /// Everything that did not go as asked, one sentence each (a hardware encoder that fell back to software, a zoom rate
    /// that did not fit the song, ...); empty when all went as asked. Also sent to <see cref="VideoKitOptions.Log"/>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Frames rendered and encoded per second, on average.</summary>
    public double FramesPerSecond => Elapsed <= TimeSpan.Zero ? 0 : FrameCount / Elapsed.TotalSeconds;

    /// <summary>A copy with <paramref name="earlier"/> warnings (from the steps before the render) listed first.</summary>
    internal RenderResult WithEarlierWarnings(IReadOnlyList<string> earlier) => earlier.Count == 0 ? this : new RenderResult
    {
        OutputPath = OutputPath,
        FrameCount = FrameCount,
        Duration = Duration,
        Resolution = Resolution,
        FrameRate = FrameRate,
        HasAudio = HasAudio,
        Elapsed = Elapsed,
        Encoder = Encoder,
        EncoderReason = EncoderReason,
        Warnings = [.. earlier, .. Warnings],
    };
}
