namespace VideoKit.Interpolation;

/// <summary>How far a retiming has got.</summary>
/// <param name="Frame">Output frames written so far.</param>
/// <param name="TotalFrames">The expected number of output frames (an estimate when the source's frame count is not declared).</param>
/// <param name="Elapsed">Time since the start.</param>
public readonly record struct RetimeProgress(long Frame, long TotalFrames, TimeSpan Elapsed);
