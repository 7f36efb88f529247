using System.Numerics.Tensors;

namespace VideoKit.Rhythm.Analysis;

/// <summary>Small span helpers for envelopes.</summary>
internal static class Signal
{
    /// <summary>Subtracts a centred moving average of <paramref name="radius"/> frames each side and clips at 0.</summary>
    public static float[] SubtractLocalMean(ReadOnlySpan<float> x, int radius)
    {
        float[] result = Smooth(x, radius);
        for (int t = 0; t < result.Length; t++)
        {
            result[t] = Math.Max(0, x[t] - result[t]);
        }

        return result;
    }

    /// <summary>A centred moving average of <paramref name="radius"/> frames each side.</summary>
    public static float[] Smooth(ReadOnlySpan<float> x, int radius)
    {
        float[] result = new float[x.Length];
        double sum = 0;
        int lo = 0, hi = -1;
        for (int t = 0; t < x.Length; t++)
        {
            int wantHi = Math.Min(x.Length - 1, t + radius), wantLo = Math.Max(0, t - radius);
            while (hi < wantHi)
            {
                hi++;
                sum += x[hi];
            }

            while (lo < wantLo)
            {
                sum -= x[lo];
                lo++;
            }

            result[t] = (float)(sum / (hi - lo + 1));
        }

        return result;
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) of <paramref name="x"/>.</summary>
    public static float Quantile(ReadOnlySpan<float> x, double q)
    {
        if (x.IsEmpty)
        {
            return 0;
        }

        float[] copy = x.ToArray();
        Array.Sort(copy);
        return copy[(int)Math.Clamp(Math.Round(q * (copy.Length - 1)), 0, copy.Length - 1)];
    }

    public static double Rms(ReadOnlySpan<float> x) => x.IsEmpty ? 0 : Math.Sqrt(TensorPrimitives.SumOfSquares(x) / x.Length);
}
