using System.Buffers;
using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// An 8-bit luma picture with a replicated border of <see cref="Pad"/> pixels on every side, so block reads a little
/// outside the picture need no bounds checks. Rented from the shared array pool; dispose to return it.
/// </summary>
internal sealed class LumaPlane : IDisposable
{
    public const int Pad = 32;

    private byte[]? _data;

    public LumaPlane(int width, int height)
    {
        Width = width;
        Height = height;
        Stride = width + (2 * Pad);
        _data = ArrayPool<byte>.Shared.Rent(Stride * (height + (2 * Pad)));
    }

    public int Width { get; }

    public int Height { get; }

    public int Stride { get; }

    public byte[] Data => _data ?? throw new ObjectDisposedException(nameof(LumaPlane));

    /// <summary>The index of pixel (0, 0) in <see cref="Data"/>.</summary>
    public int Origin => (Pad * Stride) + Pad;

    public int IndexOf(int x, int y) => Origin + (y * Stride) + x;

    /// <summary>Luma of a frame at full size (<paramref name="factor"/> = 1) or averaged over factor×factor cells.</summary>
    public static LumaPlane FromFrame(Frame frame, int factor)
    {
        int w = frame.Width / factor, h = frame.Height / factor;
        var plane = new LumaPlane(w, h);
        bool bgra = frame.Format == PixelFormat.Bgra32;
        int cr = bgra ? 2 : 0, cb = bgra ? 0 : 2;
        byte[] data = plane.Data;
        int shift = factor == 2 ? 2 : 0;
        for (int y = 0; y < h; y++)
        {
            int o = plane.IndexOf(0, y);
            if (factor == 1)
            {
                ReadOnlySpan<byte> row = frame.GetRow(y);
                for (int x = 0, i = 0; x < w; x++, i += 4)
                {
                    data[o + x] = (byte)(((77 * row[i + cr]) + (150 * row[i + 1]) + (29 * row[i + cb]) + 128) >> 8);
                }
            }
            else
            {
                ReadOnlySpan<byte> r0 = frame.GetRow(y * factor), r1 = frame.GetRow((y * factor) + 1);
                for (int x = 0, i = 0; x < w; x++, i += 8)
                {
                    int sr = r0[i + cr] + r0[i + 4 + cr] + r1[i + cr] + r1[i + 4 + cr];
                    int sg = r0[i + 1] + r0[i + 5] + r1[i + 1] + r1[i + 5];
                    int sb = r0[i + cb] + r0[i + 4 + cb] + r1[i + cb] + r1[i + 4 + cb];
                    data[o + x] = (byte)(((77 * sr) + (150 * sg) + (29 * sb) + (128 << shift)) >> (8 + shift));
                }
            }
        }

        plane.ExtendBorders();
        return plane;
    }

    /// <summary>A half-size plane, each pixel the rounded mean of a 2×2 cell.</summary>
    public LumaPlane Downsample()
    {
        int w = Math.Max(1, Width / 2), h = Math.Max(1, Height / 2);
        var half = new LumaPlane(w, h);
        byte[] src = Data, dst = half.Data;
        for (int y = 0; y < h; y++)
        {
            int s0 = IndexOf(0, 2 * y), s1 = s0 + Stride, d = half.IndexOf(0, y);
            for (int x = 0; x < w; x++)
            {
                dst[d + x] = (byte)((src[s0 + (2 * x)] + src[s0 + (2 * x) + 1] + src[s1 + (2 * x)] + src[s1 + (2 * x) + 1] + 2) >> 2);
            }
        }

        half.ExtendBorders();
        return half;
    }

    /// <summary>Fills the border by repeating the edge pixels.</summary>
    public void ExtendBorders()
    {
        byte[] d = Data;
        for (int y = 0; y < Height; y++)
        {
            int row = IndexOf(0, y);
            d.AsSpan(row - Pad, Pad).Fill(d[row]);
            d.AsSpan(row + Width, Pad).Fill(d[row + Width - 1]);
        }

        int first = IndexOf(-Pad, 0), last = IndexOf(-Pad, Height - 1);
        for (int p = 1; p <= Pad; p++)
        {
            d.AsSpan(first, Stride).CopyTo(d.AsSpan(first - (p * Stride), Stride));
            d.AsSpan(last, Stride).CopyTo(d.AsSpan(last + (p * Stride), Stride));
        }
    }

    public void Dispose()
    {
        byte[]? data = Interlocked.Exchange(ref _data, null);
        if (data is not null)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }
}
