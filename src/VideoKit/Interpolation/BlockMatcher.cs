using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VideoKit.Interpolation;

/// <summary>Sums of absolute differences between 8×8 luma blocks: the matching cost of the block search.</summary>
internal static class BlockMatcher
{
    public const int Size = 8;

    /// <summary>SAD of the 8×8 blocks starting at <paramref name="ia"/> in <paramref name="a"/> and <paramref name="ib"/> in <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sad8x8(byte[] a, int ia, byte[] b, int ib, int stride)
    {
        ref byte ra = ref a[ia];
        ref byte rb = ref b[ib];
        if (Sse2.IsSupported)
        {
            Vector128<ulong> acc = Vector128<ulong>.Zero;
            for (int r = 0; r < Size; r += 2)
            {
                Vector128<byte> va = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, r * stride)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, (r + 1) * stride))).AsByte();
                Vector128<byte> vb = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, r * stride)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, (r + 1) * stride))).AsByte();
                acc += Sse2.SumAbsoluteDifferences(va, vb).AsUInt64();
            }

            return (int)(acc.GetElement(0) + acc.GetElement(1));
        }

        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<ushort> acc = Vector128<ushort>.Zero;
            for (int r = 0; r < Size; r += 2)
            {
                Vector128<byte> va = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, r * stride)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref ra, (r + 1) * stride))).AsByte();
                Vector128<byte> vb = Vector128.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, r * stride)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref rb, (r + 1) * stride))).AsByte();
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Max(va, vb) - Vector128.Min(va, vb));
                acc += lo + hi;
            }

            return Vector128.Sum(acc);
        }

        return Sad8x8Scalar(a, ia, b, ib, stride);
    }

    /// <summary>The scalar reference of <see cref="Sad8x8"/>.</summary>
    public static int Sad8x8Scalar(byte[] a, int ia, byte[] b, int ib, int stride)
    {
        int sum = 0;
        for (int r = 0; r < Size; r++)
        {
            int oa = ia + (r * stride), ob = ib + (r * stride);
            for (int c = 0; c < Size; c++)
            {
                sum += Math.Abs(a[oa + c] - b[ob + c]);
            }
        }

        return sum;
    }

    /// <summary>
    /// SAD of an 8×8 block whose samples sit at fractional positions: A at (x + ax, y + ay), B at (x + bx, y + by), with
    /// bilinear sampling (1/16-pixel weights). The caller guarantees both blocks plus one pixel lie inside the padded plane.
    /// </summary>
    public static int SadBilinear(LumaPlane pa, LumaPlane pb, int x, int y, float ax, float ay, float bx, float by, int size)
    {
        byte[] a = pa.Data, b = pb.Data;
        int stride = pa.Stride;
        int axi = (int)MathF.Floor(ax), ayi = (int)MathF.Floor(ay), bxi = (int)MathF.Floor(bx), byi = (int)MathF.Floor(by);
        int afx = (int)((ax - axi) * 16 + 0.5f), afy = (int)((ay - ayi) * 16 + 0.5f);
        int bfx = (int)((bx - bxi) * 16 + 0.5f), bfy = (int)((by - byi) * 16 + 0.5f);
        int a00 = (16 - afx) * (16 - afy), a01 = afx * (16 - afy), a10 = (16 - afx) * afy, a11 = afx * afy;
        int b00 = (16 - bfx) * (16 - bfy), b01 = bfx * (16 - bfy), b10 = (16 - bfx) * bfy, b11 = bfx * bfy;
        int ia = pa.IndexOf(x + axi, y + ayi), ib = pb.IndexOf(x + bxi, y + byi);
        int sum = 0;
        for (int r = 0; r < size; r++)
        {
            int oa = ia + (r * stride), ob = ib + (r * stride);
            for (int c = 0; c < size; c++)
            {
                int va = (a[oa + c] * a00) + (a[oa + c + 1] * a01) + (a[oa + c + stride] * a10) + (a[oa + c + stride + 1] * a11);
                int vb = (b[ob + c] * b00) + (b[ob + c + 1] * b01) + (b[ob + c + stride] * b10) + (b[ob + c + stride + 1] * b11);
                sum += Math.Abs(va - vb);
            }
        }

        return (sum + 128) >> 8;
    }
}
