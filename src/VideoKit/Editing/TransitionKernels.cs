using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VideoKit.Editing;

/// <summary>
/// Per-pixel kernels of the transitions, on 4-byte pixels, independent of the timeline: a vectorised path with a
/// scalar tail, and a scalar reference the tests compare against.
/// </summary>
internal static class TransitionKernels
{
    /// <summary>destination = (a × (256 − weight) + b × weight + 128) / 256 per byte (the renderer's crossfade kernel); weight 0 gives a, 256 gives b.</summary>
    public static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight)
    {
        CheckLengths(a.Length, b.Length, destination.Length);
        Rendering.CrossfadeKernel.Blend(a, b, destination[..a.Length], Math.Clamp(weight, 0, 256));
    }

    /// <summary>The scalar reference of <see cref="Blend"/>.</summary>
    public static void BlendScalar(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight)
    {
        CheckLengths(a.Length, b.Length, destination.Length);
        Rendering.CrossfadeKernel.BlendScalar(a, b, destination[..a.Length], Math.Clamp(weight, 0, 256));
    }

    /// <summary>destination = a blended towards one colour (4 bytes in the frame's byte order) by weight / 256.</summary>
    public static void BlendColor(ReadOnlySpan<byte> a, uint pixel, Span<byte> destination, int weight)
    {
        CheckLengths(a.Length, a.Length, destination.Length);
        if ((a.Length & 3) != 0)
        {
            throw new ArgumentException($"The span is {a.Length} bytes long; pixels are 4 bytes.", nameof(a));
        }

        weight = Math.Clamp(weight, 0, 256);
        int i = 0;
        if (Vector128.IsHardwareAccelerated && a.Length >= Vector128<byte>.Count)
        {
            Vector128<ushort> wa = Vector128.Create((ushort)(256 - weight));
            (Vector128<ushort> cLo, Vector128<ushort> cHi) = Vector128.Widen(Vector128.Create(pixel).AsByte());
            Vector128<ushort> lo = cLo * Vector128.Create((ushort)weight);
            Vector128<ushort> hi = cHi * Vector128.Create((ushort)weight);
            for (; i <= a.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                (Vector128<ushort> aLo, Vector128<ushort> aHi) = Vector128.Widen(Vector128.Create(a[i..]));
                Vector128.Narrow(
                    Vector128.ShiftRightLogical((aLo * wa) + lo, 8),
                    Vector128.ShiftRightLogical((aHi * wa) + hi, 8)).CopyTo(destination[i..]);
            }
        }

        BlendColorTail(a, pixel, destination, weight, i);
    }

    /// <summary>The scalar reference of <see cref="BlendColor"/>.</summary>
    public static void BlendColorScalar(ReadOnlySpan<byte> a, uint pixel, Span<byte> destination, int weight)
    {
        CheckLengths(a.Length, a.Length, destination.Length);
        BlendColorTail(a, pixel, destination, Math.Clamp(weight, 0, 256), 0);
    }

    /// <summary>A pixel value (4 bytes in memory order r, g, b, a or b, g, r, a) as the uint a span of pixels holds.</summary>
    public static uint Pixel(byte c0, byte c1, byte c2, byte c3 = 255)
    {
        Span<byte> bytes = [c0, c1, c2, c3];
        return MemoryMarshal.Read<uint>(bytes);
    }

    /// <summary>
    /// A horizontal push: the row of <paramref name="outgoing"/> shifted left by <paramref name="shift"/> pixels, with the
    /// first <paramref name="shift"/> pixels of <paramref name="incoming"/> entering from the right.
    /// </summary>
    public static void SlideRow(ReadOnlySpan<byte> outgoing, ReadOnlySpan<byte> incoming, Span<byte> destination, int shift)
    {
        int width = destination.Length / 4;
        shift = Math.Clamp(shift, 0, width);
        int keep = (width - shift) * 4;
        outgoing.Slice(shift * 4, keep).CopyTo(destination);
        incoming[..(shift * 4)].CopyTo(destination[keep..]);
    }

    /// <summary>A horizontal box blur of one row (radius in pixels, edges clamped), per channel, with running sums.</summary>
    public static void BoxBlurRow(ReadOnlySpan<byte> source, Span<byte> destination, int radius)
    {
        int width = source.Length / 4;
        if (radius <= 0 || width == 0)
        {
            source.CopyTo(destination);
            return;
        }

        int count = (2 * radius) + 1;
        for (int c = 0; c < 4; c++)
        {
            int sum = 0;
            for (int k = -radius; k <= radius; k++)
            {
                sum += source[(Math.Clamp(k, 0, width - 1) * 4) + c];
            }

            for (int x = 0; x < width; x++)
            {
                destination[(x * 4) + c] = (byte)((sum + (count / 2)) / count);
                int add = Math.Min(x + radius + 1, width - 1);
                int remove = Math.Max(x - radius, 0);
                sum += source[(add * 4) + c] - source[(remove * 4) + c];
            }
        }
    }

    private static void BlendColorTail(ReadOnlySpan<byte> a, uint pixel, Span<byte> destination, int weight, int start)
    {
        Span<byte> colour = stackalloc byte[4];
        MemoryMarshal.Write(colour, in pixel);
        for (int i = start; i < a.Length; i++)
        {
            destination[i] = (byte)(((a[i] * (256 - weight)) + (colour[i & 3] * weight)) >> 8);
        }
    }

    private static void CheckLengths(int a, int b, int destination)
    {
        if (a != b || destination < a)
        {
            throw new ArgumentException($"Kernel spans differ in length ({a}, {b}, destination {destination}).");
        }
    }
}
