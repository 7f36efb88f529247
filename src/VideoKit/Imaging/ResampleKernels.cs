using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VideoKit.Imaging;

/// <summary>
/// The row kernels of <see cref="Resampler"/>: each has a SIMD version (Vector128, Vector256 where it helps, scalar tail)
/// and a plain scalar reference with the same operation order, which the tests compare against. Pixels are 4 floats
/// (channel order is irrelevant; alpha is the 4th).
/// </summary>
internal static class ResampleKernels
{
    private const float InverseMax = 1f / 255f;

    /// <summary>True if any pixel's alpha (byte 3) is not 255.</summary>
    public static bool HasTransparency(ReadOnlySpan<byte> pixels)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated && pixels.Length >= Vector128<byte>.Count)
        {
            ref byte start = ref MemoryMarshal.GetReference(pixels);
            Vector128<uint> opaque = Vector128.Create(0xFF000000u);
            for (; i <= pixels.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                Vector128<uint> v = Vector128.LoadUnsafe(ref start, (nuint)i).AsUInt32();
                if ((v & opaque) != opaque)
                {
                    return true;
                }
            }
        }

        for (i += 3; i < pixels.Length; i += 4)
        {
            if (pixels[i] != 255)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Widens bytes to floats, premultiplying colour by alpha when asked.</summary>
    public static void BytesToFloats(ReadOnlySpan<byte> source, Span<float> destination, bool premultiply)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        int i = 0;
        if (Vector128.IsHardwareAccelerated && source.Length >= Vector128<byte>.Count)
        {
            ref byte src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            Vector128<int> alphaIndex = Vector128.Create(3);
            Vector128<float> colourMask = Vector128.Create(-1, -1, -1, 0).AsSingle();
            Vector128<float> inverseMax = Vector128.Create(InverseMax);
            for (; i <= source.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref src, (nuint)i));
                (Vector128<uint> p0, Vector128<uint> p1) = Vector128.Widen(lo);
                (Vector128<uint> p2, Vector128<uint> p3) = Vector128.Widen(hi);
                Vector128<float> f0 = Vector128.ConvertToSingle(p0), f1 = Vector128.ConvertToSingle(p1);
                Vector128<float> f2 = Vector128.ConvertToSingle(p2), f3 = Vector128.ConvertToSingle(p3);
                if (premultiply)
                {
                    f0 = Premultiply(f0, alphaIndex, colourMask, inverseMax);
                    f1 = Premultiply(f1, alphaIndex, colourMask, inverseMax);
                    f2 = Premultiply(f2, alphaIndex, colourMask, inverseMax);
                    f3 = Premultiply(f3, alphaIndex, colourMask, inverseMax);
                }

                f0.StoreUnsafe(ref dst, (nuint)i);
                f1.StoreUnsafe(ref dst, (nuint)(i + 4));
                f2.StoreUnsafe(ref dst, (nuint)(i + 8));
                f3.StoreUnsafe(ref dst, (nuint)(i + 12));
            }
        }

        BytesToFloatsScalar(source[i..], destination[i..], premultiply);
    }

    /// <summary>The scalar reference of <see cref="BytesToFloats"/>.</summary>
    public static void BytesToFloatsScalar(ReadOnlySpan<byte> source, Span<float> destination, bool premultiply)
    {
        int i = 0;
        for (; i + 3 < source.Length; i += 4)
        {
            float r = source[i], g = source[i + 1], b = source[i + 2], a = source[i + 3];
            if (premultiply)
            {
                float k = a * InverseMax;
                r *= k;
                g *= k;
                b *= k;
            }

            destination[i] = r;
            destination[i + 1] = g;
            destination[i + 2] = b;
            destination[i + 3] = a;
        }

        for (; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Premultiply(Vector128<float> pixel, Vector128<int> alphaIndex, Vector128<float> colourMask, Vector128<float> inverseMax)
    {
        Vector128<float> k = Vector128.Shuffle(pixel, alphaIndex) * inverseMax;
        return Vector128.ConditionalSelect(colourMask, pixel * k, pixel);
    }

    /// <summary>
    /// Horizontal pass over one row: destination pixel <c>x</c> is the weighted sum of source pixels
    /// <c>starts[x] .. starts[x] + taps - 1</c> (indices relative to <paramref name="source"/>).
    /// </summary>
    public static void HorizontalRow(ReadOnlySpan<float> source, ReadOnlySpan<int> starts, ReadOnlySpan<float> weights, int taps, Span<float> destination)
    {
        CheckHorizontal(source, starts, weights, taps, destination);
        if (!Vector128.IsHardwareAccelerated)
        {
            HorizontalRowScalar(source, starts, weights, taps, destination);
            return;
        }

        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        ref float w = ref MemoryMarshal.GetReference(weights);
        for (int x = 0; x < starts.Length; x++)
        {
            nuint p = (nuint)starts[x] * 4;
            nuint wi = (nuint)(x * taps);
            Vector128<float> acc = Vector128.LoadUnsafe(ref src, p) * Vector128.Create(Unsafe.Add(ref w, wi));
            for (int k = 1; k < taps; k++)
            {
                acc += Vector128.LoadUnsafe(ref src, p + ((nuint)k * 4)) * Vector128.Create(Unsafe.Add(ref w, wi + (nuint)k));
            }

            acc.StoreUnsafe(ref dst, (nuint)x * 4);
        }
    }

    /// <summary>The scalar reference of <see cref="HorizontalRow"/>.</summary>
    public static void HorizontalRowScalar(ReadOnlySpan<float> source, ReadOnlySpan<int> starts, ReadOnlySpan<float> weights, int taps, Span<float> destination)
    {
        CheckHorizontal(source, starts, weights, taps, destination);
        for (int x = 0; x < starts.Length; x++)
        {
            int p = starts[x] * 4;
            ReadOnlySpan<float> wx = weights.Slice(x * taps, taps);
            float w0 = wx[0];
            float r = source[p] * w0, g = source[p + 1] * w0, b = source[p + 2] * w0, a = source[p + 3] * w0;
            for (int k = 1; k < taps; k++)
            {
                int q = p + (k * 4);
                float wk = wx[k];
                r += source[q] * wk;
                g += source[q + 1] * wk;
                b += source[q + 2] * wk;
                a += source[q + 3] * wk;
            }

            int d = x * 4;
            destination[d] = r;
            destination[d + 1] = g;
            destination[d + 2] = b;
            destination[d + 3] = a;
        }
    }

    private static void CheckHorizontal(ReadOnlySpan<float> source, ReadOnlySpan<int> starts, ReadOnlySpan<float> weights, int taps, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(taps);
        if (destination.Length < starts.Length * 4 || weights.Length < starts.Length * taps)
        {
            throw new ArgumentException("The destination or the weights are too short for the number of samples.", nameof(destination));
        }

        int pixels = source.Length / 4;
        foreach (int s in starts)
        {
            if ((uint)s > (uint)(pixels - taps))
            {
                throw new ArgumentOutOfRangeException(nameof(starts), s, $"A start index leaves the {pixels}-pixel source row.");
            }
        }
    }

    /// <summary>
    /// Vertical pass for one destination row: <c>destination[c] = Σ weights[k] · source[rowOffsets[k] + c]</c> for
    /// <c>c</c> in <c>[0, destination.Length)</c>. The rows may lie anywhere in <paramref name="source"/> (a ring buffer).
    /// </summary>
    public static void VerticalRow(ReadOnlySpan<float> source, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<float> weights, Span<float> destination)
    {
        CheckVertical(source, rowOffsets, weights, destination);
        int taps = weights.Length;
        int length = destination.Length;
        int c = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        ref int offsets = ref MemoryMarshal.GetReference(rowOffsets);
        ref float w = ref MemoryMarshal.GetReference(weights);
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            // Two taps per step: fewer loop iterations and two independent multiplies in flight.
            for (; c <= length - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                ref float column = ref Unsafe.Add(ref src, c);
                Vector256<float> acc = Vector256.LoadUnsafe(ref column, (nuint)offsets) * Vector256.Create(w);
                int k = 1;
                for (; k + 1 < taps; k += 2)
                {
                    acc += (Vector256.LoadUnsafe(ref column, (nuint)Unsafe.Add(ref offsets, k)) * Vector256.Create(Unsafe.Add(ref w, k))) +
                           (Vector256.LoadUnsafe(ref column, (nuint)Unsafe.Add(ref offsets, k + 1)) * Vector256.Create(Unsafe.Add(ref w, k + 1)));
                }

                if (k < taps)
                {
                    acc += Vector256.LoadUnsafe(ref column, (nuint)Unsafe.Add(ref offsets, k)) * Vector256.Create(Unsafe.Add(ref w, k));
                }

                acc.StoreUnsafe(ref dst, (nuint)c);
            }
        }

        if (Vector128.IsHardwareAccelerated && length - c >= Vector128<float>.Count)
        {
            for (; c <= length - Vector128<float>.Count; c += Vector128<float>.Count)
            {
                ref float column = ref Unsafe.Add(ref src, c);
                Vector128<float> acc = Vector128.LoadUnsafe(ref column, (nuint)offsets) * Vector128.Create(w);
                for (int k = 1; k < taps; k++)
                {
                    acc += Vector128.LoadUnsafe(ref column, (nuint)Unsafe.Add(ref offsets, k)) * Vector128.Create(Unsafe.Add(ref w, k));
                }

                acc.StoreUnsafe(ref dst, (nuint)c);
            }
        }

        VerticalTail(source, rowOffsets, weights, destination, c);
    }

    /// <summary>The scalar reference of <see cref="VerticalRow"/>.</summary>
    public static void VerticalRowScalar(ReadOnlySpan<float> source, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<float> weights, Span<float> destination)
    {
        CheckVertical(source, rowOffsets, weights, destination);
        VerticalTail(source, rowOffsets, weights, destination, 0);
    }

    private static void VerticalTail(ReadOnlySpan<float> source, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<float> weights, Span<float> destination, int c)
    {
        for (; c < destination.Length; c++)
        {
            float acc = source[rowOffsets[0] + c] * weights[0];
            for (int k = 1; k < weights.Length; k++)
            {
                acc += source[rowOffsets[k] + c] * weights[k];
            }

            destination[c] = acc;
        }
    }

    private static void CheckVertical(ReadOnlySpan<float> source, ReadOnlySpan<int> rowOffsets, ReadOnlySpan<float> weights, Span<float> destination)
    {
        if (weights.IsEmpty || rowOffsets.Length < weights.Length)
        {
            throw new ArgumentException("The vertical pass needs one row offset per weight.", nameof(rowOffsets));
        }

        for (int k = 0; k < weights.Length; k++)
        {
            if (rowOffsets[k] < 0 || (long)rowOffsets[k] + destination.Length > source.Length)
            {
                throw new ArgumentException($"Row {k} of the vertical pass leaves the buffer.", nameof(rowOffsets));
            }
        }
    }

    /// <summary>
    /// Narrows floats to bytes: clamps to [0, 255] and rounds half up; when <paramref name="unpremultiply"/> is set the
    /// colour of each 4-float pixel is first divided by its alpha (alpha 0 gives colour 0).
    /// </summary>
    public static void FloatsToBytes(ReadOnlySpan<float> source, Span<byte> destination, bool unpremultiply)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        int i = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated && source.Length >= 32)
        {
            Vector256<int> alphaIndex = Vector256.Create(3, 3, 3, 3, 7, 7, 7, 7);
            Vector256<float> colourMask = Vector256.Create(-1, -1, -1, 0, -1, -1, -1, 0).AsSingle();
            for (; i <= source.Length - 32; i += 32)
            {
                Vector256<int> i0 = Round(Vector256.LoadUnsafe(ref src, (nuint)i), unpremultiply, alphaIndex, colourMask);
                Vector256<int> i1 = Round(Vector256.LoadUnsafe(ref src, (nuint)(i + 8)), unpremultiply, alphaIndex, colourMask);
                Vector256<int> i2 = Round(Vector256.LoadUnsafe(ref src, (nuint)(i + 16)), unpremultiply, alphaIndex, colourMask);
                Vector256<int> i3 = Round(Vector256.LoadUnsafe(ref src, (nuint)(i + 24)), unpremultiply, alphaIndex, colourMask);
                Vector256<ushort> s01 = Vector256.Narrow(i0.AsUInt32(), i1.AsUInt32());
                Vector256<ushort> s23 = Vector256.Narrow(i2.AsUInt32(), i3.AsUInt32());
                Vector256.Narrow(s01, s23).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        if (Vector128.IsHardwareAccelerated && source.Length - i >= 16)
        {
            Vector128<int> alphaIndex = Vector128.Create(3);
            Vector128<float> colourMask = Vector128.Create(-1, -1, -1, 0).AsSingle();
            for (; i <= source.Length - 16; i += 16)
            {
                Vector128<int> i0 = Round(Vector128.LoadUnsafe(ref src, (nuint)i), unpremultiply, alphaIndex, colourMask);
                Vector128<int> i1 = Round(Vector128.LoadUnsafe(ref src, (nuint)(i + 4)), unpremultiply, alphaIndex, colourMask);
                Vector128<int> i2 = Round(Vector128.LoadUnsafe(ref src, (nuint)(i + 8)), unpremultiply, alphaIndex, colourMask);
                Vector128<int> i3 = Round(Vector128.LoadUnsafe(ref src, (nuint)(i + 12)), unpremultiply, alphaIndex, colourMask);
                Vector128<ushort> s01 = Vector128.Narrow(i0.AsUInt32(), i1.AsUInt32());
                Vector128<ushort> s23 = Vector128.Narrow(i2.AsUInt32(), i3.AsUInt32());
                Vector128.Narrow(s01, s23).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        FloatsToBytesScalar(source[i..], destination[i..], unpremultiply);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Round(Vector256<float> v, bool unpremultiply, Vector256<int> alphaIndex, Vector256<float> colourMask)
    {
        Vector256<float> max = Vector256.Create(255f);
        if (unpremultiply)
        {
            Vector256<float> alpha = Vector256.Clamp(Vector256.Shuffle(v, alphaIndex), Vector256<float>.Zero, max);
            Vector256<float> k = Vector256.ConditionalSelect(Vector256.GreaterThan(alpha, Vector256<float>.Zero), max / alpha, Vector256<float>.Zero);
            v = Vector256.ConditionalSelect(colourMask, v * k, v);
        }

        return Vector256.ConvertToInt32(Vector256.Clamp(v, Vector256<float>.Zero, max) + Vector256.Create(0.5f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Round(Vector128<float> v, bool unpremultiply, Vector128<int> alphaIndex, Vector128<float> colourMask)
    {
        Vector128<float> max = Vector128.Create(255f);
        if (unpremultiply)
        {
            Vector128<float> alpha = Vector128.Clamp(Vector128.Shuffle(v, alphaIndex), Vector128<float>.Zero, max);
            Vector128<float> k = Vector128.ConditionalSelect(Vector128.GreaterThan(alpha, Vector128<float>.Zero), max / alpha, Vector128<float>.Zero);
            v = Vector128.ConditionalSelect(colourMask, v * k, v);
        }

        return Vector128.ConvertToInt32(Vector128.Clamp(v, Vector128<float>.Zero, max) + Vector128.Create(0.5f));
    }

    /// <summary>The scalar reference of <see cref="FloatsToBytes"/>.</summary>
    public static void FloatsToBytesScalar(ReadOnlySpan<float> source, Span<byte> destination, bool unpremultiply)
    {
        int i = 0;
        if (unpremultiply)
        {
            for (; i + 3 < source.Length; i += 4)
            {
                float alpha = Math.Clamp(source[i + 3], 0f, 255f);
                float k = alpha > 0 ? 255f / alpha : 0f;
                destination[i] = ToByte(source[i] * k);
                destination[i + 1] = ToByte(source[i + 1] * k);
                destination[i + 2] = ToByte(source[i + 2] * k);
                destination[i + 3] = ToByte(source[i + 3]);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = ToByte(source[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ToByte(float v) => (byte)(int)(Math.Clamp(v, 0f, 255f) + 0.5f);
}
