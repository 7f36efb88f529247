using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Element-by-element float arithmetic on spans with 128-bit vectors. Each element is one IEEE operation, so the results
/// are the same as <c>TensorPrimitives</c>' (or a scalar loop's) at any vector width; unlike <c>TensorPrimitives</c>' generic
/// bodies, these are compiled ahead of time in the ReadyToRun tool package, so a short <c>videokit analyze</c> does not
/// spend its start compiling them. Reductions (sums, dot products) stay with <c>TensorPrimitives</c>: their summation
/// order is part of the analysis' results.
/// </summary>
internal static class Elementwise
{
    /// <summary><paramref name="destination"/>[i] = <paramref name="x"/>[i] × <paramref name="y"/>[i].</summary>
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        int n = Check(x, destination);
        if (y.Length < n)
        {
            throw new ArgumentException("The second input is shorter than the first.", nameof(y));
        }

        ref float a = ref MemoryMarshal.GetReference(x);
        ref float b = ref MemoryMarshal.GetReference(y);
        ref float d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            (Vector128.LoadUnsafe(ref a, (nuint)i) * Vector128.LoadUnsafe(ref b, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }
    }

    /// <summary>
    /// <paramref name="destination"/>[i] = <paramref name="x"/>[i] + <paramref name="y"/>. Subtracting is adding the
    /// negated scalar: IEEE defines x − y as x + (−y), so the results are the same bits.
    /// </summary>
    public static void Add(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        int n = Check(x, destination);
        ref float a = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var v = Vector128.Create(y);
        int i = 0;
        for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            (Vector128.LoadUnsafe(ref a, (nuint)i) + v).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref a, i) + y;
        }
    }

    /// <summary><paramref name="destination"/>[i] = <paramref name="x"/>[i] ÷ <paramref name="y"/> (a true division, not a multiplication by the reciprocal).</summary>
    public static void Divide(ReadOnlySpan<float> x, float y, Span<float> destination)
    {
        int n = Check(x, destination);
        ref float a = ref MemoryMarshal.GetReference(x);
        ref float d = ref MemoryMarshal.GetReference(destination);
        var v = Vector128.Create(y);
        int i = 0;
        for (; i <= n - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            (Vector128.LoadUnsafe(ref a, (nuint)i) / v).StoreUnsafe(ref d, (nuint)i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref a, i) / y;
        }
    }

    private static int Check(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
        }

        return x.Length;
    }
}
