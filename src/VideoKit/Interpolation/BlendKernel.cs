namespace VideoKit.Interpolation;

/// <summary>
/// The cross-fade kernel: <c>d = (a·(256 − w) + b·w + 128) &gt;&gt; 8</c> per byte, with w = round(t·256). The arithmetic is
/// <see cref="Rendering.CrossfadeKernel"/>'s, shared by every cross-fade in VideoKit.
/// </summary>
internal static class BlendKernel
{
    /// <summary>The 8-bit weight of B for a position t in [0, 1].</summary>
    public static int Weight(double t) => (int)Math.Round(Math.Clamp(t, 0, 1) * 256, MidpointRounding.AwayFromZero);

    /// <summary>Blends with Vector256 or Vector128 where the hardware has them, and a scalar tail (the renderer's crossfade kernel).</summary>
    public static void Blend(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight) =>
        Rendering.CrossfadeKernel.Blend(a, b, destination, weight);

    /// <summary>The scalar reference the SIMD paths are tested against.</summary>
    public static void BlendScalar(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination, int weight) =>
        Rendering.CrossfadeKernel.BlendScalar(a, b, destination, weight);
}
