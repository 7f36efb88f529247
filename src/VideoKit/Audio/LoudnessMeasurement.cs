namespace VideoKit.Audio;

/// <summary>An EBU R128 measurement of a file's sound.</summary>
/// <param name="Integrated">Integrated loudness, LUFS.</param>
/// <param name="TruePeak">True peak, dBTP (dBFS of the 4× oversampled signal).</param>
/// <param name="LoudnessRange">Loudness range, LU.</param>
public readonly record struct LoudnessMeasurement(double Integrated, double TruePeak, double LoudnessRange);
