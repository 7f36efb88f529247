using System.Buffers;
using System.Drawing;

namespace VideoKit.Imaging;

/// <summary>
/// Resizes frames and resamples sub-pixel regions of frames in memory: separable two-pass filtering (horizontal into a
/// pooled float buffer, then vertical) with precomputed per-axis weight tables, rows spread over threads and SIMD inner
/// loops. Colour is filtered premultiplied by alpha when the source has any transparency, so transparent pixels never
/// bleed their colour into their neighbours.
/// </summary>
/// <example>
/// <code>
/// using Frame photo = await ImageFile.LoadAsync("photo.jpg");
/// using Frame thumbnail = Resampler.Resize(photo, 320, 180);                       // Auto: area when shrinking
/// using var zoomed = new Frame(1280, 720);
/// Resampler.Resample(photo, new SampleRegion(100.25, 80.5, 640, 360), zoomed, ResamplingFilter.Bicubic);
/// </code>
/// </example>
public static class Resampler
{
    // Below this many destination samples the passes run on the calling thread: fork/join would cost more than it saves.
    private const int ParallelThreshold = 1 << 15;

    /// <summary>Resizes the whole of <paramref name="source"/> into the whole of <paramref name="destination"/>.</summary>
    /// <param name="source">The frame to read.</param>
    /// <param name="destination">The frame to overwrite (any size; its format may differ from the source's).</param>
    /// <param name="filter">The filter; <see cref="ResamplingFilter.Auto"/> picks area for shrinking and bicubic otherwise.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) means one per processor.</param>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The filter is unknown or the parallelism is 0 or below -1.</exception>
    public static void Resize(Frame source, Frame destination, ResamplingFilter filter = ResamplingFilter.Auto, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        Resample(source, SampleRegion.Of(source), destination, new Rectangle(0, 0, destination.Width, destination.Height), filter, maxDegreeOfParallelism);
    }

    /// <summary>Resizes a frame into a new pooled frame of the given size and the source's format.</summary>
    /// <param name="source">The frame to read.</param>
    /// <param name="width">The new width in pixels.</param>
    /// <param name="height">The new height in pixels.</param>
    /// <param name="filter">The filter; <see cref="ResamplingFilter.Auto"/> picks area for shrinking and bicubic otherwise.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) means one per processor.</param>
    /// <returns>A new frame the caller disposes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the filter is unknown or the parallelism is invalid.</exception>
    public static Frame Resize(Frame source, int width, int height, ResamplingFilter filter = ResamplingFilter.Auto, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        var destination = new Frame(width, height, source.Format);
        try
        {
            Resize(source, destination, filter, maxDegreeOfParallelism);
            return destination;
        }
        catch
        {
            destination.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fits the whole of <paramref name="source"/> into <paramref name="destination"/>: <see cref="FitMode.Cover"/> crops
    /// the overflow (centred, sub-pixel exact), <see cref="FitMode.Contain"/> letterboxes with opaque black bars,
    /// <see cref="FitMode.Stretch"/> ignores the aspect ratio.
    /// </summary>
    /// <param name="source">The frame to read.</param>
    /// <param name="destination">The frame to overwrite completely.</param>
    /// <param name="fit">How to fit the picture.</param>
    /// <param name="filter">The filter; <see cref="ResamplingFilter.Auto"/> picks area for shrinking and bicubic otherwise.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) means one per processor.</param>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The fit mode or filter is unknown, or the parallelism is 0 or below -1.</exception>
    public static void Fit(Frame source, Frame destination, FitMode fit = FitMode.Cover, ResamplingFilter filter = ResamplingFilter.Auto, int maxDegreeOfParallelism = -1) =>
        FitGeometry.Fit(source, destination, fit, filter, default, maxDegreeOfParallelism);

    /// <summary>Resamples a sub-pixel region of <paramref name="source"/> into the whole of <paramref name="destination"/> (a crop or a zoom).</summary>
    /// <param name="source">The frame to read.</param>
    /// <param name="sourceRegion">The region to read, in source pixels; it may reach outside the frame (edges repeat).</param>
    /// <param name="destination">The frame to overwrite.</param>
    /// <param name="filter">The filter; <see cref="ResamplingFilter.Auto"/> picks area for shrinking and bicubic otherwise.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) means one per processor.</param>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The source region is empty (<c>default</c>), the filter is unknown or the parallelism is 0 or below -1.</exception>
    public static void Resample(Frame source, SampleRegion sourceRegion, Frame destination, ResamplingFilter filter = ResamplingFilter.Auto, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Resample(source, sourceRegion, destination, new Rectangle(0, 0, destination.Width, destination.Height), filter, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Resamples a sub-pixel region of <paramref name="source"/> into a rectangle of <paramref name="destination"/>
    /// (e.g. letterboxing); pixels outside <paramref name="destinationArea"/> are left as they are.
    /// </summary>
    /// <param name="source">The frame to read.</param>
    /// <param name="sourceRegion">The region to read, in source pixels; it may reach outside the frame (edges repeat).</param>
    /// <param name="destination">The frame to write.</param>
    /// <param name="destinationArea">The rectangle of <paramref name="destination"/> to overwrite; it must lie inside the frame.</param>
    /// <param name="filter">The filter; <see cref="ResamplingFilter.Auto"/> picks area for shrinking and bicubic otherwise.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 (the default) means one per processor.</param>
    /// <exception cref="ArgumentNullException">A frame is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The source region is empty (<c>default</c>), the destination area is empty or leaves the destination, the filter is unknown or the parallelism is 0 or below -1.
    /// </exception>
    public static void Resample(
        Frame source,
        SampleRegion sourceRegion,
        Frame destination,
        Rectangle destinationArea,
        ResamplingFilter filter = ResamplingFilter.Auto,
        int maxDegreeOfParallelism = -1) =>
        ResampleCore(source, sourceRegion, destination, destinationArea, filter, maxDegreeOfParallelism, vectorized: true);

    /// <summary>The whole pipeline, with the SIMD kernels or with their scalar references (for tests and benchmarks).</summary>
    internal static void ResampleCore(
        Frame source,
        SampleRegion sourceRegion,
        Frame destination,
        Rectangle destinationArea,
        ResamplingFilter filter,
        int maxDegreeOfParallelism,
        bool vectorized,
        bool allowCopy = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (!Enum.IsDefined(filter))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter, $"Unknown resampling filter {filter}.");
        }

        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "The parallelism must be -1 (one thread per processor) or positive.");
        }

        if (!(sourceRegion.Width > 0 && sourceRegion.Height > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(sourceRegion), sourceRegion, "The source region must have a positive width and height.");
        }

        if (destinationArea.Width <= 0 || destinationArea.Height <= 0 || destinationArea.X < 0 || destinationArea.Y < 0 ||
            destinationArea.Right > destination.Width || destinationArea.Bottom > destination.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(destinationArea), destinationArea,
                $"The destination area {destinationArea} must be non-empty and inside the {destination.Width}x{destination.Height} destination frame.");
        }

        if (allowCopy && TryCopy(source, sourceRegion, destination, destinationArea))
        {
            return;
        }

        using ResampleAxis xAxis = ResampleAxis.Create(filter, sourceRegion.X, sourceRegion.Width, source.Width, destinationArea.Width);
        using ResampleAxis yAxis = ResampleAxis.Create(filter, sourceRegion.Y, sourceRegion.Height, source.Height, destinationArea.Height);
        using var job = new ResampleJob(source, destination, destinationArea, xAxis, yAxis, vectorized);
        int degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        job.Run(degree);
    }

    /// <summary>
    /// A region of the source's own size at whole-pixel coordinates inside it is a copy: every filter would give each pixel
    /// weight 1, and copying also keeps the colour of fully transparent pixels, which premultiplication would lose.
    /// </summary>
    private static bool TryCopy(Frame source, SampleRegion region, Frame destination, Rectangle area)
    {
        if (region.Width != area.Width || region.Height != area.Height || region.X != Math.Floor(region.X) || region.Y != Math.Floor(region.Y) ||
            region.X < 0 || region.Y < 0 || region.X + region.Width > source.Width || region.Y + region.Height > source.Height)
        {
            return false;
        }

        int x = (int)region.X, y = (int)region.Y;
        bool swap = source.Format != destination.Format;
        for (int row = 0; row < area.Height; row++)
        {
            Span<byte> target = destination.GetRow(area.Y + row).Slice(area.X * 4, area.Width * 4);
            source.GetRow(y + row).Slice(x * 4, area.Width * 4).CopyTo(target);
            if (swap)
            {
                PixelConverter.SwapRedBlue(target);
            }
        }

        return true;
    }

    /// <summary>
    /// The state of one resample. The destination rows are split into contiguous chunks, one per task; each chunk walks
    /// its rows top to bottom keeping the horizontally filtered source rows it still needs in a small ring buffer of
    /// <c>taps</c> rows (cache-resident), so every source row is filtered once per chunk and nothing frame-sized is
    /// allocated.
    /// </summary>
    private sealed class ResampleJob : IDisposable
    {
        private readonly Frame _source;
        private readonly Frame _destination;
        private readonly Rectangle _area;
        private readonly ResampleAxis _x;
        private readonly ResampleAxis _y;
        private readonly bool _vectorized;
        private readonly bool _swapRedBlue;
        private readonly int _stride;
        private readonly int _columns;
        private int[]? _starts;

        public ResampleJob(Frame source, Frame destination, Rectangle area, ResampleAxis x, ResampleAxis y, bool vectorized)
        {
            _source = source;
            _destination = destination;
            _area = area;
            _x = x;
            _y = y;
            _vectorized = vectorized;
            _swapRedBlue = source.Format != destination.Format;
            _stride = area.Width * 4;
            _columns = (x.SourceEnd - x.SourceStart) * 4;

            // Horizontal starts relative to the first source column any sample reads.
            _starts = ArrayPool<int>.Shared.Rent(area.Width);
            ReadOnlySpan<int> starts = x.Starts;
            for (int i = 0; i < starts.Length; i++)
            {
                _starts[i] = starts[i] - x.SourceStart;
            }
        }

        public void Run(int degree)
        {
            int rows = _area.Height;
            long samples = (long)rows * _area.Width;
            int chunks = samples < ParallelThreshold || degree == 1 ? 1 : Math.Min(rows, degree * 2);
            if (chunks == 1)
            {
                Chunk(0, rows);
                return;
            }

            var options = new ParallelOptions { MaxDegreeOfParallelism = degree };
            Parallel.For(0, chunks, options, chunk =>
                Chunk((int)((long)rows * chunk / chunks), (int)((long)rows * (chunk + 1) / chunks)));
        }

        private void Chunk(int start, int end)
        {
            int taps = _y.Taps;
            float[] ring = ArrayPool<float>.Shared.Rent(taps * _stride);
            float[] converted = ArrayPool<float>.Shared.Rent(_columns);
            float[] output = ArrayPool<float>.Shared.Rent(_stride);
            int[] slots = ArrayPool<int>.Shared.Rent(taps * 2);
            bool[] transparent = ArrayPool<bool>.Shared.Rent(taps);
            try
            {
                Span<int> slotRow = slots.AsSpan(0, taps);        // which source row each ring slot holds
                Span<int> offsets = slots.AsSpan(taps, taps);     // where tap k's row starts in the ring
                slotRow.Fill(-1);
                ReadOnlySpan<int> starts = _y.Starts;
                for (int y = start; y < end; y++)
                {
                    bool unpremultiply = false;
                    for (int k = 0; k < taps; k++)
                    {
                        int row = starts[y] + k;
                        int slot = row % taps;                    // taps consecutive rows never share a slot
                        if (slotRow[slot] != row)
                        {
                            transparent[slot] = FilterRow(row, ring.AsSpan(slot * _stride, _stride), converted);
                            slotRow[slot] = row;
                        }

                        offsets[k] = slot * _stride;
                        unpremultiply |= transparent[slot];
                    }

                    Span<byte> target = _destination.GetRow(_area.Y + y).Slice(_area.X * 4, _stride);
                    Span<float> sums = output.AsSpan(0, _stride);
                    ReadOnlySpan<float> ringSpan = ring.AsSpan(0, taps * _stride);
                    if (_vectorized)
                    {
                        ResampleKernels.VerticalRow(ringSpan, offsets, _y.WeightsAt(y), sums);
                        ResampleKernels.FloatsToBytes(sums, target, unpremultiply);
                    }
                    else
                    {
                        ResampleKernels.VerticalRowScalar(ringSpan, offsets, _y.WeightsAt(y), sums);
                        ResampleKernels.FloatsToBytesScalar(sums, target, unpremultiply);
                    }

                    if (_swapRedBlue)
                    {
                        PixelConverter.SwapRedBlue(target);
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(ring);
                ArrayPool<float>.Shared.Return(converted);
                ArrayPool<float>.Shared.Return(output);
                ArrayPool<int>.Shared.Return(slots);
                ArrayPool<bool>.Shared.Return(transparent);
            }
        }

        // Horizontal pass of one source row into the ring; premultiplied when the row has any transparency (returned).
        private bool FilterRow(int row, Span<float> target, float[] converted)
        {
            ReadOnlySpan<byte> pixels = _source.GetRow(row).Slice(_x.SourceStart * 4, _columns);
            Span<float> floats = converted.AsSpan(0, _columns);
            ReadOnlySpan<int> starts = _starts.AsSpan(0, _area.Width);
            bool premultiply = ResampleKernels.HasTransparency(pixels);
            if (_vectorized)
            {
                ResampleKernels.BytesToFloats(pixels, floats, premultiply);
                ResampleKernels.HorizontalRow(floats, starts, _x.Weights, _x.Taps, target);
            }
            else
            {
                ResampleKernels.BytesToFloatsScalar(pixels, floats, premultiply);
                ResampleKernels.HorizontalRowScalar(floats, starts, _x.Weights, _x.Taps, target);
            }

            return premultiply;
        }

        public void Dispose()
        {
            int[]? starts = Interlocked.Exchange(ref _starts, null);
            if (starts is not null)
            {
                ArrayPool<int>.Shared.Return(starts);
            }
        }
    }
}
