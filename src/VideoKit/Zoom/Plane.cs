using VideoKit.Imaging;

namespace VideoKit.Zoom;

/// <summary>A single-channel float image (0–255) with an optional summed-area table for exact box averages.</summary>
internal sealed class Plane
{
    private double[]? _sat;

    public Plane(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new float[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public float[] Pixels { get; }

    /// <summary>Rec. 709 luma of a frame.</summary>
    public static Plane Luma(Frame frame)
    {
        var plane = new Plane(frame.Width, frame.Height);
        bool bgra = frame.Format == PixelFormat.Bgra32;
        ReadOnlySpan<byte> p = frame.Span;
        float[] d = plane.Pixels;
        for (int i = 0, j = 0; j < d.Length; i += 4, j++)
        {
            int r = bgra ? p[i + 2] : p[i], g = p[i + 1], b = bgra ? p[i] : p[i + 2];
            d[j] = (0.2126f * r) + (0.7152f * g) + (0.0722f * b);
        }

        return plane;
    }

    /// <summary>One colour channel (0 = red, 1 = green, 2 = blue) of a frame.</summary>
    public static Plane Channel(Frame frame, int channel)
    {
        var plane = new Plane(frame.Width, frame.Height);
        int offset = frame.Format == PixelFormat.Bgra32 ? 2 - channel : channel;
        ReadOnlySpan<byte> p = frame.Span;
        float[] d = plane.Pixels;
        for (int i = offset, j = 0; j < d.Length; i += 4, j++)
        {
            d[j] = p[i];
        }

        return plane;
    }

    /// <summary>The summed-area table: entry (x, y) is the sum of the pixels above and left of corner (x, y).</summary>
    public double[] Sat
    {
        get
        {
            if (_sat is not null)
            {
                return _sat;
            }

            int w1 = Width + 1;
            double[] s = new double[w1 * (Height + 1)];
            for (int y = 0; y < Height; y++)
            {
                double row = 0;
                int src = y * Width, dst = (y + 1) * w1, above = y * w1;
                for (int x = 0; x < Width; x++)
                {
                    row += Pixels[src + x];
                    s[dst + x + 1] = s[above + x + 1] + row;
                }
            }

            _sat = s;
            return s;
        }
    }

    /// <summary>The integral of the image over [0, x] × [0, y] (exact for the piecewise-constant image).</summary>
    public double IntegralAt(double x, double y)
    {
        x = Math.Clamp(x, 0, Width);
        y = Math.Clamp(y, 0, Height);
        int ix = Math.Min((int)x, Width - 1), iy = Math.Min((int)y, Height - 1);
        double fx = x - ix, fy = y - iy;
        double[] s = Sat;
        int w1 = Width + 1, i0 = (iy * w1) + ix, i1 = i0 + w1;
        double top = s[i0] + (fx * (s[i0 + 1] - s[i0]));
        double bottom = s[i1] + (fx * (s[i1 + 1] - s[i1]));
        return top + (fy * (bottom - top));
    }

    /// <summary>The mean over the box [x0, x1] × [y0, y1], clipped to the image.</summary>
    public double BoxMean(double x0, double y0, double x1, double y1)
    {
        x0 = Math.Clamp(x0, 0, Width);
        x1 = Math.Clamp(x1, 0, Width);
        y0 = Math.Clamp(y0, 0, Height);
        y1 = Math.Clamp(y1, 0, Height);
        double area = (x1 - x0) * (y1 - y0);
        if (area <= 1e-9)
        {
            return Sample(((x0 + x1) / 2) - 0.5, ((y0 + y1) / 2) - 0.5);
        }

        return (IntegralAt(x1, y1) - IntegralAt(x0, y1) - IntegralAt(x1, y0) + IntegralAt(x0, y0)) / area;
    }

    /// <summary>The image reduced by an integer factor with an exact box (area) filter.</summary>
    public Plane Reduce(int factor)
    {
        if (factor == 1)
        {
            return this;
        }

        var plane = new Plane(Math.Max(1, Width / factor), Math.Max(1, Height / factor));
        for (int y = 0; y < plane.Height; y++)
        {
            for (int x = 0; x < plane.Width; x++)
            {
                plane.Pixels[(y * plane.Width) + x] = (float)BoxMean(x * factor, y * factor, (x + 1) * factor, (y + 1) * factor);
            }
        }

        return plane;
    }

    /// <summary>Central-difference gradients (x and y) at every pixel.</summary>
    public (Plane X, Plane Y) Gradients()
    {
        var gx = new Plane(Width, Height);
        var gy = new Plane(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            int ym = Math.Max(0, y - 1), yp = Math.Min(Height - 1, y + 1);
            for (int x = 0; x < Width; x++)
            {
                int xm = Math.Max(0, x - 1), xp = Math.Min(Width - 1, x + 1);
                gx.Pixels[(y * Width) + x] = (Pixels[(y * Width) + xp] - Pixels[(y * Width) + xm]) / (xp - xm);
                gy.Pixels[(y * Width) + x] = (Pixels[(yp * Width) + x] - Pixels[(ym * Width) + x]) / (yp - ym);
            }
        }

        return (gx, gy);
    }

    /// <summary>Catmull-Rom bicubic sample at index coordinates (pixel centres at integers), clamped at the edges.</summary>
    public float SampleCubic(double x, double y)
    {
        int ix = (int)Math.Floor(x), iy = (int)Math.Floor(y);
        double fx = x - ix, fy = y - iy;
        Span<double> wx = stackalloc double[4];
        Span<double> wy = stackalloc double[4];
        Weights(fx, wx);
        Weights(fy, wy);
        double sum = 0;
        for (int j = 0; j < 4; j++)
        {
            int row = Math.Clamp(iy - 1 + j, 0, Height - 1) * Width;
            double line = 0;
            for (int i = 0; i < 4; i++)
            {
                line += wx[i] * Pixels[row + Math.Clamp(ix - 1 + i, 0, Width - 1)];
            }

            sum += wy[j] * line;
        }

        return (float)sum;

        static void Weights(double t, Span<double> w)
        {
            double t2 = t * t, t3 = t2 * t;
            w[0] = (-0.5 * t3) + t2 - (0.5 * t);
            w[1] = (1.5 * t3) - (2.5 * t2) + 1;
            w[2] = (-1.5 * t3) + (2 * t2) + (0.5 * t);
            w[3] = (0.5 * t3) - (0.5 * t2);
        }
    }

    /// <summary>Bilinear sample at index coordinates (pixel centres at integers), clamped at the edges.</summary>
    public float Sample(double x, double y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        int ix = Math.Min((int)x, Width - 2), iy = Math.Min((int)y, Height - 2);
        ix = Math.Max(ix, 0);
        iy = Math.Max(iy, 0);
        float fx = (float)(x - ix), fy = (float)(y - iy);
        int i = (iy * Width) + ix;
        float[] p = Pixels;
        int right = Width > 1 ? 1 : 0, down = Height > 1 ? Width : 0;
        float top = p[i] + (fx * (p[i + right] - p[i]));
        float bottom = p[i + down] + (fx * (p[i + down + right] - p[i + down]));
        return top + (fy * (bottom - top));
    }
}
