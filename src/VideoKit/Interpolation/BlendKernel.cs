using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VideoKit.Interpolation;

/// <summary>
/// The cross-fade kernel: <c>d = (a·(256 − w) + b·w + 128) &gt;&gt; 8</c> per byte, with w = round(t·256). The SIMD paths
/// compute exactly the same integers as <see cref="BlendScalar"/> (16-bit lanes cannot overflow: 255·256 + 128 &lt; 65536).
/// </summary>
internal static class BlendKernel
{
    /// <summary>The 8-bit weight of B for a position t in [0, 1].</summary>
    public static int Weight(double t) => (int)Math.Round(Math.Clamp(t, 0, 1) * 256, MidpointRounding.AwayFromZero);

    /// <summary>Blends with Vector256 or Vector128 where the hardware has them, and a scalar tail.</summary>
    public static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight)
    {
        int n = destination.Length;
        if (a.Length < n || b.Length < n)
        {
            throw new ArgumentException("The source spans are shorter than the destination.", nameof(a));
        }

        ushort wb = (ushort)weight, wa = (ushort)(256 - weight);
        ref byte ra = ref MemoryMarshal.GetReference(a);
        ref byte rb = ref MemoryMarshal.GetReference(b);
        ref byte rd = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= Vector256<byte>.Count)
        {
            Vector256<ushort> va = Vector256.Create(wa), vb = Vector256.Create(wb), round = Vector256.Create((ushort)128);
            for (; i <= n - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256<ushort> aLo, Vector256<ushort> aHi) = Vector256.Widen(Vector256.LoadUnsafe(ref ra, (nuint)i));
                (Vector256<ushort> bLo, Vector256<ushort> bHi) = Vector256.Widen(Vector256.LoadUnsafe(ref rb, (nuint)i));
                Vector256<ushort> lo = Vector256.ShiftRightLogical((aLo * va) + (bLo * vb) + round, 8);
                Vector256<ushort> hi = Vector256.ShiftRightLogical((aHi * va) + (bHi * vb) + round, 8);
                Vector256.Narrow(lo, hi).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated && n - i >= Vector128<byte>.Count)
        {
            Vector128<ushort> va = Vector128.Create(wa), vb = Vector128.Create(wb), round = Vector128.Create((ushort)128);
            for (; i <= n - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> aLo, Vector128<ushort> aHi) = Vector128.Widen(Vector128.LoadUnsafe(ref ra, (nuint)i));
                (Vector128<ushort> bLo, Vector128<ushort> bHi) = Vector128.Widen(Vector128.LoadUnsafe(ref rb, (nuint)i));
                Vector128<ushort> lo = Vector128.ShiftRightLogical((aLo * va) + (bLo * vb) + round, 8);
                Vector128<ushort> hi = Vector128.ShiftRightLogical((aHi * va) + (bHi * vb) + round, 8);
                Vector128.Narrow(lo, hi).StoreUnsafe(ref rd, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref rd, i) = (byte)(((Unsafe.Add(ref ra, i) * wa) + (Unsafe.Add(ref rb, i) * wb) + 128) >> 8);
        }
    }

    /// <summary>The scalar reference the SIMD paths are tested against.</summary>
    public static void BlendScalar(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight)
    {
        int wa = 256 - weight;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)(((a[i] * wa) + (b[i] * weight) + 128) >> 8);
        }
    }
}
