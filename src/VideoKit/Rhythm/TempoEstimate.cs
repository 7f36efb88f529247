namespace VideoKit.Rhythm;

/// <summary>A tempo with how strongly the music supports it.</summary>
/// <param name="Bpm">Beats per minute.</param>
/// <param name="Confidence">From 0 (no support) to 1.</param>
public readonly record struct TempoEstimate(double Bpm, double Confidence);
