namespace VideoKit.Imaging;

/// <summary>Picture-quality measures for comparing frames with a tolerance: PSNR and SSIM.</summary>
internal static class ImageMetrics
{
    /// <summary>
    /// The peak signal-to-noise ratio over the R, G and B channels (alpha ignored), in decibels.
    /// Identical frames give <see cref="double.PositiveInfinity"/>.
    /// </summary>
    /// <param name="a">A frame.</param>
    /// <param name="b">A frame of the same size and format.</param>
    /// <returns>PSNR in dB.</returns>
    /// <exception cref="ArgumentException">The frames differ in size or format.</exception>
    public static double Psnr(Frame a, Frame b)
    {
        CheckSameShape(a, b);
        double mse = MeanSquaredError(a.Span, b.Span);
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    /// <summary>The mean squared error over the R, G and B channels of two equal-length 4-byte-per-pixel spans.</summary>
    /// <param name="a">Pixels.</param>
    /// <param name="b">Pixels of the same length.</param>
    /// <returns>The mean squared error per channel.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double MeanSquaredError(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The spans differ in length ({a.Length} and {b.Length}).", nameof(b));
        }

        long sum = 0;
        for (int i = 0; i + 3 < a.Length; i += 4)
        {
            int d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2];
            sum += (d0 * d0) + (d1 * d1) + (d2 * d2);
        }

        long count = a.Length / 4 * 3;
        return count == 0 ? 0 : (double)sum / count;
    }

    /// <summary>
    /// The structural similarity (SSIM, Wang et al. 2004) of the luma of two frames, averaged over 8×8 windows with a
    /// stride of 4; 1 means identical.
    /// </summary>
    /// <param name="a">A frame.</param>
    /// <param name="b">A frame of the same size and format.</param>
    /// <returns>The mean SSIM in [-1, 1].</returns>
    /// <exception cref="ArgumentException">The frames differ in size or format.</exception>
    public static double Ssim(Frame a, Frame b)
    {
        CheckSameShape(a, b);
        const double c1 = 6.5025, c2 = 58.5225; // (0.01·255)², (0.03·255)²
        const int window = 8, step = 4;
        int w = a.Width, h = a.Height;
        if (w < window || h < window)
        {
            return Psnr(a, b) == double.PositiveInfinity ? 1 : 0;
        }

        float[] la = new float[w * h];
        float[] lb = new float[w * h];
        Luma(a, la);
        Luma(b, lb);
        double total = 0;
        int windows = 0;
        for (int y = 0; y + window <= h; y += step)
        {
            for (int x = 0; x + window <= w; x += step)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (int yy = y; yy < y + window; yy++)
                {
                    int row = yy * w;
                    for (int xx = x; xx < x + window; xx++)
                    {
                        double pa = la[row + xx], pb = lb[row + xx];
                        sa += pa;
                        sb += pb;
                        saa += pa * pa;
                        sbb += pb * pb;
                        sab += pa * pb;
                    }
                }

                const double n = window * window;
                double ma = sa / n, mb = sb / n;
                double va = (saa / n) - (ma * ma), vb = (sbb / n) - (mb * mb), cov = (sab / n) - (ma * mb);
                total += ((2 * ma * mb) + c1) * ((2 * cov) + c2) / (((ma * ma) + (mb * mb) + c1) * (va + vb + c2));
                windows++;
            }
        }

        return total / windows;
    }

    private static void Luma(Frame frame, float[] destination)
    {
        bool bgra = frame.Format == PixelFormat.Bgra32;
        ReadOnlySpan<byte> p = frame.Span;
        for (int i = 0, j = 0; j < destination.Length; i += 4, j++)
        {
            int r = bgra ? p[i + 2] : p[i], g = p[i + 1], b = bgra ? p[i] : p[i + 2];
            destination[j] = (0.2126f * r) + (0.7152f * g) + (0.0722f * b);
        }
    }

    private static void CheckSameShape(Frame a, Frame b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Width != b.Width || a.Height != b.Height || a.Format != b.Format)
        {
            throw new ArgumentException($"Cannot compare a {a.Width}x{a.Height} {a.Format} frame with a {b.Width}x{b.Height} {b.Format} frame.", nameof(b));
        }
    }
}
