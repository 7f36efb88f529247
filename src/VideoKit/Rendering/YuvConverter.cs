using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VideoKit.Imaging;

namespace VideoKit.Rendering;

/// <summary>
/// RGBA/BGRA → planar YUV 4:2:0 (FFmpeg <c>yuv420p</c>), BT.709 limited range ("tv": Y 16–235, Cb/Cr 16–240), chroma
/// sited at the centre of each 2×2 block (the average of its four pixels). Converting here instead of in FFmpeg moves
/// 1.5 bytes per pixel through the pipe instead of 4 and skips FFmpeg's single-threaded swscale step.
/// </summary>
/// <remarks>
/// Fixed point with 16 fractional bits; the vector paths do exactly the scalar arithmetic, so their output is
/// identical (tests compare them byte for byte).
/// </remarks>
internal static class YuvConverter
{
    // BT.709: Kr = 0.2126, Kb = 0.0722; limited range scales Y by 219/255 and chroma by 224/255. × 65536.
    internal const int YR = 11966, YG = 40254, YB = 4064;
    internal const int CbR = -6596, CbG = -22188, CbB = 28784;
    internal const int CrR = 28784, CrG = -26145, CrB = -2639;
    private const int YOffset = (16 << 16) + (1 << 15);
    private const int COffset = (128 << 18) + (1 << 17);

    /// <summary>The size in bytes of a yuv420p frame.</summary>
    public static int FrameSize(int width, int height) => (width * height) + (2 * (width / 2) * (height / 2));

    /// <summary>Converts a whole frame (even width and height) into <paramref name="destination"/> (Y, then U, then V planes).</summary>
    public static void Convert(Frame frame, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Convert(frame.Span, frame.Width, frame.Height, frame.Format, destination);
    }

    /// <summary>Converts rows [<paramref name="firstRow"/>, <paramref name="endRow"/>) (both even) of a frame.</summary>
    public static void Convert(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, Span<byte> destination, int firstRow = 0, int endRow = -1)
    {
        Check(pixels, width, height, destination);
        if (endRow < 0)
        {
            endRow = height;
        }

        int chromaWidth = width / 2;
        int ySize = width * height;
        int cSize = chromaWidth * (height / 2);
        Span<byte> yPlane = destination[..ySize];
        Span<byte> uPlane = destination.Slice(ySize, cSize);
        Span<byte> vPlane = destination.Slice(ySize + cSize, cSize);
        bool bgra = format == PixelFormat.Bgra32;
        int stride = width * 4;
        for (int y = firstRow; y < endRow; y += 2)
        {
            ReadOnlySpan<byte> row0 = pixels.Slice(y * stride, stride);
            ReadOnlySpan<byte> row1 = pixels.Slice((y + 1) * stride, stride);
            Span<byte> y0 = yPlane.Slice(y * width, width);
            Span<byte> y1 = yPlane.Slice((y + 1) * width, width);
            Span<byte> u = uPlane.Slice(y / 2 * chromaWidth, chromaWidth);
            Span<byte> v = vPlane.Slice(y / 2 * chromaWidth, chromaWidth);
            int done = 0;
            if (Vector256.IsHardwareAccelerated && width >= 32)
            {
                done = RowPair256(row0, row1, y0, y1, u, v, width, bgra);
            }
            else if (Vector128.IsHardwareAccelerated && width >= 16)
            {
                done = RowPair128(row0, row1, y0, y1, u, v, width, bgra);
            }

            RowPairScalar(row0, row1, y0, y1, u, v, done, width, bgra);
        }
    }

    /// <summary>The reference implementation: plain integer arithmetic, one pixel at a time.</summary>
    public static void ConvertScalar(ReadOnlySpan<byte> pixels, int width, int height, PixelFormat format, Span<byte> destination)
    {
        Check(pixels, width, height, destination);
        int chromaWidth = width / 2;
        int ySize = width * height;
        int cSize = chromaWidth * (height / 2);
        bool bgra = format == PixelFormat.Bgra32;
        int stride = width * 4;
        for (int y = 0; y < height; y += 2)
        {
            RowPairScalar(
                pixels.Slice(y * stride, stride),
                pixels.Slice((y + 1) * stride, stride),
                destination.Slice(y * width, width),
                destination.Slice((y + 1) * width, width),
                destination.Slice(ySize + (y / 2 * chromaWidth), chromaWidth),
                destination.Slice(ySize + cSize + (y / 2 * chromaWidth), chromaWidth),
                0,
                width,
                bgra);
        }
    }

    /// <summary>
    /// The inverse: yuv420p (BT.709 limited range) → RGBA/BGRA, each 2×2 block sharing its chroma sample. Used for the
    /// frames of a clip decoded in yuv420p that need RGBA (transitions, effects, overlays), so a converted frame goes
    /// back through <see cref="Convert(Frame, Span{byte})"/> to within rounding of the clip's own samples.
    /// </summary>
    public static void ToRgba(ReadOnlySpan<byte> yuv, int width, int height, Span<byte> destination, bool bgra = false)
    {
        if ((width & 1) != 0 || (height & 1) != 0 || yuv.Length < FrameSize(width, height) || destination.Length < width * height * 4)
        {
            throw new ArgumentException($"A {width}x{height} yuv420p frame needs even sides, {FrameSize(width, height)} bytes in and {width * height * 4} out.", nameof(yuv));
        }

        // 1.164383 × (Y − 16); R += 1.792741 Cr; G −= 0.213249 Cb + 0.532909 Cr; B += 2.112402 Cb (× 65536).
        const int Ky = 76309, KrV = 117489, KgU = 13975, KgV = 34925, KbU = 138438;
        int chromaWidth = width / 2;
        int ySize = width * height;
        int cSize = chromaWidth * (height / 2);
        int ri = bgra ? 2 : 0, bi = bgra ? 0 : 2;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> yRow = yuv.Slice(y * width, width);
            ReadOnlySpan<byte> uRow = yuv.Slice(ySize + (y / 2 * chromaWidth), chromaWidth);
            ReadOnlySpan<byte> vRow = yuv.Slice(ySize + cSize + (y / 2 * chromaWidth), chromaWidth);
            Span<byte> row = destination.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                int l = (yRow[x] - 16) * Ky;
                int u = uRow[x >> 1] - 128, v = vRow[x >> 1] - 128;
                row[(x * 4) + ri] = Clamp((l + (KrV * v) + (1 << 15)) >> 16);
                row[(x * 4) + 1] = Clamp((l - (KgU * u) - (KgV * v) + (1 << 15)) >> 16);
                row[(x * 4) + bi] = Clamp((l + (KbU * u) + (1 << 15)) >> 16);
                row[(x * 4) + 3] = 255;
            }
        }
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static void Check(ReadOnlySpan<byte> pixels, int width, int height, Span<byte> destination)
    {
        if ((width & 1) != 0 || (height & 1) != 0 || width <= 0 || height <= 0)
        {
            throw new ArgumentException($"yuv420p needs even, positive sides; the frame is {width}x{height}.", nameof(width));
        }

        if (pixels.Length < width * height * 4)
        {
            throw new ArgumentException("The pixel span is shorter than the frame.", nameof(pixels));
        }

        if (destination.Length < FrameSize(width, height))
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a {width}x{height} yuv420p frame needs {FrameSize(width, height)}.", nameof(destination));
        }
    }

    private static void RowPairScalar(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, Span<byte> y0, Span<byte> y1, Span<byte> u, Span<byte> v, int start, int width, bool bgra)
    {
        int ri = bgra ? 2 : 0, bi = bgra ? 0 : 2;
        for (int x = start; x < width; x += 2)
        {
            int p = x * 4;
            int r00 = row0[p + ri], g00 = row0[p + 1], b00 = row0[p + bi];
            int r01 = row0[p + 4 + ri], g01 = row0[p + 5], b01 = row0[p + 4 + bi];
            int r10 = row1[p + ri], g10 = row1[p + 1], b10 = row1[p + bi];
            int r11 = row1[p + 4 + ri], g11 = row1[p + 5], b11 = row1[p + 4 + bi];
            y0[x] = (byte)(((YR * r00) + (YG * g00) + (YB * b00) + YOffset) >> 16);
            y0[x + 1] = (byte)(((YR * r01) + (YG * g01) + (YB * b01) + YOffset) >> 16);
            y1[x] = (byte)(((YR * r10) + (YG * g10) + (YB * b10) + YOffset) >> 16);
            y1[x + 1] = (byte)(((YR * r11) + (YG * g11) + (YB * b11) + YOffset) >> 16);
            int rs = r00 + r01 + r10 + r11, gs = g00 + g01 + g10 + g11, bs = b00 + b01 + b10 + b11;
            u[x / 2] = (byte)(((CbR * rs) + (CbG * gs) + (CbB * bs) + COffset) >> 18);
            v[x / 2] = (byte)(((CrR * rs) + (CrG * gs) + (CrB * bs) + COffset) >> 18);
        }
    }

    // 16 pixels of two rows per step: 16 Y per row, 8 U and 8 V.
    private static int RowPair128(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, Span<byte> y0, Span<byte> y1, Span<byte> u, Span<byte> v, int width, bool bgra)
    {
        int rShift = bgra ? 16 : 0, bShift = bgra ? 0 : 16;
        ref byte r0 = ref MemoryMarshal.GetReference(row0);
        ref byte r1 = ref MemoryMarshal.GetReference(row1);
        int x = 0;
        for (; x <= width - 16; x += 16)
        {
            int p = x * 4;
            Vector128<uint> a0 = Vector128.LoadUnsafe(ref r0, (nuint)p).AsUInt32();
            Vector128<uint> a1 = Vector128.LoadUnsafe(ref r0, (nuint)(p + 16)).AsUInt32();
            Vector128<uint> a2 = Vector128.LoadUnsafe(ref r0, (nuint)(p + 32)).AsUInt32();
            Vector128<uint> a3 = Vector128.LoadUnsafe(ref r0, (nuint)(p + 48)).AsUInt32();
            Vector128<uint> b0 = Vector128.LoadUnsafe(ref r1, (nuint)p).AsUInt32();
            Vector128<uint> b1 = Vector128.LoadUnsafe(ref r1, (nuint)(p + 16)).AsUInt32();
            Vector128<uint> b2 = Vector128.LoadUnsafe(ref r1, (nuint)(p + 32)).AsUInt32();
            Vector128<uint> b3 = Vector128.LoadUnsafe(ref r1, (nuint)(p + 48)).AsUInt32();
            Luma128(a0, a1, a2, a3, rShift, bShift).StoreUnsafe(ref MemoryMarshal.GetReference(y0), (nuint)x);
            Luma128(b0, b1, b2, b3, rShift, bShift).StoreUnsafe(ref MemoryMarshal.GetReference(y1), (nuint)x);

            // Chroma: each 64-bit lane holds two horizontally adjacent pixels; sum them, then the row below.
            (Vector128<uint> rs0, Vector128<uint> gs0, Vector128<uint> bs0) = Sums128(a0.AsUInt64() , a1.AsUInt64(), b0.AsUInt64(), b1.AsUInt64(), rShift, bShift);
            (Vector128<uint> rs1, Vector128<uint> gs1, Vector128<uint> bs1) = Sums128(a2.AsUInt64(), a3.AsUInt64(), b2.AsUInt64(), b3.AsUInt64(), rShift, bShift);
            Vector128<ushort> cb = Vector128.Narrow(Chroma128(rs0, gs0, bs0, CbR, CbG, CbB), Chroma128(rs1, gs1, bs1, CbR, CbG, CbB));
            Vector128<ushort> cr = Vector128.Narrow(Chroma128(rs0, gs0, bs0, CrR, CrG, CrB), Chroma128(rs1, gs1, bs1, CrR, CrG, CrB));
            Vector128<ulong> both = Vector128.Narrow(cb, cr).AsUInt64();
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(u), x / 2), both.GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetReference(v), x / 2), both.GetElement(1));
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Luma128(Vector128<uint> p0, Vector128<uint> p1, Vector128<uint> p2, Vector128<uint> p3, int rShift, int bShift) =>
        Vector128.Narrow(
            Vector128.Narrow(Luma128(p0, rShift, bShift), Luma128(p1, rShift, bShift)),
            Vector128.Narrow(Luma128(p2, rShift, bShift), Luma128(p3, rShift, bShift)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Luma128(Vector128<uint> p, int rShift, int bShift)
    {
        Vector128<uint> mask = Vector128.Create(0xFFu);
        Vector128<uint> r = Vector128.ShiftRightLogical(p, rShift) & mask;
        Vector128<uint> g = Vector128.ShiftRightLogical(p, 8) & mask;
        Vector128<uint> b = Vector128.ShiftRightLogical(p, bShift) & mask;
        Vector128<uint> sum = (r * (uint)YR) + (g * (uint)YG) + (b * (uint)YB) + Vector128.Create((uint)YOffset);
        return Vector128.ShiftRightLogical(sum, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<uint> R, Vector128<uint> G, Vector128<uint> B) Sums128(Vector128<ulong> a0, Vector128<ulong> a1, Vector128<ulong> b0, Vector128<ulong> b1, int rShift, int bShift) =>
        (Vector128.Narrow(Pair128(a0, b0, rShift), Pair128(a1, b1, rShift)),
         Vector128.Narrow(Pair128(a0, b0, 8), Pair128(a1, b1, 8)),
         Vector128.Narrow(Pair128(a0, b0, bShift), Pair128(a1, b1, bShift)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Pair128(Vector128<ulong> top, Vector128<ulong> bottom, int shift)
    {
        Vector128<ulong> mask = Vector128.Create(0xFFul);
        return (Vector128.ShiftRightLogical(top, shift) & mask) + (Vector128.ShiftRightLogical(top, shift + 32) & mask) +
               (Vector128.ShiftRightLogical(bottom, shift) & mask) + (Vector128.ShiftRightLogical(bottom, shift + 32) & mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Chroma128(Vector128<uint> r, Vector128<uint> g, Vector128<uint> b, int cr, int cg, int cb)
    {
        Vector128<int> sum = (r.AsInt32() * cr) + (g.AsInt32() * cg) + (b.AsInt32() * cb) + Vector128.Create(COffset);
        return Vector128.ShiftRightArithmetic(sum, 18).AsUInt32();
    }

    // 32 pixels of two rows per step: 32 Y per row, 16 U and 16 V.
    private static int RowPair256(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, Span<byte> y0, Span<byte> y1, Span<byte> u, Span<byte> v, int width, bool bgra)
    {
        int rShift = bgra ? 16 : 0, bShift = bgra ? 0 : 16;
        ref byte r0 = ref MemoryMarshal.GetReference(row0);
        ref byte r1 = ref MemoryMarshal.GetReference(row1);
        int x = 0;
        for (; x <= width - 32; x += 32)
        {
            int p = x * 4;
            Vector256<uint> a0 = Vector256.LoadUnsafe(ref r0, (nuint)p).AsUInt32();
            Vector256<uint> a1 = Vector256.LoadUnsafe(ref r0, (nuint)(p + 32)).AsUInt32();
            Vector256<uint> a2 = Vector256.LoadUnsafe(ref r0, (nuint)(p + 64)).AsUInt32();
            Vector256<uint> a3 = Vector256.LoadUnsafe(ref r0, (nuint)(p + 96)).AsUInt32();
            Vector256<uint> b0 = Vector256.LoadUnsafe(ref r1, (nuint)p).AsUInt32();
            Vector256<uint> b1 = Vector256.LoadUnsafe(ref r1, (nuint)(p + 32)).AsUInt32();
            Vector256<uint> b2 = Vector256.LoadUnsafe(ref r1, (nuint)(p + 64)).AsUInt32();
            Vector256<uint> b3 = Vector256.LoadUnsafe(ref r1, (nuint)(p + 96)).AsUInt32();
            Luma256(a0, a1, a2, a3, rShift, bShift).StoreUnsafe(ref MemoryMarshal.GetReference(y0), (nuint)x);
            Luma256(b0, b1, b2, b3, rShift, bShift).StoreUnsafe(ref MemoryMarshal.GetReference(y1), (nuint)x);

            (Vector256<uint> rs0, Vector256<uint> gs0, Vector256<uint> bs0) = Sums256(a0.AsUInt64(), a1.AsUInt64(), b0.AsUInt64(), b1.AsUInt64(), rShift, bShift);
            (Vector256<uint> rs1, Vector256<uint> gs1, Vector256<uint> bs1) = Sums256(a2.AsUInt64(), a3.AsUInt64(), b2.AsUInt64(), b3.AsUInt64(), rShift, bShift);
            Vector256<ushort> cb = Vector256.Narrow(Chroma256(rs0, gs0, bs0, CbR, CbG, CbB), Chroma256(rs1, gs1, bs1, CbR, CbG, CbB));
            Vector256<ushort> cr = Vector256.Narrow(Chroma256(rs0, gs0, bs0, CrR, CrG, CrB), Chroma256(rs1, gs1, bs1, CrR, CrG, CrB));
            Vector256<byte> both = Vector256.Narrow(cb, cr);
            both.GetLower().StoreUnsafe(ref MemoryMarshal.GetReference(u), (nuint)(x / 2));
            both.GetUpper().StoreUnsafe(ref MemoryMarshal.GetReference(v), (nuint)(x / 2));
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Luma256(Vector256<uint> p0, Vector256<uint> p1, Vector256<uint> p2, Vector256<uint> p3, int rShift, int bShift) =>
        Vector256.Narrow(
            Vector256.Narrow(Luma256(p0, rShift, bShift), Luma256(p1, rShift, bShift)),
            Vector256.Narrow(Luma256(p2, rShift, bShift), Luma256(p3, rShift, bShift)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Luma256(Vector256<uint> p, int rShift, int bShift)
    {
        Vector256<uint> mask = Vector256.Create(0xFFu);
        Vector256<uint> r = Vector256.ShiftRightLogical(p, rShift) & mask;
        Vector256<uint> g = Vector256.ShiftRightLogical(p, 8) & mask;
        Vector256<uint> b = Vector256.ShiftRightLogical(p, bShift) & mask;
        Vector256<uint> sum = (r * (uint)YR) + (g * (uint)YG) + (b * (uint)YB) + Vector256.Create((uint)YOffset);
        return Vector256.ShiftRightLogical(sum, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<uint> R, Vector256<uint> G, Vector256<uint> B) Sums256(Vector256<ulong> a0, Vector256<ulong> a1, Vector256<ulong> b0, Vector256<ulong> b1, int rShift, int bShift) =>
        (Vector256.Narrow(Pair256(a0, b0, rShift), Pair256(a1, b1, rShift)),
         Vector256.Narrow(Pair256(a0, b0, 8), Pair256(a1, b1, 8)),
         Vector256.Narrow(Pair256(a0, b0, bShift), Pair256(a1, b1, bShift)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Pair256(Vector256<ulong> top, Vector256<ulong> bottom, int shift)
    {
        Vector256<ulong> mask = Vector256.Create(0xFFul);
        return (Vector256.ShiftRightLogical(top, shift) & mask) + (Vector256.ShiftRightLogical(top, shift + 32) & mask) +
               (Vector256.ShiftRightLogical(bottom, shift) & mask) + (Vector256.ShiftRightLogical(bottom, shift + 32) & mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Chroma256(Vector256<uint> r, Vector256<uint> g, Vector256<uint> b, int cr, int cg, int cb)
    {
        Vector256<int> sum = (r.AsInt32() * cr) + (g.AsInt32() * cg) + (b.AsInt32() * cb) + Vector256.Create(COffset);
        return Vector256.ShiftRightArithmetic(sum, 18).AsUInt32();
    }
}
