namespace VideoKit.Rendering;

/// <summary>
/// How far a render is, counted by VideoKit (not parsed from FFmpeg's log): frames composed, frames handed to the
/// encoder, the total, and the time so far. Reported at most 10 times a second, and once at the end.
/// </summary>
/// <param name="FramesComposed">Frames composed so far (ahead of the encoder by at most the in-flight window).</param>
/// <param name="FramesEncoded">Frames handed to FFmpeg so far.</param>
/// <param name="TotalFrames">Frames in the video.</param>
/// <param name="Elapsed">Time since the render started.</param>
public readonly record struct RenderProgress(long FramesComposed, long FramesEncoded, long TotalFrames, TimeSpan Elapsed)
{
    /// <summary>The fraction done, 0–1, by frames encoded.</summary>
    public double Fraction => TotalFrames <= 0 ? 0 : Math.Clamp((double)FramesEncoded / TotalFrames, 0, 1);

    /// <summary>Frames encoded per second so far.</summary>
    public double FramesPerSecond => Elapsed <= TimeSpan.Zero ? 0 : FramesEncoded / Elapsed.TotalSeconds;

    /// <summary>The estimated time left at the rate so far, or <see langword="null"/> before the first frame.</summary>
    public TimeSpan? EstimatedRemaining => FramesEncoded <= 0
        ? null
        : TimeSpan.FromSeconds(Elapsed.TotalSeconds * (TotalFrames - FramesEncoded) / FramesEncoded);
}
