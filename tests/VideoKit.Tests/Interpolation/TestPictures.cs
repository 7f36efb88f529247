using VideoKit.Imaging;

namespace VideoKit.Tests.Interpolation;

/// <summary>Seeded synthetic pictures for interpolation unit tests (the integration tests use real photographs).</summary>
internal static class TestPictures
{
    /// <summary>A smooth, richly textured colour picture: sums of seeded sinusoids plus blurred noise.</summary>
    public static Frame Texture(int width, int height, int seed)
    {
        var random = new Random(seed);
        var frame = new Frame(width, height);
        const int waves = 6;
        double[] fx = new double[waves * 3], fy = new double[waves * 3], ph = new double[waves * 3];
        for (int i = 0; i < fx.Length; i++)
        {
            fx[i] = (random.NextDouble() - 0.5) * 0.35;
            fy[i] = (random.NextDouble() - 0.5) * 0.35;
            ph[i] = random.NextDouble() * Math.Tau;
        }

        // Value noise on a coarse lattice, interpolated, adds non-periodic detail.
        int lw = (width / 6) + 2, lh = (height / 6) + 2;
        double[] lattice = new double[lw * lh];
        for (int i = 0; i < lattice.Length; i++)
        {
            lattice[i] = random.NextDouble();
        }

        for (int y = 0; y < height; y++)
        {
            Span<byte> row = frame.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                double gx = x / 6.0, gy = y / 6.0;
                int ix = (int)gx, iy = (int)gy;
                double ax = gx - ix, ay = gy - iy;
                double noise = (lattice[(iy * lw) + ix] * (1 - ax) * (1 - ay)) + (lattice[(iy * lw) + ix + 1] * ax * (1 - ay))
                    + (lattice[((iy + 1) * lw) + ix] * (1 - ax) * ay) + (lattice[((iy + 1) * lw) + ix + 1] * ax * ay);
                for (int c = 0; c < 3; c++)
                {
                    double v = 0;
                    for (int k = 0; k < waves; k++)
                    {
                        int i = (c * waves) + k;
                        v += Math.Sin((fx[i] * x) + (fy[i] * y) + ph[i]);
                    }

                    row[(x * 4) + c] = (byte)Math.Clamp(128 + (v * 14) + ((noise - 0.5) * 90), 0, 255);
                }

                row[(x * 4) + 3] = 255;
            }
        }

        return frame;
    }

    /// <summary>A window of <paramref name="source"/> starting at (x, y).</summary>
    public static Frame Crop(Frame source, int x, int y, int width, int height)
    {
        var frame = new Frame(width, height, source.Format);
        for (int r = 0; r < height; r++)
        {
            source.GetRow(y + r).Slice(x * 4, width * 4).CopyTo(frame.GetRow(r));
        }

        return frame;
    }

    /// <summary>PSNR over the part of the frames at least <paramref name="margin"/> pixels from every edge.</summary>
    public static double InteriorPsnr(Frame a, Frame b, int margin)
    {
        using Frame ca = Crop(a, margin, margin, a.Width - (2 * margin), a.Height - (2 * margin));
        using Frame cb = Crop(b, margin, margin, b.Width - (2 * margin), b.Height - (2 * margin));
        return ImageMetrics.Psnr(ca, cb);
    }
}
