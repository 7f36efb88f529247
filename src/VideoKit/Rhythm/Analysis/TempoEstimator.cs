using System.Numerics.Tensors;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Global tempo from the onset envelope: autocorrelation, a comb over the first multiples of each candidate period
/// (so a period is strong only when the pulse train it implies is), and a log-Gaussian prior on the period.
/// </summary>
internal static class TempoEstimator
{
    internal readonly record struct Result(double Bpm, double Strength, double Salience, float[] Comb, int MinLag);

    /// <summary>The normalised autocorrelation of the mean-removed <paramref name="signal"/> for lags 0..<paramref name="maxLag"/>.</summary>
    public static float[] Autocorrelation(ReadOnlySpan<float> signal, int maxLag)
    {
        // Remove the mean first, so that a noise-like envelope correlates to about 0 at every lag.
        float[] centred = new float[signal.Length];
        Elementwise.Add(signal, -(TensorPrimitives.Sum(signal) / Math.Max(1, signal.Length)), centred);
        ReadOnlySpan<float> envelope = centred;
        float[] acf = new float[maxLag + 1];
        for (int lag = 0; lag <= maxLag && lag < envelope.Length; lag++)
        {
            acf[lag] = TensorPrimitives.Dot(envelope[..^lag], envelope[lag..]) / (envelope.Length - lag);
        }

        float zero = acf[0];
        if (zero > 0)
        {
            Elementwise.Divide(acf, zero, acf);
        }

        return acf;
    }

    public static Result Estimate(ReadOnlySpan<float> envelope, double fps, double minBpm, double maxBpm, double priorBpm, double priorOctaves, double subdivisionWeight = 0)
    {
        int minLag = Math.Max(2, (int)Math.Floor(60 * fps / maxBpm));
        int maxLag = (int)Math.Ceiling(60 * fps / minBpm);
        const int multiples = 4;
        float[] acf = Autocorrelation(envelope, Math.Min(envelope.Length - 1, maxLag * multiples));
        float[] comb = new float[maxLag - minLag + 1];
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            double sum = 0, weights = 0;
            for (int k = 1; k <= multiples; k++)
            {
                int l = lag * k;
                if (l >= acf.Length)
                {
                    break;
                }

                // Best of the three lags around the multiple, to allow for rounding.
                float v = acf[l];
                if (l + 1 < acf.Length)
                {
                    v = Math.Max(v, acf[l + 1]);
                }

                v = Math.Max(v, acf[l - 1]);
                sum += v;
                weights += 1;
            }

            // A beat period is usually subdivided in two or three: reward periods whose half or third also recurs,
            // which separates the beat from a 2/3 or 3/2 relative that the multiples alone cannot.
            double subdivision = Math.Max(Peak(acf, lag / 2.0), Peak(acf, lag / 3.0));
            comb[lag - minLag] = (float)((sum / Math.Max(1, weights)) + (subdivisionWeight * subdivision));
        }

        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            double score = comb[lag - minLag] * Prior(60 * fps / lag, priorBpm, priorOctaves);
            if (score > bestScore)
            {
                bestScore = score;
                best = lag;
            }
        }

        // Parabolic refinement of the period on the raw autocorrelation.
        double period = best;
        if (best > 1 && best + 1 < acf.Length)
        {
            double a = acf[best - 1], b = acf[best], c = acf[best + 1];
            double d = a - (2 * b) + c;
            if (d < 0)
            {
                period = best + Math.Clamp(0.5 * (a - c) / d, -0.5, 0.5);
            }
        }

        double mean = TensorPrimitives.Sum(comb) / comb.Length;
        double std = Math.Sqrt(Math.Max(1e-12, TensorPrimitives.SumOfSquares(comb) / comb.Length - (mean * mean)));
        double salience = (comb[best - minLag] - mean) / std;
        return new Result(60 * fps / period, comb[best - minLag], salience, comb, minLag);
    }

    private static float Peak(float[] acf, double lag)
    {
        int l = (int)Math.Round(lag);
        if (l < 1 || l + 1 >= acf.Length)
        {
            return 0;
        }

        return Math.Max(acf[l], Math.Max(acf[l - 1], acf[l + 1]));
    }

    public static double Prior(double bpm, double centreBpm, double octaves)
    {
        double x = Math.Log2(bpm / centreBpm) / octaves;
        return Math.Exp(-0.5 * x * x);
    }
}
