using VideoKit.Imaging;

namespace VideoKit.Tests;

/// <summary>Deterministic pictures drawn in code for pixel tests.</summary>
internal static class Synthetic
{
    /// <summary>A frame of seeded random bytes (alpha random too unless <paramref name="opaque"/>).</summary>
    public static Frame Noise(int width, int height, int seed = 1337, bool opaque = true, PixelFormat format = PixelFormat.Rgba32)
    {
        var frame = new Frame(width, height, format);
        new Random(seed).NextBytes(frame.Span);
        if (opaque)
        {
            Span<byte> p = frame.Span;
            for (int i = 3; i < p.Length; i += 4)
            {
                p[i] = 255;
            }
        }

        return frame;
    }

    /// <summary>A checkerboard of black and white cells of <paramref name="cell"/> pixels.</summary>
    public static Frame Checkerboard(int width, int height, int cell = 1, PixelFormat format = PixelFormat.Rgba32)
    {
        var frame = new Frame(width, height, format);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = frame.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                byte v = ((x / cell) + (y / cell)) % 2 == 0 ? (byte)0 : (byte)255;
                row[(x * 4)..((x * 4) + 4)].Fill(v);
                row[(x * 4) + 3] = 255;
            }
        }

        return frame;
    }

    /// <summary>A smooth picture: red grows left to right, green top to bottom, blue along the diagonal, plus a checkerboard
    /// block in the middle for edges.</summary>
    public static Frame GradientWithBlock(int width, int height, PixelFormat format = PixelFormat.Rgba32)
    {
        var frame = new Frame(width, height, format);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = frame.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                bool inBlock = x >= width / 3 && x < 2 * width / 3 && y >= height / 3 && y < 2 * height / 3;
                byte r = (byte)(255 * x / Math.Max(1, width - 1));
                byte g = (byte)(255 * y / Math.Max(1, height - 1));
                byte b = (byte)(255 * (x + y) / Math.Max(1, width + height - 2));
                if (inBlock)
                {
                    r = g = b = ((x / 8) + (y / 8)) % 2 == 0 ? (byte)20 : (byte)235;
                }

                int i = x * 4;
                (row[i], row[i + 1], row[i + 2], row[i + 3]) = format == PixelFormat.Rgba32 ? (r, g, b, (byte)255) : (b, g, r, (byte)255);
            }
        }

        return frame;
    }
}
