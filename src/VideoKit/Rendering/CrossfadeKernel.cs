using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VideoKit.Rendering;

/// <summary>
/// The per-pixel blend of a crossfade: <c>destination = (from × (256 − w) + to × w + 128) / 256</c> for every byte, with
/// the weight <c>w</c> in 1/256 steps. Vector paths (Vector256, Vector128) do exactly the scalar arithmetic.
/// </summary>
internal static class CrossfadeKernel
{
    /// <summary>The blend weight in 1/256 steps for a fraction 0–1 of the way to <c>to</c>.</summary>
    public static int Weight(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 256);

    /// <summary>Blends <paramref name="from"/> towards <paramref name="to"/>; <paramref name="destination"/> may be either input.</summary>
    public static void Blend(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, Span<byte> destination, int weight)
    {
        Check(from, to, destination, weight);
        int i = 0;
        ref byte a = ref MemoryMarshal.GetReference(from);
        ref byte b = ref MemoryMarshal.GetReference(to);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int length = destination.Length;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            Vector256<ushort> wa = Vector256.Create((ushort)(256 - weight)), wb = Vector256.Create((ushort)weight), half = Vector256.Create((ushort)128);
            for (; i <= length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                (Vector256<ushort> aLo, Vector256<ushort> aHi) = Vector256.Widen(Vector256.LoadUnsafe(ref a, (nuint)i));
                (Vector256<ushort> bLo, Vector256<ushort> bHi) = Vector256.Widen(Vector256.LoadUnsafe(ref b, (nuint)i));
                Vector256.Narrow(
                    Vector256.ShiftRightLogical((aLo * wa) + (bLo * wb) + half, 8),
                    Vector256.ShiftRightLogical((aHi * wa) + (bHi * wb) + half, 8)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            Vector128<ushort> wa = Vector128.Create((ushort)(256 - weight)), wb = Vector128.Create((ushort)weight), half = Vector128.Create((ushort)128);
            for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> aLo, Vector128<ushort> aHi) = Vector128.Widen(Vector128.LoadUnsafe(ref a, (nuint)i));
                (Vector128<ushort> bLo, Vector128<ushort> bHi) = Vector128.Widen(Vector128.LoadUnsafe(ref b, (nuint)i));
                Vector128.Narrow(
                    Vector128.ShiftRightLogical((aLo * wa) + (bLo * wb) + half, 8),
                    Vector128.ShiftRightLogical((aHi * wa) + (bHi * wb) + half, 8)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        BlendScalar(from[i..], to[i..], destination[i..], weight);
    }

    /// <summary>The reference implementation, one byte at a time.</summary>
    public static void BlendScalar(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, Span<byte> destination, int weight)
    {
        Check(from, to, destination, weight);
        int inverse = 256 - weight;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)(((from[i] * inverse) + (to[i] * weight) + 128) >> 8);
        }
    }

    private static void Check(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, Span<byte> destination, int weight)
    {
        if (from.Length < destination.Length || to.Length < destination.Length)
        {
            throw new ArgumentException("The inputs must be at least as long as the destination.", nameof(destination));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, 256);
    }
}
