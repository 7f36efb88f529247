using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// Decides whether two consecutive frames belong to different shots, so no interpolator ghosts one shot into the other.
/// It compares 64-bin colour histograms (4 levels per channel) of a sparse pixel grid: motion moves pixels around but
/// keeps their colours, while a cut changes the colours. <see cref="MotionCompensatedInterpolator"/> adds its own test of
/// how well motion explains B from A.
/// </summary>
public sealed class SceneCutDetector
{
    private const int Bins = 64;
    private double _threshold = 0.35;

    /// <summary>
    /// The histogram distance (half the L1 distance of the normalised histograms, 0 = same colours, 1 = no colour in
    /// common) from which two frames count as a cut. Default 0.35.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1].</exception>
    public double Threshold
    {
        get => _threshold;
        init
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The scene-cut threshold must be in (0, 1].");
            }

            _threshold = value;
        }
    }

    /// <summary>True when <paramref name="first"/> and <paramref name="second"/> look like different shots.</summary>
    /// <param name="first">A frame.</param>
    /// <param name="second">The next frame, of the same size.</param>
    /// <returns>Whether there is a cut between them.</returns>
    /// <exception cref="ArgumentException">The frames differ in size or format.</exception>
    public bool IsCut(Frame first, Frame second) => Distance(first, second) >= _threshold;

    /// <summary>The histogram distance in [0, 1] between two frames.</summary>
    /// <param name="first">A frame.</param>
    /// <param name="second">A frame of the same size and format.</param>
    /// <returns>0 for identical colour distributions, 1 for disjoint ones.</returns>
    /// <exception cref="ArgumentException">The frames differ in size or format.</exception>
    public static double Distance(Frame first, Frame second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Width != second.Width || first.Height != second.Height || first.Format != second.Format)
        {
            throw new ArgumentException($"Cannot compare a {first.Width}x{first.Height} frame with a {second.Width}x{second.Height} frame.", nameof(second));
        }

        Span<int> ha = stackalloc int[Bins];
        Span<int> hb = stackalloc int[Bins];
        ha.Clear();
        hb.Clear();
        int step = Math.Max(1, Math.Min(first.Width, first.Height) / 120);
        int count = 0;
        for (int y = step / 2; y < first.Height; y += step)
        {
            ReadOnlySpan<byte> ra = first.GetRow(y), rb = second.GetRow(y);
            for (int x = (step / 2) * 4; x < ra.Length; x += step * 4)
            {
                ha[((ra[x] >> 6) << 4) | ((ra[x + 1] >> 6) << 2) | (ra[x + 2] >> 6)]++;
                hb[((rb[x] >> 6) << 4) | ((rb[x + 1] >> 6) << 2) | (rb[x + 2] >> 6)]++;
                count++;
            }
        }

        long diff = 0;
        for (int i = 0; i < Bins; i++)
        {
            diff += Math.Abs(ha[i] - hb[i]);
        }

        return count == 0 ? 0 : diff / (2.0 * count);
    }
}
