using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// Cross-fades A and B with weights 1 − t and t (SIMD, 8-bit weights). Fast and smooth for slow change; moving edges
/// show twice. Across a scene cut it copies the nearer frame instead.
/// </summary>
public sealed class BlendInterpolator : IFrameInterpolator
{
    // Below this many bytes one thread is faster than scheduling several.
    private const int ParallelThreshold = 1 << 20;

    /// <summary>The scene-cut test; <see langword="null"/> blends across cuts too.</summary>
    public SceneCutDetector? SceneCuts { get; init; } = new();

    /// <summary>The most threads one call uses (at least 1).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, double position, Frame destination)
    {
        double t = FrameInterpolator.Check(first, second, position, destination);
        int weight = BlendKernel.Weight(t);
        if (weight == 0 || weight == 256 || (SceneCuts?.IsCut(first, second) ?? false))
        {
            (t < 0.5 ? first : second).CopyTo(destination);
            return;
        }

        Blend(first, second, weight, destination, MaxDegreeOfParallelism);
    }

    internal static void Blend(Frame first, Frame second, int weight, Frame destination, int maxDegreeOfParallelism)
    {
        int length = destination.Length;
        int bands = length < ParallelThreshold ? 1 : Math.Clamp(maxDegreeOfParallelism, 1, 16) * 2;
        if (bands == 1)
        {
            BlendKernel.Blend(first.Span, second.Span, destination.Span, weight);
            return;
        }

        int rowsPerBand = (destination.Height + bands - 1) / bands;
        int stride = destination.Stride;
        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, band =>
        {
            int y0 = band * rowsPerBand;
            int y1 = Math.Min(destination.Height, y0 + rowsPerBand);
            if (y0 >= y1)
            {
                return;
            }

            int start = y0 * stride, count = (y1 - y0) * stride;
            BlendKernel.Blend(first.Span.Slice(start, count), second.Span.Slice(start, count), destination.Span.Slice(start, count), weight);
        });
    }
}
