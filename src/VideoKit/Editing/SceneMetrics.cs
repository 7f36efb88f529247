using VideoKit.Imaging;

namespace VideoKit.Editing;

/// <summary>Frame-difference measures for scene-change detection and clip activity.</summary>
internal static class SceneMetrics
{
    public const int HistogramBins = 32;

    /// <summary>Writes the luma (BT.601 weights, 0–255) of every pixel of <paramref name="frame"/>.</summary>
    public static void Luma(Frame frame, Span<byte> luma)
    {
        bool bgr = frame.Format == PixelFormat.Bgra32;
        ReadOnlySpan<byte> px = frame.Span;
        int n = frame.Width * frame.Height;
        if (luma.Length < n)
        {
            throw new ArgumentException($"The luma buffer holds {luma.Length} values; the frame has {n} pixels.", nameof(luma));
        }

        for (int i = 0; i < n; i++)
        {
            int r = px[(i * 4) + (bgr ? 2 : 0)], g = px[(i * 4) + 1], b = px[(i * 4) + (bgr ? 0 : 2)];
            luma[i] = (byte)(((77 * r) + (150 * g) + (29 * b) + 128) >> 8);
        }
    }

    /// <summary>The mean absolute difference of two luma planes (0–255).</summary>
    public static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException($"Luma planes differ in length ({a.Length}, {b.Length}) or are empty.");
        }

        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / a.Length;
    }

    /// <summary>The mean of a luma plane (0–255).</summary>
    public static double Mean(ReadOnlySpan<byte> luma)
    {
        long sum = 0;
        foreach (byte y in luma)
        {
            sum += y;
        }

        return luma.Length == 0 ? 0 : (double)sum / luma.Length;
    }

    /// <summary>Counts luma values into <see cref="HistogramBins"/> bins.</summary>
    public static void Histogram(ReadOnlySpan<byte> luma, Span<int> bins)
    {
        bins.Clear();
        foreach (byte y in luma)
        {
            bins[y >> 3]++;
        }
    }

    /// <summary>Half the L1 distance of two normalised histograms: 0 for equal, 1 for disjoint.</summary>
    public static double HistogramDistance(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int total)
    {
        long d = 0;
        for (int i = 0; i < a.Length; i++)
        {
            d += Math.Abs(a[i] - b[i]);
        }

        return total == 0 ? 0 : d / (2.0 * total);
    }
}
