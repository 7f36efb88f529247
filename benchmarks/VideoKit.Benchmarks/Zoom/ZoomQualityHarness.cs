using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Zoom;

namespace VideoKit.ZoomQuality;

/// <summary>
/// Measures the zoom compositor against ground truth and against a plain two-level reference (shared by the
/// <c>zoom-quality</c> comparison and the integration test, which links this file).
/// <para>
/// Ground truth: from a full-resolution photo, level k is the crop of width W·s^k around the centre resampled to W×H,
/// and the truth at zoom z the crop of width W·s^z, both with an antialiased Lanczos-3 filter (kernel widened by the
/// reduction) in float. The reference at z = k + f: level k+1 cropped and enlarged with bicubic (Catmull-Rom, PIL's
/// BICUBIC), and inside it level k resampled onto the frame with Lanczos-3 widened by the reduction s^f (PIL's
/// <c>resize(box=…)</c>), pasted where it has data.
/// </para>
/// </summary>
internal sealed class ZoomQualityHarness
{
    private readonly float[][] _planes;

    private ZoomQualityHarness(Frame photo, int reduce)
    {
        Width = photo.Width / reduce;
        Height = photo.Height / reduce;
        _planes = reduce == 1 ? Planes(photo) : Resample(Planes(photo), photo.Width, photo.Height, 0, 0, reduce, Width, Height, Lanczos3, 3, widen: true);
    }

    /// <summary>The photo's width in pixels.</summary>
    public int Width { get; }

    /// <summary>The photo's height in pixels.</summary>
    public int Height { get; }

    /// <summary>
    /// Decodes a photo (through FFmpeg) and reduces it by <paramref name="reduce"/> with Lanczos-3: a camera photo or
    /// wallpaper is soft at 1:1 (demosaicing, JPEG, upscaling), so halving it gives the detail of a sharp picture.
    /// </summary>
    public static async Task<ZoomQualityHarness> LoadAsync(string path, int reduce = 2)
    {
        using Frame photo = await ImageFile.LoadAsync(path);
        return new ZoomQualityHarness(photo, reduce);
    }

    /// <summary>The centred crop of width <paramref name="cropWidth"/> (photo pixels) resampled to w×h with antialiased Lanczos-3.</summary>
    public Frame Crop(double cropWidth, int w, int h)
    {
        double scale = cropWidth / w;
        double x0 = (Width / 2.0) - (cropWidth / 2), y0 = (Height / 2.0) - (scale * h / 2);
        return ToFrame(Resample(_planes, Width, Height, x0, y0, scale, w, h, Lanczos3, 3, widen: true), w, h, null);
    }

    /// <summary>The zoom levels: level k is the centred crop of width w·s^k.</summary>
    public Frame[] Levels(int count, double factor, int w, int h) =>
        [.. Enumerable.Range(0, count).Select(k => Crop(w * Math.Pow(factor, k), w, h))];

    /// <summary>
    /// The two-level reference frame at z = k + f from levels k (inner) and k+1 (outer), centred steps, at the output size
    /// ow×oh (the levels' size unless given; a smaller output reduces every level by the size ratio as well).
    /// </summary>
    public static Frame Reference(Frame inner, Frame outer, double factor, double f, int ow = 0, int oh = 0)
    {
        int w = inner.Width, h = inner.Height;
        ow = ow > 0 ? ow : w;
        oh = oh > 0 ? oh : h;
        double ratio = (double)w / ow;
        // Outer: the view is w·s^(f−1) outer pixels wide (bicubic; Lanczos-3 widened if the output is smaller still).
        double so = Math.Pow(factor, f - 1) * ratio;
        float[][] big = so <= 1
            ? Resample(Planes(outer), w, h, (w / 2.0) - (ow * so / 2), (h / 2.0) - (oh * so / 2), so, ow, oh, CatmullRom, 2, widen: false)
            : Resample(Planes(outer), w, h, (w / 2.0) - (ow * so / 2), (h / 2.0) - (oh * so / 2), so, ow, oh, Lanczos3, 3, widen: true);
        // Inner: the view is w·s^f inner pixels wide, reduced with Lanczos-3 widened by the reduction, pasted where it has data.
        double si = Math.Pow(factor, f) * ratio;
        double ix0 = (w / 2.0) - (ow * si / 2), iy0 = (h / 2.0) - (oh * si / 2);
        float[][] small = Resample(Planes(inner), w, h, ix0, iy0, si, ow, oh, Lanczos3, 3, widen: true);
        var mask = new bool[ow * oh];
        for (int y = 0; y < oh; y++)
        {
            double sy = iy0 + ((y + 0.5) * si);
            for (int x = 0; x < ow; x++)
            {
                double sx = ix0 + ((x + 0.5) * si);
                mask[(y * ow) + x] = sx >= 0 && sx < w && sy >= 0 && sy < h;
            }
        }

        return ToFrame(big, ow, oh, (small, mask));
    }

    /// <summary>
    /// Renders every z = k + f (k = 0 … count − 2, each fraction) with VideoKit and the reference and returns their PSNR
    /// against the ground truth, at the output size ow×oh (the levels' w×h unless given).
    /// </summary>
    public IReadOnlyList<(double Z, double Ours, double Reference)> Measure(double factor, int count, int w, int h, IReadOnlyList<double> fractions, ZoomCompositorOptions? options = null, bool simd = true, int ow = 0, int oh = 0)
    {
        ow = ow > 0 ? ow : w;
        oh = oh > 0 ? oh : h;
        Frame[] levels = Levels(count, factor, w, h);
        var result = new List<(double, double, double)>();
        try
        {
            using ZoomSequence sequence = ZoomSequence.FromFrames(levels, Enumerable.Repeat<double?>(factor, count - 1));
            using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence), options);
            using var frame = new Frame(ow, oh);
            for (int k = 0; k + 1 < count; k++)
            {
                foreach (double f in fractions)
                {
                    double z = k + f;
                    using Frame truth = Crop(w * Math.Pow(factor, z), ow, oh);
                    compositor.Render(z, frame, simd);
                    using Frame reference = Reference(levels[k], levels[k + 1], factor, f, ow, oh);
                    result.Add((z, ImageMetrics.Psnr(frame, truth), ImageMetrics.Psnr(reference, truth)));
                }
            }
        }
        finally
        {
            foreach (Frame level in levels)
            {
                level.Dispose();
            }
        }

        return result;
    }

    /// <summary>How many levels fit in a photo of this size at output width w (the outermost crop must lie inside).</summary>
    public int LevelsThatFit(double factor, int w, int h, int most)
    {
        int count = 1;
        while (count < most && w * Math.Pow(factor, count) <= Width && h * Math.Pow(factor, count) <= Height)
        {
            count++;
        }

        return count;
    }

    private static double Lanczos3(double x)
    {
        x = Math.Abs(x);
        if (x < 1e-9)
        {
            return 1;
        }

        return x >= 3 ? 0 : 3 * Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x / 3) / (Math.PI * Math.PI * x * x);
    }

    private static double CatmullRom(double x)
    {
        x = Math.Abs(x);
        return x < 1 ? (((1.5 * x) - 2.5) * x * x) + 1 : x < 2 ? (((((-0.5 * x) + 2.5) * x) - 4) * x) + 2 : 0;
    }

    private static float[][] Planes(Frame frame)
    {
        bool bgra = frame.Format == PixelFormat.Bgra32;
        int n = frame.Width * frame.Height;
        float[][] planes = [new float[n], new float[n], new float[n]];
        ReadOnlySpan<byte> p = frame.Span;
        for (int i = 0, j = 0; j < n; i += 4, j++)
        {
            planes[0][j] = p[bgra ? i + 2 : i];
            planes[1][j] = p[i + 1];
            planes[2][j] = p[bgra ? i : i + 2];
        }

        return planes;
    }

    private static Frame ToFrame(float[][] planes, int w, int h, (float[][] Planes, bool[] Mask)? paste)
    {
        var frame = new Frame(w, h);
        Span<byte> d = frame.Span;
        for (int j = 0; j < w * h; j++)
        {
            bool inner = paste is { } p && p.Mask[j];
            for (int c = 0; c < 3; c++)
            {
                float v = inner ? paste!.Value.Planes[c][j] : planes[c][j];
                d[(j * 4) + c] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
            }

            d[(j * 4) + 3] = 255;
        }

        return frame;
    }

    /// <summary>
    /// Separable resampling of float planes: output pixel u samples source position x0 + (u + 0.5)·scale (corners
    /// convention); the kernel is widened by the scale when reducing and <paramref name="widen"/> is set; taps past the
    /// edge repeat the edge pixel.
    /// </summary>
    private static float[][] Resample(float[][] planes, int srcW, int srcH, double x0, double y0, double scale, int w, int h, Func<double, double> kernel, double support, bool widen)
    {
        (int[] xs, double[] xw, int xt) = Table(w, x0, scale, kernel, support, widen);
        (int[] ys, double[] yw, int yt) = Table(h, y0, scale, kernel, support, widen);
        var result = new float[planes.Length][];
        var rows = new double[h * srcW];
        for (int c = 0; c < planes.Length; c++)
        {
            float[] src = planes[c];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < srcW; x++)
                {
                    double sum = 0;
                    for (int t = 0; t < yt; t++)
                    {
                        sum += yw[(y * yt) + t] * src[(Math.Clamp(ys[y] + t, 0, srcH - 1) * srcW) + x];
                    }

                    rows[(y * srcW) + x] = sum;
                }
            }

            float[] dst = result[c] = new float[w * h];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    double sum = 0;
                    for (int t = 0; t < xt; t++)
                    {
                        sum += xw[(x * xt) + t] * rows[(y * srcW) + Math.Clamp(xs[x] + t, 0, srcW - 1)];
                    }

                    dst[(y * w) + x] = (float)sum;
                }
            }
        }

        return result;
    }

    private static (int[] Start, double[] Weights, int Taps) Table(int count, double origin, double scale, Func<double, double> kernel, double support, bool widen)
    {
        double stretch = widen ? Math.Max(1, scale) : 1, radius = support * stretch;
        int taps = (int)Math.Ceiling(2 * radius) + 1;
        int[] start = new int[count];
        double[] weights = new double[count * taps];
        for (int u = 0; u < count; u++)
        {
            double pos = origin + ((u + 0.5) * scale) - 0.5;
            int i0 = (int)Math.Floor(pos - radius) + 1;
            double sum = 0;
            for (int t = 0; t < taps; t++)
            {
                double k = kernel((i0 + t - pos) / stretch);
                weights[(u * taps) + t] = k;
                sum += k;
            }

            for (int t = 0; t < taps; t++)
            {
                weights[(u * taps) + t] /= sum;
            }

            start[u] = i0;
        }

        return (start, weights, taps);
    }
}
