using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>
    /// Luma of a frame at full size (<paramref name="factor"/> = 1) or averaged over factor×factor cells. The 2×2 path
    /// runs 4 output pixels per Vector128 step (the same integers as <paramref name="vectorized"/> = false, the scalar reference).
    /// </summary>
    public static LumaPlane FromFrame(Frame frame, int factor, bool vectorized = true)
    {
        int w = frame.Width / factor, h = frame.Height / factor;
        var plane = new LumaPlane(w, h);
        bool bgra = frame.Format == PixelFormat.Bgra32;
        int cr = bgra ? 2 : 0, cb = bgra ? 0 : 2;
        byte[] data = plane.Data;
        int shift = factor == 2 ? 2 : 0;
        bool simd = vectorized && factor == 2 && Vector128.IsHardwareAccelerated;
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
                int x = 0;
                if (simd)
                {
                    x = Half4(r0, r1, w, bgra, data.AsSpan(o, w));
                }

                for (int i = x * 8; x < w; x++, i += 8)
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

    /// <summary>
    /// 2×2-averaged luma of two rows, 4 output pixels (8 input pixels of each row) per step; returns how many pixels it
    /// wrote. Each 32-bit pixel is split into its (R, B) and (G, A) byte pairs (two 16-bit sums that cannot overflow: at most
    /// 4·255), the two rows are added, then each horizontal pair of pixels is added by folding the 64-bit lanes.
    /// </summary>
    private static int Half4(ReadOnlySpan<byte> r0, ReadOnlySpan<byte> r1, int w, bool bgra, Span<byte> dst)
    {
        Vector128<uint> mask = Vector128.Create(0x00FF00FFu);
        Vector128<ulong> low = Vector128.Create(0xFFFFFFFFul);
        Vector128<uint> word = Vector128.Create(0xFFFFu);
        uint wr = bgra ? 29u : 77u, wb = bgra ? 77u : 29u;
        ref byte p0 = ref MemoryMarshal.GetReference(r0);
        ref byte p1 = ref MemoryMarshal.GetReference(r1);
        int x = 0;
        for (; x + 4 <= w; x += 4)
        {
            nuint i = (nuint)x * 8;
            Vector128<uint> a0 = Vector128.LoadUnsafe(ref p0, i).AsUInt32(), a1 = Vector128.LoadUnsafe(ref p0, i + 16).AsUInt32();
            Vector128<uint> b0 = Vector128.LoadUnsafe(ref p1, i).AsUInt32(), b1 = Vector128.LoadUnsafe(ref p1, i + 16).AsUInt32();
            (uint l0, uint l1) = Luma2(a0, b0, mask, low, word, wr, wb);
            (uint l2, uint l3) = Luma2(a1, b1, mask, low, word, wr, wb);
            dst[x] = (byte)l0;
            dst[x + 1] = (byte)l1;
            dst[x + 2] = (byte)l2;
            dst[x + 3] = (byte)l3;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint First, uint Second) Luma2(Vector128<uint> top, Vector128<uint> bottom, Vector128<uint> mask, Vector128<ulong> low, Vector128<uint> word, uint wr, uint wb)
    {
        // Byte 0 and 2 of each pixel (R and B in RGBA) as 16-bit fields, and byte 1 and 3 (G and A).
        Vector128<ulong> rb = ((top & mask) + (bottom & mask)).AsUInt64();
        Vector128<ulong> ga = ((Vector128.ShiftRightLogical(top, 8) & mask) + (Vector128.ShiftRightLogical(bottom, 8) & mask)).AsUInt64();

        // Pixel 2k plus pixel 2k + 1: the sums land in 32-bit lanes 0 and 2, lanes 1 and 3 are zero.
        Vector128<uint> s = ((rb & low) + Vector128.ShiftRightLogical(rb, 32)).AsUInt32();
        Vector128<uint> g = ((ga & low) + Vector128.ShiftRightLogical(ga, 32)).AsUInt32();
        Vector128<uint> luma = Vector128.ShiftRightLogical(
            ((s & word) * wr) + ((g & word) * 150u) + (Vector128.ShiftRightLogical(s, 16) * wb) + Vector128.Create(512u), 10);
        return (luma.GetElement(0), luma.GetElement(2));
    }

    /// <summary>
    /// A half-size plane, each pixel the rounded mean of a 2×2 cell; 8 output pixels per Vector128 step unless
    /// <paramref name="vectorized"/> is false (the scalar reference, same integers).
    /// </summary>
    public LumaPlane Downsample(bool vectorized = true)
    {
        int w = Math.Max(1, Width / 2), h = Math.Max(1, Height / 2);
        var half = new LumaPlane(w, h);
        byte[] src = Data, dst = half.Data;
        bool simd = vectorized && Vector128.IsHardwareAccelerated;
        for (int y = 0; y < h; y++)
        {
            int s0 = IndexOf(0, 2 * y), s1 = s0 + Stride, d = half.IndexOf(0, y);
            int x = 0;
            if (simd)
            {
                Vector128<uint> lowWord = Vector128.Create(0xFFFFu), two = Vector128.Create(2u);
                for (; x + 8 <= w; x += 8)
                {
                    (Vector128<ushort> a0, Vector128<ushort> a1) = Vector128.Widen(Vector128.Create(src, s0 + (2 * x)));
                    (Vector128<ushort> b0, Vector128<ushort> b1) = Vector128.Widen(Vector128.Create(src, s1 + (2 * x)));
                    Vector128<uint> c0 = (a0 + b0).AsUInt32(), c1 = (a1 + b1).AsUInt32();
                    Vector128<uint> q0 = Vector128.ShiftRightLogical((c0 & lowWord) + Vector128.ShiftRightLogical(c0, 16) + two, 2);
                    Vector128<uint> q1 = Vector128.ShiftRightLogical((c1 & lowWord) + Vector128.ShiftRightLogical(c1, 16) + two, 2);
                    Vector128<byte> bytes = Vector128.Narrow(Vector128.Narrow(q0, q1), Vector128<ushort>.Zero);
                    Unsafe.WriteUnaligned(ref dst[d + x], bytes.AsUInt64().GetElement(0));
                }
            }

            for (; x < w; x++)
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
