namespace VideoKit.Rhythm;

/// <summary>The local tempo at a point of the song (one point per beat in a tempo curve).</summary>
/// <param name="Time">When, from the start of the song.</param>
/// <param name="Bpm">The local tempo in beats per minute.</param>
public readonly record struct TempoPoint(TimeSpan Time, double Bpm);
