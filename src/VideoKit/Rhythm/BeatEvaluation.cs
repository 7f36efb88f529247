namespace VideoKit.Rhythm;

/// <summary>
/// The standard beat-tracking scores (MIREX / mir_eval definitions): F-measure with a ±70 ms window, the continuity
/// scores CMLt and AMLt (17.5 % phase and period tolerance; AMLt also accepts double, half and off-beat tempo), P-score,
/// and the tempo accuracies Acc1 (±4 %) and Acc2 (also ×2, ×½, ×3, ×⅓). Beats before 5 s are ignored, as in mir_eval.
/// </summary>
internal static class BeatEvaluation
{
    public const double IgnoreBefore = 5.0;

    internal readonly record struct Scores(double FMeasure, double Cmlt, double Amlt, double PScore);

    public static double[] Trim(IEnumerable<double> beats, double from = IgnoreBefore)
    {
        var list = new List<double>();
        foreach (double b in beats)
        {
            if (b >= from)
            {
                list.Add(b);
            }
        }

        list.Sort();
        return [.. list];
    }

    public static Scores Evaluate(double[] reference, double[] estimated)
    {
        double[] r = Trim(reference), e = Trim(estimated);
        (double cmlt, double amlt) = Continuity(r, e);
        return new Scores(FMeasure(r, e), cmlt, amlt, PScore(r, e));
    }

    /// <summary>F-measure of one-to-one matches within ±<paramref name="window"/> seconds (inputs sorted).</summary>
    public static double FMeasure(double[] reference, double[] estimated, double window = 0.07)
    {
        if (reference.Length == 0 || estimated.Length == 0)
        {
            return 0;
        }

        // Greedy earliest matching is a maximum matching for one-dimensional windows.
        int i = 0, j = 0, hits = 0;
        while (i < reference.Length && j < estimated.Length)
        {
            double d = estimated[j] - reference[i];
            if (Math.Abs(d) <= window + 1e-9)
            {
                hits++;
                i++;
                j++;
            }
            else if (d < 0)
            {
                j++;
            }
            else
            {
                i++;
            }
        }

        double precision = (double)hits / estimated.Length, recall = (double)hits / reference.Length;
        return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    }

    /// <summary>P-score: the cross-correlation of impulse trains within 20 % of the median reference interval.</summary>
    public static double PScore(double[] reference, double[] estimated, double threshold = 0.2)
    {
        if (reference.Length < 2 || estimated.Length == 0)
        {
            return 0;
        }

        double[] ibi = new double[reference.Length - 1];
        for (int k = 1; k < reference.Length; k++)
        {
            ibi[k - 1] = reference[k] - reference[k - 1];
        }

        Array.Sort(ibi);
        double window = threshold * ibi[ibi.Length / 2];
        // Sampled at 100 Hz like mir_eval.
        int hits = 0;
        int j0 = 0;
        foreach (double r in reference)
        {
            int rs = (int)Math.Round(r * 100);
            int w = (int)Math.Round(window * 100);
            while (j0 < estimated.Length && (int)Math.Round(estimated[j0] * 100) < rs - w)
            {
                j0++;
            }

            for (int j = j0; j < estimated.Length && (int)Math.Round(estimated[j] * 100) <= rs + w; j++)
            {
                hits++;
            }
        }

        return (double)hits / Math.Max(reference.Length, estimated.Length);
    }

    /// <summary>CMLt and AMLt (total correct, with continuity tolerances).</summary>
    public static (double Cmlt, double Amlt) Continuity(double[] reference, double[] estimated, double phaseThreshold = 0.175, double periodThreshold = 0.175)
    {
        if (reference.Length < 2 || estimated.Length < 2)
        {
            return (0, 0);
        }

        double[] doubled = new double[(2 * reference.Length) - 1];
        for (int k = 0; k < reference.Length; k++)
        {
            doubled[2 * k] = reference[k];
            if (k + 1 < reference.Length)
            {
                doubled[(2 * k) + 1] = 0.5 * (reference[k] + reference[k + 1]);
            }
        }

        double[] offbeat = Every(doubled, 1, 2), halfOdd = Every(reference, 0, 2), halfEven = Every(reference, 1, 2);
        double cmlt = TotalCorrect(reference, estimated, phaseThreshold, periodThreshold);
        double amlt = cmlt;
        foreach (double[] variation in (double[][])[offbeat, doubled, halfOdd, halfEven])
        {
            amlt = Math.Max(amlt, TotalCorrect(variation, estimated, phaseThreshold, periodThreshold));
        }

        return (cmlt, amlt);
    }

    private static double[] Every(double[] x, int start, int step)
    {
        var list = new List<double>();
        for (int i = start; i < x.Length; i += step)
        {
            list.Add(x[i]);
        }

        return [.. list];
    }

    /// <summary>The fraction of estimated beats that are correct in phase and period (mir_eval's total accuracy).</summary>
    private static double TotalCorrect(double[] reference, double[] estimated, double phaseThreshold, double periodThreshold)
    {
        if (reference.Length < 2)
        {
            return 0;
        }

        int n = Math.Max(reference.Length, estimated.Length);
        bool[] used = new bool[reference.Length];
        int successes = 0;
        for (int m = 0; m < estimated.Length; m++)
        {
            int nearest = 0;
            double min = double.PositiveInfinity;
            for (int k = 0; k < reference.Length; k++)
            {
                double d = Math.Abs(estimated[m] - reference[k]);
                if (d < min)
                {
                    min = d;
                    nearest = k;
                }
            }

            if (used[nearest])
            {
                continue;
            }

            double referenceInterval, estimatedInterval;
            if (m == 0 || nearest == 0)
            {
                referenceInterval = nearest + 1 < reference.Length ? reference[nearest + 1] - reference[nearest] : reference[nearest] - reference[nearest - 1];
                estimatedInterval = m + 1 < estimated.Length ? estimated[m + 1] - estimated[m] : estimated[m] - estimated[m - 1];
            }
            else
            {
                referenceInterval = reference[nearest] - reference[nearest - 1];
                estimatedInterval = estimated[m] - estimated[m - 1];
            }

            double phase = referenceInterval == 0 ? double.PositiveInfinity : Math.Abs(min / referenceInterval);
            double period = referenceInterval == 0 ? double.PositiveInfinity : Math.Abs(1 - (estimatedInterval / referenceInterval));
            if (phase < phaseThreshold && period < periodThreshold)
            {
                used[nearest] = true;
                successes++;
            }
        }

        return (double)successes / n;
    }

    /// <summary>The reference tempo: 60 / median inter-beat interval of the (trimmed) reference beats.</summary>
    public static double ReferenceTempo(double[] referenceBeats)
    {
        if (referenceBeats.Length < 2)
        {
            return 0;
        }

        double[] ibi = new double[referenceBeats.Length - 1];
        for (int k = 1; k < referenceBeats.Length; k++)
        {
            ibi[k - 1] = referenceBeats[k] - referenceBeats[k - 1];
        }

        Array.Sort(ibi);
        double median = ibi.Length % 2 == 1 ? ibi[ibi.Length / 2] : 0.5 * (ibi[(ibi.Length / 2) - 1] + ibi[ibi.Length / 2]);
        return 60 / median;
    }

    /// <summary>Acc1: the estimate within ±4 % of the reference.</summary>
    public static bool Acc1(double estimatedBpm, double referenceBpm, double tolerance = 0.04) =>
        referenceBpm > 0 && Math.Abs(estimatedBpm - referenceBpm) <= tolerance * referenceBpm;

    /// <summary>Acc2: Acc1 allowing the octave errors ×2, ×½, ×3, ×⅓.</summary>
    public static bool Acc2(double estimatedBpm, double referenceBpm, double tolerance = 0.04)
    {
        foreach (double f in (ReadOnlySpan<double>)[1, 2, 0.5, 3, 1.0 / 3])
        {
            if (Acc1(estimatedBpm, referenceBpm * f, tolerance))
            {
                return true;
            }
        }

        return false;
    }
}
