namespace VideoKit.Interpolation;

/// <summary>
/// How uncertain the position of the in-between picture along its motion path is, from the frames around the pair.
/// Capture times of real footage are not always evenly spaced (a grabber that takes the latest camera frame, dropped and
/// repeated frames): the content of a real frame between A and B can then sit anywhere around the nominal fraction t of
/// the way (vtest.avi: from 0.17 to 0.74 at t = 0.5). Neither the sign nor the size of that offset can be read from A
/// and B, but the spacing of the neighbouring pairs shows how irregular the capture is: for the same moving content,
/// the displacements A−1 → A, A → B and B → B+1 are proportional to the time gaps g₀, g₁, g₂ (times any change of
/// speed). The second difference of their logarithms, ln(g₀/g₁) + ln(g₂/g₁), is near 0 for a smooth change of speed,
/// whatever its size, and (−e₋₃ + 3e₋₁ − 3e₊₁ + e₊₃)/2 for independent capture-time errors e of the four frames
/// (standard deviation σ·√5, in units of the pair's interval over 2), while the in-between frame's position errs by
/// (e₀ − (e₋₁ + e₊₁)/2)/2 (σ·√1.5/2): σ_t ≈ 0.27·|second difference|. The expected picture under that uncertainty (the
/// least-squares estimate of the unseen frame) is the mean along the path of the pictures at t − δ, t and t + δ with
/// weights 1, 2, 1, whose standard deviation is δ/√2: δ = √2·σ_t.
/// </summary>
internal static class TimingSpread
{
    /// <summary>Blocks moving less than this (pixels of the level the fields are on) carry no timing evidence.</summary>
    public const float MinMotion = 3;

    /// <summary>Fewer moving blocks than this give no estimate (no spread).</summary>
    public const int MinBlocks = 16;

    /// <summary>
    /// The spread δ (in units of the pair's interval) for the in-between picture at <paramref name="t"/>, from four
    /// fields on one pyramid level, each estimated the same way: <paramref name="beforeOnA"/> (A−1 → A) and
    /// <paramref name="pairOnA"/> (A → B) on A's grid, <paramref name="pairOnB"/> (A → B) and <paramref name="afterOnB"/>
    /// (B → B+1) on B's grid. A block counts where it moves and the outer vector points the same way as the pair's
    /// (within 60°); 0 (no spread) when fewer than <see cref="MinBlocks"/> blocks, or fewer than half the moving blocks,
    /// count on either side (a cut, content that appears or leaves, motion that turns). At most half the distance
    /// from t to the nearer frame.
    /// </summary>
    public static float Estimate(MotionField beforeOnA, MotionField pairOnA, MotionField pairOnB, MotionField afterOnB, float t)
    {
        if (!Ratio(beforeOnA, pairOnA, out double r0) || !Ratio(afterOnB, pairOnB, out double r2))
        {
            return 0;
        }

        double secondDifference = Math.Abs(Math.Log(r0) + Math.Log(r2));
        double delta = Math.Sqrt(2) * (Math.Sqrt(1.5) / 2 / Math.Sqrt(5)) * secondDifference;
        return (float)Math.Min(delta, 0.5 * Math.Min(t, 1 - t));
    }

    /// <summary>
    /// √(Σ |outer|² / Σ |pair|²) over the blocks whose mean vector (outer + pair)/2 moves and whose two vectors agree in
    /// direction. Symmetric in the two fields (swapping them inverts the ratio), so selecting blocks by their motion does
    /// not bias it towards either (selecting by the pair's vector alone favours blocks whose pair vector came out long).
    /// </summary>
    internal static bool Ratio(MotionField outer, MotionField pair, out double ratio)
    {
        double outerSum = 0, pairSum = 0;
        int moving = 0, agreeing = 0;
        for (int k = 0; k < pair.Count; k++)
        {
            float vx = pair.X[k], vy = pair.Y[k], ux = outer.X[k], uy = outer.Y[k];
            float mx = (ux + vx) / 2, my = (uy + vy) / 2;
            if ((mx * mx) + (my * my) < MinMotion * MinMotion)
            {
                continue;
            }

            moving++;
            float v2 = (vx * vx) + (vy * vy), u2 = (ux * ux) + (uy * uy);
            float d = (ux * vx) + (uy * vy);
            if (d <= 0 || d * d < 0.25f * v2 * u2)
            {
                continue;
            }

            agreeing++;
            outerSum += u2;
            pairSum += v2;
        }

        ratio = pairSum > 0 ? Math.Sqrt(outerSum / pairSum) : 0;
        return moving >= MinBlocks && agreeing >= MinBlocks && 2 * agreeing >= moving && ratio > 0;
    }
}
