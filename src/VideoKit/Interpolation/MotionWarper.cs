using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// Turns a block motion field into a per-pixel field (bilinear interpolation between block centres, so no block edges
/// show) and builds the in-between frame: A sampled at p − t·v and B at p + (1 − t)·v, both bilinear, blended with
/// occlusion-aware weights (<see cref="OcclusionWeights"/>: per block, interpolated between block centres like the vectors;
/// one weight per aligned run of 4 pixels, in the SIMD path and its scalar reference alike) or, when
/// <c>occlusionAware</c> is false, plain weights 1 − t and t. Pixels are handled as packed 32-bit values with two 16-bit lanes (R,B and G,A), exact to
/// rounding.
/// </summary>
internal static class MotionWarper
{

    /// <summary>
    /// Builds the in-between frame. With the luma planes the field was estimated on (<paramref name="lumaA"/>,
    /// <paramref name="lumaB"/>), blocks whose vectors explain little fall back towards the plain cross-fade
    /// (<see cref="MotionReliability"/>); <paramref name="motionShare"/> gives those per-block shares directly (tests).
    /// A forward/backward <paramref name="consistency"/> check adds covered/uncovered blocks to the occlusion weights, and
    /// blocks it shows to be seen from one side only keep their motion share (their two-sided error is high by nature).
    /// </summary>
    public static void Warp(Frame a, Frame b, MotionField field, int factor, float t, Frame destination, long cubicMaxPixels, int maxDegreeOfParallelism, bool vectorized = true, bool occlusionAware = true, LumaPlane? lumaA = null, LumaPlane? lumaB = null, float[]? motionShare = null, MotionConsistency? consistency = null)
    {
        int w = a.Width, h = a.Height;
        int bx = field.BlocksX;
        float half = (field.BlockSize - 1) / 2f;

        // Per column: the two block columns around the pixel and the weight of the right one.
        int[] colI0 = new int[w];
        int[] colW = new int[w];
        for (int x = 0; x < w; x++)
        {
            float g = ((((x + 0.5f) / factor) - 0.5f - half) / field.BlockSize);
            int i0 = (int)MathF.Floor(g);
            float f = g - i0;
            if (i0 < 0)
            {
                (i0, f) = (0, 0);
            }
            else if (i0 >= bx - 1)
            {
                (i0, f) = (bx - 1, 0);
            }

            colI0[x] = i0;
            colW[x] = (int)(f * 256);
        }

        float[] share = ArrayPool<float>.Shared.Rent(field.Count);
        float[] oneSided = ArrayPool<float>.Shared.Rent(field.Count);
        Array.Clear(oneSided, 0, field.Count);
        float[]? motion = motionShare;
        bool rented = false;
        try
        {
            if (occlusionAware)
            {
                OcclusionWeights.Compute(field, t, w / factor, h / factor, share, consistency, oneSided, maxDegreeOfParallelism);
            }
            else
            {
                share.AsSpan(0, field.Count).Fill(t);
            }

            if (motion is null && lumaA is not null && lumaB is not null)
            {
                motion = ArrayPool<float>.Shared.Rent(field.Count);
                rented = true;
                MotionReliability.Compute(field, lumaA, lumaB, t, motion, maxDegreeOfParallelism);
                if (consistency is not null)
                {
                    // A block seen from one side only has a high two-sided error by nature: that error says nothing
                    // against its vector, so the clear one-sided share is trusted.
                    for (int k = 0; k < field.Count; k++)
                    {
                        motion[k] = MathF.Max(motion[k], oneSided[k]);
                    }
                }
            }

            WarpRows(a, b, field, factor, t, destination, cubicMaxPixels, maxDegreeOfParallelism, vectorized, share, motion, colI0, colW);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(share);
            ArrayPool<float>.Shared.Return(oneSided);
            if (rented)
            {
                ArrayPool<float>.Shared.Return(motion!);
            }
        }
    }

    private static void WarpRows(Frame a, Frame b, MotionField field, int factor, float t, Frame destination, long cubicMaxPixels, int maxDegreeOfParallelism, bool vectorized, float[] share, float[]? motion, int[] colI0, int[] colW)
    {
        uint still = (uint)BlendKernel.Weight(t);
        int w = a.Width, h = a.Height;
        int bx = field.BlocksX, by = field.BlocksY;
        float half = (field.BlockSize - 1) / 2f;
        int runs = w & ~3;
        bool cubic = (long)w * h <= cubicMaxPixels;
        bool spans = !cubic && vectorized && Vector128.IsHardwareAccelerated;
        int bands = Math.Max(1, Math.Min(h / 16, maxDegreeOfParallelism * 4));
        int rowsPerBand = (h + bands - 1) / bands;
        Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, band =>
        {
            int y0 = band * rowsPerBand, y1 = Math.Min(h, y0 + rowsPerBand);
            float[] rowX = new float[bx];
            float[] rowY = new float[bx];
            float[] rowS = new float[bx];
            float[]? rowM = motion is null ? null : new float[bx];
            ReadOnlySpan<uint> pa = MemoryMarshal.Cast<byte, uint>(a.Span);
            ReadOnlySpan<uint> pb = MemoryMarshal.Cast<byte, uint>(b.Span);
            Span<uint> pd = MemoryMarshal.Cast<byte, uint>(destination.Span);
            for (int y = y0; y < y1; y++)
            {
                float g = ((((y + 0.5f) / factor) - 0.5f - half) / field.BlockSize);
                int j0 = (int)MathF.Floor(g);
                float fy = g - j0;
                if (j0 < 0)
                {
                    (j0, fy) = (0, 0);
                }
                else if (j0 >= by - 1)
                {
                    (j0, fy) = (by - 1, 0);
                }

                int j1 = Math.Min(j0 + 1, by - 1);
                for (int i = 0; i < bx; i++)
                {
                    int k0 = (j0 * bx) + i, k1 = (j1 * bx) + i;
                    rowX[i] = (field.X[k0] + ((field.X[k1] - field.X[k0]) * fy)) * factor;
                    rowY[i] = (field.Y[k0] + ((field.Y[k1] - field.Y[k0]) * fy)) * factor;
                    rowS[i] = share[k0] + ((share[k1] - share[k0]) * fy);
                    if (rowM is not null)
                    {
                        rowM[i] = motion![k0] + ((motion[k1] - motion[k0]) * fy);
                    }
                }

                Span<uint> dst = pd.Slice(y * w, w);
                int x = 0;
                if (spans)
                {
                    // Runs of 4 pixels share one vector (taken between the 2nd and 3rd pixel; blocks are 16+ pixels wide),
                    // so their samples are 4 contiguous pixels with the same weights: one Vector128 bilinear per frame.
                    for (; x + 4 <= w; x += 4)
                    {
                        int i0 = colI0[x + 1], i1 = Math.Min(i0 + 1, bx - 1), i2 = colI0[x + 2], i3 = Math.Min(i2 + 1, bx - 1);
                        float f1 = colW[x + 1] * (1f / 256), f2 = colW[x + 2] * (1f / 256);
                        float vx = 0.5f * (rowX[i0] + ((rowX[i1] - rowX[i0]) * f1) + rowX[i2] + ((rowX[i3] - rowX[i2]) * f2));
                        float vy = 0.5f * (rowY[i0] + ((rowY[i1] - rowY[i0]) * f1) + rowY[i2] + ((rowY[i3] - rowY[i2]) * f2));
                        uint m = rowM is null ? 256 : RunWeight(rowM, colI0, colW, bx, x);
                        WarpSpan(pa, pb, w, h, x, y, vx, vy, t, RunWeight(rowS, colI0, colW, bx, x), m, still, dst);
                    }
                }

                for (; x < w; x++)
                {
                    int i0 = colI0[x], i1 = Math.Min(i0 + 1, bx - 1);
                    float fx = colW[x] * (1f / 256);
                    float vx = rowX[i0] + ((rowX[i1] - rowX[i0]) * fx);
                    float vy = rowY[i0] + ((rowY[i1] - rowY[i0]) * fx);
                    uint weightB = x < runs ? RunWeight(rowS, colI0, colW, bx, x & ~3) : ToWeight(rowS[i0] + ((rowS[i1] - rowS[i0]) * fx));
                    uint ca = cubic ? SampleCubic(pa, w, h, x - (t * vx), y - (t * vy)) : Sample(pa, w, h, x - (t * vx), y - (t * vy));
                    uint cb = cubic ? SampleCubic(pb, w, h, x + ((1 - t) * vx), y + ((1 - t) * vy)) : Sample(pb, w, h, x + ((1 - t) * vx), y + ((1 - t) * vy));
                    uint mc = Lerp(ca, cb, weightB);
                    if (rowM is not null)
                    {
                        uint m = x < runs ? RunWeight(rowM, colI0, colW, bx, x & ~3) : ToWeight(rowM[i0] + ((rowM[i1] - rowM[i0]) * fx));
                        mc = m >= 256 ? mc : Lerp(Lerp(pa[(y * w) + x], pb[(y * w) + x], still), mc, m);
                    }

                    dst[x] = mc;
                }
            }
        });
    }

    /// <summary>The B weight (0–256) of the aligned run of 4 pixels starting at x, taken between its 2nd and 3rd pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RunWeight(float[] rowS, int[] colI0, int[] colW, int bx, int x)
    {
        int i0 = colI0[x + 1], i1 = Math.Min(i0 + 1, bx - 1), i2 = colI0[x + 2], i3 = Math.Min(i2 + 1, bx - 1);
        float f1 = colW[x + 1] * (1f / 256), f2 = colW[x + 2] * (1f / 256);
        return ToWeight(0.5f * (rowS[i0] + ((rowS[i1] - rowS[i0]) * f1) + rowS[i2] + ((rowS[i3] - rowS[i2]) * f2)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToWeight(float share) => (uint)Math.Clamp((int)MathF.Round(share * 256), 0, 256);

    /// <summary>
    /// Four output pixels from A at p − t·v and B at p + (1 − t)·v with one vector, mixed with the plain cross-fade at p
    /// (weight <paramref name="still"/>) when the motion share <paramref name="motionWeight"/> is below 256; scalar where a
    /// sample leaves the picture.
    /// </summary>
    private static void WarpSpan(ReadOnlySpan<uint> pa, ReadOnlySpan<uint> pb, int w, int h, int x, int y, float vx, float vy, float t, uint weightB, uint motionWeight, uint still, Span<uint> dst)
    {
        float ax = x - (t * vx), ay = y - (t * vy), bx = x + ((1 - t) * vx), by = y + ((1 - t) * vy);
        int axp = (int)MathF.Floor(ax * 256f), ayp = (int)MathF.Floor(ay * 256f), bxp = (int)MathF.Floor(bx * 256f), byp = (int)MathF.Floor(by * 256f);
        int aix = axp >> 8, aiy = ayp >> 8, bix = bxp >> 8, biy = byp >> 8;
        if ((uint)aix > (uint)(w - 5) || (uint)aiy > (uint)(h - 2) || (uint)bix > (uint)(w - 5) || (uint)biy > (uint)(h - 2))
        {
            for (int i = 0; i < 4; i++)
            {
                uint ca = Sample(pa, w, h, ax + i, ay);
                uint cb = Sample(pb, w, h, bx + i, by);
                uint mc = Lerp(ca, cb, weightB);
                dst[x + i] = motionWeight >= 256 ? mc : Lerp(Lerp(pa[(y * w) + x + i], pb[(y * w) + x + i], still), mc, motionWeight);
            }

            return;
        }

        ref uint ra = ref Unsafe.Add(ref MemoryMarshal.GetReference(pa), (aiy * w) + aix);
        ref uint rb = ref Unsafe.Add(ref MemoryMarshal.GetReference(pb), (biy * w) + bix);
        (Vector128<ushort> aLo, Vector128<ushort> aHi) = Bilinear4(ref ra, w, (ushort)(axp & 255), (ushort)(ayp & 255));
        (Vector128<ushort> bLo, Vector128<ushort> bHi) = Bilinear4(ref rb, w, (ushort)(bxp & 255), (ushort)(byp & 255));
        Vector128<ushort> wb = Vector128.Create((ushort)weightB), wa = Vector128.Create((ushort)(256 - weightB)), round = Vector128.Create((ushort)128);
        Vector128<ushort> lo = Vector128.ShiftRightLogical((aLo * wa) + (bLo * wb) + round, 8);
        Vector128<ushort> hi = Vector128.ShiftRightLogical((aHi * wa) + (bHi * wb) + round, 8);
        if (motionWeight < 256)
        {
            // The plain cross-fade of A and B at p, then (still·(256 − m) + motion·m + 128) >> 8: Lerp's integers.
            ref byte sa = ref Unsafe.As<uint, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(pa), (y * w) + x));
            ref byte sb = ref Unsafe.As<uint, byte>(ref Unsafe.Add(ref MemoryMarshal.GetReference(pb), (y * w) + x));
            (Vector128<ushort> saLo, Vector128<ushort> saHi) = Vector128.Widen(Vector128.LoadUnsafe(ref sa));
            (Vector128<ushort> sbLo, Vector128<ushort> sbHi) = Vector128.Widen(Vector128.LoadUnsafe(ref sb));
            Vector128<ushort> tb = Vector128.Create((ushort)still), ta = Vector128.Create((ushort)(256 - still));
            Vector128<ushort> sLo = Vector128.ShiftRightLogical((saLo * ta) + (sbLo * tb) + round, 8);
            Vector128<ushort> sHi = Vector128.ShiftRightLogical((saHi * ta) + (sbHi * tb) + round, 8);
            Vector128<ushort> mw = Vector128.Create((ushort)motionWeight), sw = Vector128.Create((ushort)(256 - motionWeight));
            lo = Vector128.ShiftRightLogical((sLo * sw) + (lo * mw) + round, 8);
            hi = Vector128.ShiftRightLogical((sHi * sw) + (hi * mw) + round, 8);
        }

        Vector128.Narrow(lo, hi).StoreUnsafe(ref Unsafe.As<uint, byte>(ref dst[x]));
    }

    /// <summary>Bilinear samples of 4 contiguous pixels starting at <paramref name="origin"/>, all with fractions (fx, fy)/256: the same integers as <see cref="Lerp"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<ushort> Lo, Vector128<ushort> Hi) Bilinear4(ref uint origin, int stride, ushort fx, ushort fy)
    {
        ref byte p = ref Unsafe.As<uint, byte>(ref origin);
        Vector128<byte> p00 = Vector128.LoadUnsafe(ref p), p01 = Vector128.LoadUnsafe(ref p, 4);
        Vector128<byte> p10 = Vector128.LoadUnsafe(ref p, (nuint)stride * 4), p11 = Vector128.LoadUnsafe(ref p, ((nuint)stride * 4) + 4);
        Vector128<ushort> fxv = Vector128.Create(fx), gxv = Vector128.Create((ushort)(256 - fx));
        Vector128<ushort> fyv = Vector128.Create(fy), gyv = Vector128.Create((ushort)(256 - fy)), round = Vector128.Create((ushort)128);
        (Vector128<ushort> a0, Vector128<ushort> a1) = Vector128.Widen(p00);
        (Vector128<ushort> b0, Vector128<ushort> b1) = Vector128.Widen(p01);
        (Vector128<ushort> c0, Vector128<ushort> c1) = Vector128.Widen(p10);
        (Vector128<ushort> d0, Vector128<ushort> d1) = Vector128.Widen(p11);
        Vector128<ushort> top0 = Vector128.ShiftRightLogical((a0 * gxv) + (b0 * fxv) + round, 8);
        Vector128<ushort> top1 = Vector128.ShiftRightLogical((a1 * gxv) + (b1 * fxv) + round, 8);
        Vector128<ushort> bot0 = Vector128.ShiftRightLogical((c0 * gxv) + (d0 * fxv) + round, 8);
        Vector128<ushort> bot1 = Vector128.ShiftRightLogical((c1 * gxv) + (d1 * fxv) + round, 8);
        return (Vector128.ShiftRightLogical((top0 * gyv) + (bot0 * fyv) + round, 8), Vector128.ShiftRightLogical((top1 * gyv) + (bot1 * fyv) + round, 8));
    }

    /// <summary>
    /// Bicubic (Catmull-Rom) sample of a packed 4-channel picture at (sx, sy), clamped to the picture: sharper than
    /// bilinear at half-pixel positions, where bilinear sampling blurs most.
    /// </summary>
    internal static uint SampleCubic(ReadOnlySpan<uint> pixels, int w, int h, float sx, float sy)
    {
        int x0 = (int)MathF.Floor(sx), y0 = (int)MathF.Floor(sy);
        Vector128<float> wx = CubicWeights(sx - x0), wy = CubicWeights(sy - y0);
        int xm = x0 - 1;
        bool inside = (uint)xm <= (uint)(w - 4);
        Vector128<float> sum = Vector128<float>.Zero;
        for (int j = 0; j < 4; j++)
        {
            int row = Math.Clamp(y0 - 1 + j, 0, h - 1) * w;
            uint p0, p1, p2, p3;
            if (inside)
            {
                (p0, p1, p2, p3) = (pixels[row + xm], pixels[row + xm + 1], pixels[row + xm + 2], pixels[row + xm + 3]);
            }
            else
            {
                p0 = pixels[row + Math.Clamp(xm, 0, w - 1)];
                p1 = pixels[row + Math.Clamp(xm + 1, 0, w - 1)];
                p2 = pixels[row + Math.Clamp(xm + 2, 0, w - 1)];
                p3 = pixels[row + Math.Clamp(xm + 3, 0, w - 1)];
            }

            Vector128<float> line = (ToFloat(p0) * wx.GetElement(0)) + (ToFloat(p1) * wx.GetElement(1)) + (ToFloat(p2) * wx.GetElement(2)) + (ToFloat(p3) * wx.GetElement(3));
            sum += line * wy.GetElement(j);
        }

        Vector128<int> q = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(sum + Vector128.Create(0.5f), Vector128<float>.Zero), Vector128.Create(255f)));
        return (uint)q.GetElement(0) | ((uint)q.GetElement(1) << 8) | ((uint)q.GetElement(2) << 16) | ((uint)q.GetElement(3) << 24);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ToFloat(uint p)
    {
        Vector128<uint> v = Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(p).AsByte()).AsUInt16());
        return Vector128.ConvertToSingle(v.AsInt32());
    }

    /// <summary>Catmull-Rom weights of the four taps around a fraction f in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> CubicWeights(float f)
    {
        const float A = -0.5f; // Catmull-Rom
        float f1 = 1 + f, g = 1 - f, g1 = 2 - f;
        return Vector128.Create(
            (((A * f1) - (5 * A)) * f1 * f1) + (8 * A * f1) - (4 * A),
            ((((A + 2) * f) - (A + 3)) * f * f) + 1,
            ((((A + 2) * g) - (A + 3)) * g * g) + 1,
            (((A * g1) - (5 * A)) * g1 * g1) + (8 * A * g1) - (4 * A));
    }

    /// <summary>Bilinear sample of a packed RGBA/BGRA picture at (sx, sy), clamped to the picture.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Sample(ReadOnlySpan<uint> pixels, int w, int h, float sx, float sy)
    {
        int fxp = (int)MathF.Floor(sx * 256f), fyp = (int)MathF.Floor(sy * 256f);
        int x0 = fxp >> 8, y0 = fyp >> 8;
        uint fx = (uint)(fxp & 255), fy = (uint)(fyp & 255);
        int x1 = x0 + 1, y1 = y0 + 1;
        if ((uint)x0 >= (uint)(w - 1))
        {
            x0 = Math.Clamp(x0, 0, w - 1);
            x1 = Math.Clamp(x1, 0, w - 1);
        }

        if ((uint)y0 >= (uint)(h - 1))
        {
            y0 = Math.Clamp(y0, 0, h - 1);
            y1 = Math.Clamp(y1, 0, h - 1);
        }

        int r0 = y0 * w, r1 = y1 * w;
        uint top = Lerp(pixels[r0 + x0], pixels[r0 + x1], fx);
        uint bottom = Lerp(pixels[r1 + x0], pixels[r1 + x1], fx);
        return Lerp(top, bottom, fy);
    }

    /// <summary>Per-channel p + (q − p)·f/256 with rounding, two channels per 32-bit multiply.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Lerp(uint p, uint q, uint f)
    {
        uint g = 256 - f;
        uint rb = ((((p & 0xFF00FFu) * g) + ((q & 0xFF00FFu) * f) + 0x800080u) >> 8) & 0xFF00FFu;
        uint ag = (((((p >> 8) & 0xFF00FFu) * g) + (((q >> 8) & 0xFF00FFu) * f) + 0x800080u) >> 8) & 0xFF00FFu;
        return rb | (ag << 8);
    }
}
