namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Meter and downbeat phase from per-beat features: low-frequency onset energy at the beat (bass and kick land on
/// "1"), harmonic change across the beat (chords change at bar lines) and the overall onset strength. The meter is the
/// lag (3, 4 or 5 beats; also 2 when the beat is divided in three, see <see cref="CompoundMeter"/>) at which the feature sequence repeats best, with a mild preference for 4; the phase is the
/// bar position whose beats carry the most of the combined feature.
/// </summary>
internal static class MeterEstimator
{
    internal readonly record struct Result(int BeatsPerBar, int FirstDownbeat, double Confidence, double Margin = 0);

    public static Result Estimate(Spectrogram spectrogram, OnsetFeatures onsets, ReadOnlySpan<int> beatFrames, int? forcedBeatsPerBar, bool ternary, RhythmTuning tuning)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return new Result(forcedBeatsPerBar ?? 4, 0, 0);
        }

        BarFeatures bar = BarFeatures.Compute(spectrogram, onsets, beatFrames);
        double[] feature = new double[n];
        for (int k = 0; k < n; k++)
        {
            feature[k] = (tuning.BassWeight * bar.Bass[k]) + (tuning.KickWeight * bar.Kick[k]) + (tuning.ChangeWeight * bar.Change[k]) + (tuning.FluxWeight * bar.Flux[k])
                + (tuning.BassNoteWeight * bar.BassNote[k]) + (tuning.LowEnergyWeight * bar.LowEnergy[k]);
        }

        int meter = forcedBeatsPerBar ?? 4;
        double bestMeterScore = double.NegativeInfinity, secondMeterScore = double.NegativeInfinity;
        if (forcedBeatsPerBar is null)
        {
            // Four beats to the bar is by far the most common simple meter, so 3 and 5 must show a clearer bar pattern;
            // between 6/8 (2 dotted-quarter beats) and 12/8 (4) the preference is weaker (6/8 is common).
            foreach (int m in ternary ? (ReadOnlySpan<int>)[2, 3, 4, 5] : [3, 4, 5])
            {
                double score = ChanceCorrected(PhaseContrast(WithChordNovelty(feature, bar, m, tuning.ChordNoveltyWeight), m, out _), m, n, tuning)
                    + (m == 4 ? (ternary ? tuning.CompoundFourPrior : tuning.FourPrior) : 0);
                if (score > bestMeterScore)
                {
                    secondMeterScore = bestMeterScore;
                    bestMeterScore = score;
                    meter = m;
                }
                else
                {
                    secondMeterScore = Math.Max(secondMeterScore, score);
                }
            }
        }

        double contrast = PhaseContrast(WithChordNovelty(feature, bar, meter, tuning.ChordNoveltyWeight), meter, out int phase);
        return new Result(meter, phase, Math.Clamp(contrast, 0, 1), double.IsFinite(secondMeterScore) ? bestMeterScore - secondMeterScore : 0);
    }

    /// <summary>
    /// Adds bar-level harmonic novelty: how different the pitch-class profile of the <paramref name="meter"/> beats from
    /// each beat is from that of the <paramref name="meter"/> beats before it (chords and sections change at bar lines);
    /// the sum is standardised, so contrasts of different meters and songs are on one scale.
    /// </summary>
    private static double[] WithChordNovelty(double[] feature, BarFeatures bar, int meter, double weight)
    {
        double[] novelty = weight > 0 ? bar.ChromaNovelty(meter) : new double[feature.Length];
        double[] result = new double[feature.Length];
        for (int k = 0; k < feature.Length; k++)
        {
            result[k] = feature[k] + (weight * novelty[k]);
        }

        BarFeatures.Standardise(result);
        return result;
    }

    /// <summary>
    /// The contrast minus what chance gives: with <paramref name="n"/> beats of a standardised feature without any bar
    /// pattern, each of the <paramref name="meter"/> position means has SD √(meter/n), and the best of them stands
    /// E[max of meter normals] · SD · meter/(meter − 1) above the mean of the others. Without this, more positions
    /// (5 beats per bar) win by chance more often.
    /// </summary>
    private static double ChanceCorrected(double contrast, int meter, int n, RhythmTuning tuning)
    {
        if (!tuning.ChanceCorrectedMeter)
        {
            return contrast;
        }

        double expectedMax = meter switch { 2 => 0.564, 3 => 0.846, 4 => 1.029, 5 => 1.163, _ => 1.267 };
        return contrast - (expectedMax * Math.Sqrt((double)meter / n) * meter / (meter - 1));
    }

    /// <summary>Mean feature of the best bar position minus the mean of the others.</summary>
    private static double PhaseContrast(double[] feature, int meter, out int bestPhase)
    {
        Span<double> sums = stackalloc double[meter];
        Span<int> counts = stackalloc int[meter];
        for (int k = 0; k < feature.Length; k++)
        {
            sums[k % meter] += feature[k];
            counts[k % meter]++;
        }

        bestPhase = 0;
        double best = double.NegativeInfinity, total = 0;
        for (int p = 0; p < meter; p++)
        {
            sums[p] /= Math.Max(1, counts[p]);
            total += sums[p];
            if (sums[p] > best)
            {
                best = sums[p];
                bestPhase = p;
            }
        }

        double others = (total - best) / (meter - 1);
        return best - others;
    }
}
