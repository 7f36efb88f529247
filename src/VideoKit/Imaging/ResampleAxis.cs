using System.Buffers;

namespace VideoKit.Imaging;

/// <summary>
/// The precomputed weights of one axis of a separable resample: for destination index <c>i</c>, the source indices
/// <c>Starts[i] .. Starts[i] + Taps - 1</c> (clamped into the source, edges repeated) with <c>Weights[i * Taps + k]</c>.
/// Every destination index has the same number of taps (zero-padded) so the inner loops have a fixed trip count.
/// The arrays are rented from <see cref="ArrayPool{T}.Shared"/>; dispose to return them.
/// </summary>
internal sealed class ResampleAxis : IDisposable
{
    private const double Epsilon = 1e-9;

    private int[]? _starts;
    private float[]? _weights;

    private ResampleAxis(ResamplingFilter filter, int count, int taps, int[] starts, float[] weights, int sourceStart, int sourceEnd)
    {
        Filter = filter;
        Count = count;
        Taps = taps;
        _starts = starts;
        _weights = weights;
        SourceStart = sourceStart;
        SourceEnd = sourceEnd;
    }

    /// <summary>The filter actually used (never <see cref="ResamplingFilter.Auto"/>).</summary>
    public ResamplingFilter Filter { get; }

    /// <summary>Destination samples along the axis.</summary>
    public int Count { get; }

    /// <summary>Source samples read for each destination sample.</summary>
    public int Taps { get; }

    /// <summary>The first source index any destination sample reads.</summary>
    public int SourceStart { get; }

    /// <summary>One past the last source index any destination sample reads.</summary>
    public int SourceEnd { get; }

    /// <summary>First source index of each destination sample.</summary>
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);

    /// <summary><see cref="Taps"/> weights per destination sample, each group summing to 1.</summary>
    public ReadOnlySpan<float> Weights => _weights.AsSpan(0, Count * Taps);

    /// <summary>The weights of destination sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> WeightsAt(int index) => _weights.AsSpan(index * Taps, Taps);

    /// <summary>Resolves <see cref="ResamplingFilter.Auto"/> for a scale (source length over destination length).</summary>
    public static ResamplingFilter Resolve(ResamplingFilter filter, double scale) =>
        filter != ResamplingFilter.Auto ? filter : scale > 1 + Epsilon ? ResamplingFilter.Area : ResamplingFilter.Bicubic;

    /// <summary>Builds the weights mapping <c>[start, start + length)</c> of a source axis onto <paramref name="count"/> samples.</summary>
    public static ResampleAxis Create(ResamplingFilter filter, double start, double length, int sourceSize, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        double scale = length / count;
        filter = Resolve(filter, scale);

        // Half-width of the footprint in source pixels: the kernel radius, widened by the scale when shrinking.
        double stretch = Math.Max(scale, 1);
        double halfWidth = filter switch
        {
            ResamplingFilter.Bilinear => stretch,
            ResamplingFilter.Bicubic => 2 * stretch,
            ResamplingFilter.Area => scale / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, $"Unknown resampling filter {filter}."),
        };

        int span = (int)Math.Ceiling(2 * halfWidth) + 3;
        double[] scratch = ArrayPool<double>.Shared.Rent(span);
        try
        {
            // Pass 1: the widest clamped footprint fixes the tap count.
            int taps = 1;
            for (int i = 0; i < count; i++)
            {
                (int first, int last) = Footprint(filter, start, scale, stretch, halfWidth, sourceSize, i, scratch);
                taps = Math.Max(taps, last - first + 1);
            }

            taps = Math.Min(taps, sourceSize);
            int[] starts = ArrayPool<int>.Shared.Rent(count);
            float[] weights = ArrayPool<float>.Shared.Rent(count * taps);
            Array.Clear(weights, 0, count * taps);
            int sourceStart = int.MaxValue, sourceEnd = 0;

            // Pass 2: place each footprint in its group of taps. The start is the lowest that still covers the footprint
            // and does not go back from the previous sample's: trimming zero weights (a sample exactly on a pixel centre
            // needs only that pixel) would otherwise make starts jump back and forth, and the vertical pass keeps only
            // the last `taps` source rows in its ring buffer, so it needs them non-decreasing.
            int previous = 0;
            for (int i = 0; i < count; i++)
            {
                (int first, int last) = Footprint(filter, start, scale, stretch, halfWidth, sourceSize, i, scratch);
                int s = Math.Min(Math.Max(previous, last - taps + 1), first);
                s = Math.Clamp(s, 0, sourceSize - taps);
                previous = s;
                starts[i] = s;
                sourceStart = Math.Min(sourceStart, s);
                sourceEnd = Math.Max(sourceEnd, s + taps);
                for (int j = first; j <= last; j++)
                {
                    weights[(i * taps) + (j - s)] = (float)scratch[j - first];
                }
            }

            return new ResampleAxis(filter, count, taps, starts, weights, sourceStart, sourceEnd);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Computes the normalised weights of destination sample <paramref name="i"/> into <paramref name="weights"/>
    /// (index 0 = source index <c>first</c>), clamping source indices into the frame and trimming zero weights at the ends.
    /// </summary>
    private static (int First, int Last) Footprint(
        ResamplingFilter filter, double start, double scale, double stretch, double halfWidth, int sourceSize, int i, double[] weights)
    {
        double center = start + ((i + 0.5) * scale);
        int lo = (int)Math.Floor(center - halfWidth - 0.5);
        int hi = (int)Math.Ceiling(center + halfWidth - 0.5);
        if (filter == ResamplingFilter.Area)
        {
            lo = (int)Math.Floor(center - halfWidth);
            hi = (int)Math.Ceiling(center + halfWidth) - 1;
        }

        int first = Math.Clamp(lo, 0, sourceSize - 1);
        int last = Math.Clamp(hi, 0, sourceSize - 1);
        Array.Clear(weights, 0, last - first + 1);
        double sum = 0;
        for (int j = lo; j <= hi; j++)
        {
            double w = filter switch
            {
                ResamplingFilter.Bilinear => Triangle((j + 0.5 - center) / stretch),
                ResamplingFilter.Bicubic => Cubic((j + 0.5 - center) / stretch),
                _ => Math.Min(j + 1, center + halfWidth) - Math.Max(j, center - halfWidth),
            };
            if (w != 0)
            {
                weights[Math.Clamp(j, 0, sourceSize - 1) - first] += w;
                sum += w;
            }
        }

        if (Math.Abs(sum) < Epsilon)
        {
            // Degenerate footprint (cannot happen for positive lengths, but keep the table valid): nearest pixel.
            int nearest = Math.Clamp((int)Math.Floor(center), 0, sourceSize - 1);
            Array.Clear(weights, 0, last - first + 1);
            weights[nearest - first] = 1;
            sum = 1;
        }

        for (int j = 0; j <= last - first; j++)
        {
            weights[j] /= sum;
        }

        // Trim zero (or negligible) weights at both ends so exact positions read exactly one pixel.
        while (last > first && Math.Abs(weights[last - first]) < Epsilon)
        {
            last--;
        }

        int trim = 0;
        while (first + trim < last && Math.Abs(weights[trim]) < Epsilon)
        {
            trim++;
        }

        if (trim > 0)
        {
            Array.Copy(weights, trim, weights, 0, last - first - trim + 1);
            first += trim;
        }

        return (first, last);
    }

    /// <summary>The triangle (linear interpolation) kernel, radius 1.</summary>
    internal static double Triangle(double t)
    {
        t = Math.Abs(t);
        return t < 1 ? 1 - t : 0;
    }

    /// <summary>Keys' cubic convolution kernel with a = −0.5 (Catmull-Rom), radius 2.</summary>
    internal static double Cubic(double t)
    {
        const double a = -0.5;
        t = Math.Abs(t);
        if (t < 1)
        {
            return ((((a + 2) * t) - (a + 3)) * t * t) + 1;
        }

        if (t < 2)
        {
            return (((((a * t) - (5 * a)) * t) + (8 * a)) * t) - (4 * a);
        }

        return 0;
    }

    public void Dispose()
    {
        int[]? starts = Interlocked.Exchange(ref _starts, null);
        float[]? weights = Interlocked.Exchange(ref _weights, null);
        if (starts is not null)
        {
            ArrayPool<int>.Shared.Return(starts);
        }

        if (weights is not null)
        {
            ArrayPool<float>.Shared.Return(weights);
        }
    }
}
