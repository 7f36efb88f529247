namespace VideoKit.Interpolation;

/// <summary>
/// Per-block trust in the motion vectors, for <see cref="MotionWarper"/>: where the two motion-compensated samples still
/// disagree about as much as the two frames do without motion (the vector explains little: motion too large or too
/// fast, blur, deformation, small leaves flickering), a wrong vector moves texture to the wrong place, which costs more
/// than a cross-fade's ghost. Each block gets the share of the motion-compensated picture
/// m = e₀² / (e₀² + (2·max(0, eₘ − 1))²), where eₘ is the block's mean luma error with its vector and e₀ with the zero
/// vector; the warper blends m·(motion-compensated) + (1 − m)·(plain cross-fade), m interpolated between block centres.
/// </summary>
internal static class MotionReliability
{
    /// <summary>Mean luma error per pixel (0–255) that counts as noise, not as a wrong vector.</summary>
    public const float Noise = 1f;

    /// <summary>How much a motion error counts against the zero-vector error: 2 means the vector is half trusted when its error beyond <see cref="Noise"/> is half the zero-vector error.</summary>
    public const float Severity = 2f;

    /// <summary>
    /// Fills <paramref name="motionShare"/> (one entry per block of <paramref name="field"/>, at least
    /// <see cref="MotionField.Count"/> long) from the matching errors on the luma planes the field was estimated on. Block
    /// rows are independent and run in parallel (the result does not depend on the thread count).
    /// </summary>
    public static void Compute(MotionField field, LumaPlane a, LumaPlane b, float t, float[] motionShare, int maxDegreeOfParallelism = 1)
    {
        int bx = field.BlocksX, by = field.BlocksY, bs = field.BlockSize;
        float perPixel = 1f / (bs * bs);
        Parallel.For(0, by, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, j =>
        {
            int y = Math.Min(j * bs, a.Height - bs);
            for (int i = 0; i < bx; i++)
            {
                int k = (j * bx) + i;
                int x = Math.Min(i * bs, a.Width - bs);
                float vx = field.X[k], vy = field.Y[k];
                float e0 = BlockMatcher.Sad8x8(a.Data, a.IndexOf(x, y), b.Data, b.IndexOf(x, y), a.Stride) * perPixel;
                float ax = -t * vx, ay = -t * vy, bxo = (1 - t) * vx, byo = (1 - t) * vy;
                const int lo = -LumaPlane.Pad + 1;
                float em;
                if (x + MathF.Min(ax, bxo) < lo || y + MathF.Min(ay, byo) < lo
                    || x + MathF.Max(ax, bxo) + bs + 2 > a.Width + LumaPlane.Pad || y + MathF.Max(ay, byo) + bs + 2 > a.Height + LumaPlane.Pad)
                {
                    em = 0; // reads beyond the padded border: leave such blocks to the occlusion weights
                }
                else
                {
                    em = BlockMatcher.SadBilinear(a, b, x, y, ax, ay, bxo, byo, bs) * perPixel;
                }

                motionShare[k] = Share(e0, em);
            }
        });
    }

    /// <summary>The share of the motion-compensated picture for the zero-vector error e0 and the motion error em.</summary>
    internal static float Share(float e0, float em)
    {
        float excess = MathF.Max(0, em - Noise);
        float e02 = e0 * e0, ex2 = Severity * Severity * excess * excess;
        return e02 + ex2 <= 0 ? 1 : e02 / (e02 + ex2);
    }
}
