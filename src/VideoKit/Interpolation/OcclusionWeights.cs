using System.Buffers;

namespace VideoKit.Interpolation;

/// <summary>
/// Per-block occlusion-aware blend weights for <see cref="MotionWarper"/>. For each block and each side (A at p − t·v,
/// B at p + (1 − t)·v) it asks whether the source area that block reads is claimed by a block with a different vector
/// that matches better (a collision of projections: the better-matching block is in front there, so this block's
/// content is hidden on that side), or lies outside the picture. That side's weight drops accordingly:
/// w = 1 − occlusion, floored at <see cref="Floor"/> unless the occlusion is clear. The result is the share of B,
/// w_B·t / (w_A·(1 − t) + w_B·t), which the warper interpolates bilinearly between block centres like the vectors.
/// </summary>
internal static class OcclusionWeights
{

    /// <summary>The least weight a side keeps unless its occlusion is clear.</summary>
    public const float Floor = 0.1f;

    /// <summary>An occlusion score at or above which a side may drop to zero.</summary>
    public const float Clear = 0.9f;

    /// <summary>
    /// Fills <paramref name="shareB"/> (one entry per block) with the B share of the blend, and gives blocks in an occlusion
    /// the neighbour vector that explains their visible side. Collisions count only when they make a side clearly hidden
    /// (at least <see cref="Clear"/>); otherwise a block keeps its vector and only the picture-edge test weights it. <paramref name="planeWidth"/>
    /// and <paramref name="planeHeight"/> are the size of the plane the field was estimated on.
    /// </summary>
    public static void Compute(MotionField field, float t, int planeWidth, int planeHeight, float[] shareB, MotionConsistency? consistency = null, float[]? oneSided = null, int maxDegreeOfParallelism = 1)
    {
        int bx = field.BlocksX, by = field.BlocksY, bs = field.BlockSize;
        float half = (bs - 1) / 2f;
        float maxV = 0;
        for (int k = 0; k < field.Count; k++)
        {
            maxV = MathF.Max(maxV, MathF.Max(MathF.Abs(field.X[k]), MathF.Abs(field.Y[k])));
        }

        // Blocks whose projections can meet: the two sides move blocks at most maxV apart.
        int radius = Math.Min(MaxRadius, (int)MathF.Ceiling(maxV / bs) + 1);
        float mismatchScale = 1f / (bs * bs * 6f); // 6 luma levels per pixel worse than the neighbour: fully convinced
        float[] newX = ArrayPool<float>.Shared.Rent(field.Count), newY = ArrayPool<float>.Shared.Rent(field.Count);
        // Rows are independent: each block reads the unchanged field and writes only its own entries.
        Parallel.For(0, by, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, j =>
        {
            Span<int> rivalList = stackalloc int[((2 * MaxRadius) + 1) * ((2 * MaxRadius) + 1)];
            Span<float> seenX = stackalloc float[9], seenY = stackalloc float[9], seenA = stackalloc float[9], seenB = stackalloc float[9];
            for (int i = 0; i < bx; i++)
            {
                int k = (j * bx) + i;
                float cx = (i * bs) + half, cy = (j * bs) + half;
                float ownX = field.X[k], ownY = field.Y[k];
                float occA = Outside(cx - (t * ownX), cy - (t * ownY), planeWidth, planeHeight, bs);
                float occB = Outside(cx + ((1 - t) * ownX), cy + ((1 - t) * ownY), planeWidth, planeHeight, bs);
                float bestX = ownX, bestY = ownY, bestScore = -1;
                float bestA = occA, bestB = occB;

                // A badly matched block's own vector is unreliable (in an occlusion no vector explains both sides), so its
                // source areas are also located with the vectors of its 8 neighbours, one of which is its true motion:
                // the candidate that makes one side clearly hidden wins, and the block takes that vector.
                // Only better-matching blocks within reach can hide this one: list them once for all candidates. A
                // candidate vector seen before gives the same scores, so those are reused (same result, less work on
                // smooth fields where the neighbours share one vector).
                int rivals = field.Cost[k] > 0 ? Rivals(field, i, j, radius, rivalList) : 0;
                int seen = 0;
                for (int c = 0; c < 9 && field.Cost[k] > 0; c++)
                {
                    int ci = Math.Clamp(i + (c % 3) - 1, 0, bx - 1), cj = Math.Clamp(j + (c / 3) - 1, 0, by - 1);
                    if (c != 4 && ci == i && cj == j)
                    {
                        continue;
                    }

                    float vx = field.X[(cj * bx) + ci], vy = field.Y[(cj * bx) + ci];
                    int s = 0;
                    while (s < seen && (seenX[s] != vx || seenY[s] != vy))
                    {
                        s++;
                    }

                    float ca, cb;
                    if (s < seen)
                    {
                        (ca, cb) = (seenA[s], seenB[s]);
                    }
                    else
                    {
                        float ax = cx - (t * vx), ay = cy - (t * vy), bxp = cx + ((1 - t) * vx), byp = cy + ((1 - t) * vy);
                        ca = Outside(ax, ay, planeWidth, planeHeight, bs);
                        cb = Outside(bxp, byp, planeWidth, planeHeight, bs);
                        Collide(field, t, k, rivalList[..rivals], ax, ay, bxp, byp, vx, vy, mismatchScale, ref ca, ref cb);
                        (seenX[seen], seenY[seen], seenA[seen], seenB[seen]) = (vx, vy, ca, cb);
                        seen++;
                    }

                    float score = MathF.Abs(ca - cb);
                    if (score > bestScore + 0.01f || (score > bestScore - 0.01f && MathF.Abs(vx) + MathF.Abs(vy) < MathF.Abs(bestX) + MathF.Abs(bestY)))
                    {
                        (bestScore, bestX, bestY, bestA, bestB) = (score, vx, vy, ca, cb);
                    }
                }

                if (MathF.Max(bestA, bestB) < Clear && (bestX != ownX || bestY != ownY))
                {
                    (bestX, bestY) = (ownX, ownY);
                    bestA = Outside(cx - (t * ownX), cy - (t * ownY), planeWidth, planeHeight, bs);
                    bestB = Outside(cx + ((1 - t) * ownX), cy + ((1 - t) * ownY), planeWidth, planeHeight, bs);
                }

                (occA, occB) = (bestA, bestB);
                if (consistency is not null)
                {
                    // Forward/backward consistency: the A side is tracked by this vector but B shows a consistently tracked
                    // other thing there → the B side is hidden (covered); the mirror case → the A side is (uncovered).
                    float ax = cx - (t * bestX), ay = cy - (t * bestY), bxp = cx + ((1 - t) * bestX), byp = cy + ((1 - t) * bestY);
                    occB = MathF.Max(occB, consistency.CoveredInB(bestX, bestY, ax, ay, bxp, byp));
                    occA = MathF.Max(occA, consistency.UncoveredInA(bestX, bestY, ax, ay, bxp, byp));
                }

                if (oneSided is not null)
                {
                    oneSided[k] = MathF.Abs(occA - occB);
                }

                newX[k] = bestX;
                newY[k] = bestY;
                shareB[k] = Share(occA, occB, t);
            }
        });

        newX.AsSpan(0, field.Count).CopyTo(field.X);
        newY.AsSpan(0, field.Count).CopyTo(field.Y);
        ArrayPool<float>.Shared.Return(newX);
        ArrayPool<float>.Shared.Return(newY);
    }

    /// <summary>The largest neighbourhood radius (in blocks) searched for colliding projections.</summary>
    private const int MaxRadius = 4;

    /// <summary>The blocks within <paramref name="radius"/> of block (i, j) that match better than it (only those can hide it), into <paramref name="list"/>; returns their count.</summary>
    private static int Rivals(MotionField field, int i, int j, int radius, Span<int> list)
    {
        int bx = field.BlocksX, by = field.BlocksY, k = (j * bx) + i, cost = field.Cost[k], n = 0;
        for (int nj = Math.Max(0, j - radius); nj <= Math.Min(by - 1, j + radius); nj++)
        {
            for (int ni = Math.Max(0, i - radius); ni <= Math.Min(bx - 1, i + radius); ni++)
            {
                int q = (nj * bx) + ni;
                if (q != k && field.Cost[q] < cost)
                {
                    list[n++] = q;
                }
            }
        }

        return n;
    }

    /// <summary>Raises the occlusion scores of block k, whose sources are at (ax, ay) in A and (bx, by) in B for vector (vx, vy), by the better-matching blocks (<paramref name="rivals"/>) with other vectors whose sources overlap them.</summary>
    private static void Collide(MotionField field, float t, int k, ReadOnlySpan<int> rivals, float ax, float ay, float bxp, float byp, float vx, float vy, float mismatchScale, ref float occA, ref float occB)
    {
        int bx = field.BlocksX, bs = field.BlockSize;
        float half = (bs - 1) / 2f;
        int cost = field.Cost[k];
        foreach (int n in rivals)
        {
            float nvx = field.X[n], nvy = field.Y[n];
            if (MathF.Abs(nvx - vx) + MathF.Abs(nvy - vy) <= 1f)
            {
                continue;
            }

            float mismatch = Math.Clamp((cost - field.Cost[n]) * mismatchScale, 0, 1);
            int ni = n % bx, nj = n / bx;
            float ncx = (ni * bs) + half, ncy = (nj * bs) + half;
            occA = MathF.Max(occA, Overlap(ncx - (t * nvx) - ax, ncy - (t * nvy) - ay, bs) * mismatch);
            occB = MathF.Max(occB, Overlap(ncx + ((1 - t) * nvx) - bxp, ncy + ((1 - t) * nvy) - byp, bs) * mismatch);
        }
    }

    /// <summary>The B share of the blend for the two sides' occlusion scores (each 0–1).</summary>
    internal static float Share(float occA, float occB, float t)
    {
        float wa = Weight(occA), wb = Weight(occB);
        if (wa + wb <= 0)
        {
            (wa, wb) = (1, 1);
        }

        float a = wa * (1 - t), b = wb * t;
        return a + b <= 0 ? t : b / (a + b);
    }

    private static float Weight(float occlusion) => occlusion >= Clear ? 0 : MathF.Max(Floor, 1 - occlusion);

    /// <summary>The area fraction two blocks offset by (dx, dy) share.</summary>
    private static float Overlap(float dx, float dy, int bs)
        => MathF.Max(0, 1 - (MathF.Abs(dx) / bs)) * MathF.Max(0, 1 - (MathF.Abs(dy) / bs));

    /// <summary>How far (0–1, full at half a block) a block centre projected to (x, y) lies outside the picture.</summary>
    private static float Outside(float x, float y, int w, int h, int bs)
    {
        float d = MathF.Max(MathF.Max(-x, x - (w - 1)), MathF.Max(-y, y - (h - 1)));
        return Math.Clamp(d / (bs * 0.5f), 0, 1);
    }
}
