namespace VideoKit.Interpolation;

/// <summary>
/// Covered and uncovered regions from forward/backward consistency. Motion is estimated both ways on a pyramid level
/// (A → B on A's grid and B → A on B's grid, both with the hierarchical block search of <see cref="MotionEstimator"/>);
/// a block of A whose forward vector v lands at a place in B whose backward vector is not −v has no counterpart in B
/// (it is covered there, or leaves the picture), and a block of B whose backward vector lands at a place in A whose
/// forward vector disagrees was not visible in A (it is uncovered). The test is relative to the vectors' length, so
/// large motion is not flagged for its rounding: |v_f + v_b|² &gt; <see cref="Relative"/>·(|v_f|² + |v_b|²) +
/// <see cref="Tolerance"/>² (pixels of the analysed plane), and it rises smoothly to 1 at twice that. The per-block
/// scores are read back bilinearly between block centres at any point of the analysed plane.
/// </summary>
internal sealed class MotionConsistency
{
    /// <summary>The share of the vectors' squared length two vectors may differ by and still agree.</summary>
    public const float Relative = 0.01f;

    /// <summary>The absolute disagreement, in pixels of the analysed plane, that still counts as agreement.</summary>
    public const float Tolerance = 1f;

    private readonly float[] _hiddenInB;
    private readonly float[] _hiddenInA;
    private readonly int _planeWidth;
    private readonly int _planeHeight;

    private MotionConsistency(MotionField forward, MotionField backward, float scale, int planeWidth, int planeHeight)
    {
        Forward = forward;
        Backward = backward;
        Scale = scale;
        _planeWidth = planeWidth;
        _planeHeight = planeHeight;
        _hiddenInB = new float[forward.Count];
        _hiddenInA = new float[backward.Count];
        Check(forward, backward, +1, _hiddenInB);
        Check(backward, forward, -1, _hiddenInA);
    }

    /// <summary>A → B vectors on A's grid (units: pixels of the level they were estimated on).</summary>
    public MotionField Forward { get; }

    /// <summary>A → B vectors on B's grid (B at p matches A at p − v; same units).</summary>
    public MotionField Backward { get; }

    /// <summary>Pixels of the analysed plane (pyramid level 0) per pixel of the level the fields are on.</summary>
    public float Scale { get; }

    /// <summary>
    /// Estimates both fields on pyramid level <paramref name="level"/> (clamped to the pyramid) and checks them against each
    /// other.
    /// </summary>
    public static MotionConsistency Estimate(LumaPlane[] pyramidA, LumaPlane[] pyramidB, int level, int maxDegreeOfParallelism, bool vectorized, bool overlapped)
    {
        level = Math.Clamp(level, 0, pyramidA.Length - 1);
        MotionField forward = MotionEstimator.Estimate(pyramidA, pyramidB, 0f, maxDegreeOfParallelism, vectorized, overlapped, level);
        MotionField backward = MotionEstimator.Estimate(pyramidA, pyramidB, 1f, maxDegreeOfParallelism, vectorized, overlapped, level);
        return new MotionConsistency(forward, backward, 1 << level, pyramidA[level].Width, pyramidA[level].Height);
    }

    /// <summary>How surely (0–1) the content of A at (x, y) (pixels of the analysed plane) has no counterpart in B.</summary>
    public float HiddenInB(float x, float y) => SampleBlocks(Forward, _hiddenInB, x / Scale, y / Scale);

    /// <summary>How surely (0–1) the content of B at (x, y) (pixels of the analysed plane) was not visible in A.</summary>
    public float HiddenInA(float x, float y) => SampleBlocks(Backward, _hiddenInA, x / Scale, y / Scale);

    /// <summary>
    /// How surely (0–1) the B side of an in-between pixel is hidden (covered), for a pixel whose vector
    /// (<paramref name="vx"/>, <paramref name="vy"/>) (pixels of the analysed plane) reads A at <paramref name="ax"/>,
    /// <paramref name="ay"/> and B at <paramref name="bx"/>, <paramref name="by"/>: A's content there has no counterpart
    /// in B, and B shows something else there (its backward vector is not v) that passes its own check (a tracked
    /// occluder, not a badly matched area).
    /// </summary>
    public float CoveredInB(float vx, float vy, float ax, float ay, float bx, float by)
        => HiddenInB(ax, ay) * (1 - Agreement(vx, vy, Backward, bx, by)) * (1 - HiddenInA(bx, by));

    /// <summary>The mirror of <see cref="CoveredInB"/>: how surely the A side is hidden (the pixel was uncovered).</summary>
    public float UncoveredInA(float vx, float vy, float ax, float ay, float bx, float by)
        => HiddenInA(bx, by) * (1 - Agreement(vx, vy, Forward, ax, ay)) * (1 - HiddenInB(ax, ay));

    /// <summary>1 where the field's vector at (x, y) (analysed-plane pixels) equals v, falling to 0 at twice the tolerance.</summary>
    private float Agreement(float vx, float vy, MotionField field, float x, float y)
    {
        float ux = SampleBlocks(field, field.X, x / Scale, y / Scale) * Scale, uy = SampleBlocks(field, field.Y, x / Scale, y / Scale) * Scale;
        float dx = vx - ux, dy = vy - uy;
        float d2 = (dx * dx) + (dy * dy);
        float tol2 = (Relative * ((vx * vx) + (vy * vy) + (ux * ux) + (uy * uy))) + (Tolerance * Tolerance);
        return 1 - Math.Clamp((d2 / tol2) - 1, 0, 1);
    }

    /// <summary>
    /// For every block of <paramref name="from"/>: follows its vector (direction <paramref name="sign"/>: +1 from A to B,
    /// −1 from B to A) and compares it with the <paramref name="to"/> field there.
    /// </summary>
    private void Check(MotionField from, MotionField to, int sign, float[] hidden)
    {
        int bs = from.BlockSize;
        float half = (bs - 1) / 2f;
        float s2 = Scale * Scale;
        for (int j = 0; j < from.BlocksY; j++)
        {
            for (int i = 0; i < from.BlocksX; i++)
            {
                int k = (j * from.BlocksX) + i;
                float vx = from.X[k], vy = from.Y[k];
                float x = Math.Min((i * bs) + half, _planeWidth - 1), y = Math.Min((j * bs) + half, _planeHeight - 1);
                float tx = x + (sign * vx), ty = y + (sign * vy);
                if (tx < 0 || ty < 0 || tx > _planeWidth - 1 || ty > _planeHeight - 1)
                {
                    hidden[k] = 1; // leaves the picture
                    continue;
                }

                float ux = SampleBlocks(to, to.X, tx, ty), uy = SampleBlocks(to, to.Y, tx, ty);
                float dx = vx - ux, dy = vy - uy;
                float d2 = ((dx * dx) + (dy * dy)) * s2;
                float tol2 = (Relative * ((vx * vx) + (vy * vy) + (ux * ux) + (uy * uy)) * s2) + (Tolerance * Tolerance);
                hidden[k] = Math.Clamp((d2 / tol2) - 1, 0, 1);
            }
        }
    }

    /// <summary>A per-block value of <paramref name="field"/>'s grid read bilinearly between block centres at (x, y) (pixels of the field's level).</summary>
    internal static float SampleBlocks(MotionField field, float[] values, float x, float y)
    {
        int bs = field.BlockSize;
        float half = (bs - 1) / 2f;
        float gx = Math.Clamp((x - half) / bs, 0, field.BlocksX - 1), gy = Math.Clamp((y - half) / bs, 0, field.BlocksY - 1);
        int i0 = Math.Min((int)gx, field.BlocksX - 1), j0 = Math.Min((int)gy, field.BlocksY - 1);
        int i1 = Math.Min(i0 + 1, field.BlocksX - 1), j1 = Math.Min(j0 + 1, field.BlocksY - 1);
        float fx = gx - i0, fy = gy - j0;
        int bx = field.BlocksX;
        float top = values[(j0 * bx) + i0] + ((values[(j0 * bx) + i1] - values[(j0 * bx) + i0]) * fx);
        float bottom = values[(j1 * bx) + i0] + ((values[(j1 * bx) + i1] - values[(j1 * bx) + i0]) * fx);
        return top + ((bottom - top) * fy);
    }
}
