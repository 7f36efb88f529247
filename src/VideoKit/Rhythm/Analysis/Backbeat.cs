namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Backbeat evidence for the metrical level: in drum-kit music the kick lands on beats 1 and 3 and the snare on 2 and 4,
/// so at the tactus — and only there — consecutive beats alternate between a low-register and a middle-register accent.
/// On a grid twice as fast every other beat is an off-beat and the kick/snare beats between them cancel (K, –, S, –);
/// on a grid half as fast every beat falls on the kick (K, K, K). The measure counts beats, not seconds, so a change of
/// tempo leaves it alone, unlike the tempo preference it is added to.
/// </summary>
internal static class Backbeat
{
    /// <summary>
    /// How strongly the grid's beats alternate between kick-register and middle-register onsets: with d = z(kick) −
    /// z(middle) per beat, |mean of (−1)^k d_k| over the SD of d, minus what chance gives with that many beats
    /// (√(2 / (π n)), the expected |mean| of n independent values). About 0.5–1 for a steady backbeat at the tactus,
    /// near or below 0 for music without one.
    /// </summary>
    public static double Alternation(ReadOnlySpan<float> kick, ReadOnlySpan<float> middle, ReadOnlySpan<int> beatFrames)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return 0;
        }

        double[] d = new double[n];
        Standardised(kick, beatFrames, d, 1);
        Standardised(middle, beatFrames, d, -1);
        double mean = 0;
        foreach (double v in d)
        {
            mean += v;
        }

        mean /= n;
        double var = 0, alternating = 0;
        for (int k = 0; k < n; k++)
        {
            double v = d[k] - mean;
            var += v * v;
            alternating += (k % 2 == 0 ? v : -v);
        }

        double sd = Math.Sqrt(var / n);
        return sd > 1e-12 ? (Math.Abs(alternating / n) / sd) - Math.Sqrt(2 / (Math.PI * n)) : 0;
    }

    /// <summary>Adds sign × the z-scored peak of <paramref name="values"/> near each beat to <paramref name="sum"/>.</summary>
    private static void Standardised(ReadOnlySpan<float> values, ReadOnlySpan<int> beatFrames, double[] sum, int sign)
    {
        int n = beatFrames.Length;
        Span<double> x = n <= 1024 ? stackalloc double[n] : new double[n];
        double mean = 0;
        for (int k = 0; k < n; k++)
        {
            x[k] = PeakNear(values, beatFrames[k]);
            mean += x[k];
        }

        mean /= n;
        double var = 0;
        foreach (double v in x)
        {
            var += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(var / n);
        if (sd <= 1e-12)
        {
            return;
        }

        for (int k = 0; k < n; k++)
        {
            sum[k] += sign * (x[k] - mean) / sd;
        }
    }

    private static float PeakNear(ReadOnlySpan<float> values, int frame)
    {
        float m = 0;
        for (int g = Math.Max(0, frame - 2); g <= Math.Min(values.Length - 1, frame + 4); g++)
        {
            m = Math.Max(m, values[g]);
        }

        return m;
    }
}
