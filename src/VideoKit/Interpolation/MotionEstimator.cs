namespace VideoKit.Interpolation;

/// <summary>
/// Hierarchical, predictive, symmetric block matching. On a luma pyramid, from the coarsest level down, each 8×8 block of
/// the picture at time t looks for the vector v that makes A at p − t·v match B at p + (1 − t)·v. Candidates are the
/// vectors of the parent level and of already-searched neighbours (spatial predictors) plus zero; the best one is refined
/// by a small diamond search, and the cost adds a penalty for leaving the neighbours' median, which keeps the field
/// smooth on flat areas. A second pass lets every block adopt a neighbour's vector. At the finest level the vector is
/// refined to sub-pixel precision by equiangular line fitting on the cost surface, checked with bilinear sampling.
/// </summary>
internal static class MotionEstimator
{
    private const int B = BlockMatcher.Size;
    private const int Lambda = 8;
    private const int Rejected = int.MaxValue / 4;
    private const int CoarseRange = 4;

    /// <summary>Builds the pyramid of a base plane: level 0 is the plane itself; each next level is half the size.</summary>
    public static LumaPlane[] BuildPyramid(LumaPlane level0, bool vectorized = true, int minSide = 64)
    {
        var levels = new List<LumaPlane> { level0 };
        while (levels.Count < 6 && Math.Min(levels[^1].Width, levels[^1].Height) >= minSide)
        {
            levels.Add(levels[^1].Downsample(vectorized));
        }

        return [.. levels];
    }

    /// <summary>
    /// Estimates the field. <paramref name="overlapped"/> scores each 8×8 block on the 16×16 window around it (the block
    /// counted twice plus the four 8×8 blocks offset by half a block diagonally), which makes the match robust to coding
    /// noise and small texture at five times the matching cost. <paramref name="finestLevel"/> stops the search at that
    /// pyramid level (0: the base plane); the field is then in that level's pixels.
    /// </summary>
    public static MotionField Estimate(LumaPlane[] pyramidA, LumaPlane[] pyramidB, float t, int maxDegreeOfParallelism, bool vectorized = true, bool overlapped = false, int finestLevel = 0, int coarseRange = CoarseRange)
    {
        int top = pyramidA.Length - 1;
        finestLevel = Math.Clamp(finestLevel, 0, top);
        int[]? parentX = null, parentY = null;
        int parentBx = 0, parentBy = 0;
        MotionField? result = null;
        for (int level = top; level >= finestLevel; level--)
        {
            LumaPlane a = pyramidA[level], b = pyramidB[level];
            int bx = (a.Width + B - 1) / B, by = (a.Height + B - 1) / B;
            var state = new LevelState(a, b, t, bx, by, parentX, parentY, parentBx, parentBy, level == top, vectorized) { Overlap = overlapped, CoarseSearch = coarseRange };
            int bands = Math.Clamp(Math.Min(maxDegreeOfParallelism, by / 4), 1, 8);
            int rowsPerBand = (by + bands - 1) / bands;
            Parallel.For(0, bands, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, band =>
            {
                int j0 = band * rowsPerBand, j1 = Math.Min(by, j0 + rowsPerBand);
                for (int j = j0; j < j1; j++)
                {
                    for (int i = 0; i < bx; i++)
                    {
                        state.SearchBlock(i, j, j0);
                    }
                }
            });
            state.Polish();
            if (level == finestLevel)
            {
                result = state.ToField(maxDegreeOfParallelism);
            }

            parentX = state.Vx;
            parentY = state.Vy;
            parentBx = bx;
            parentBy = by;
        }

        return result!;
    }

    private sealed class LevelState
    {
        private readonly LumaPlane _a;
        private readonly LumaPlane _b;
        private readonly float _t;
        private readonly int[]? _parentX;
        private readonly int[]? _parentY;
        private readonly int _parentBx;
        private readonly int _parentBy;
        private readonly bool _coarsest;
        private readonly bool _vectorized;

        public LevelState(LumaPlane a, LumaPlane b, float t, int bx, int by, int[]? parentX, int[]? parentY, int parentBx, int parentBy, bool coarsest, bool vectorized)
        {
            _vectorized = vectorized;
            _a = a;
            _b = b;
            _t = t;
            Bx = bx;
            By = by;
            _parentX = parentX;
            _parentY = parentY;
            _parentBx = parentBx;
            _parentBy = parentBy;
            _coarsest = coarsest;
            Vx = new int[bx * by];
            Vy = new int[bx * by];
            Cost = new int[bx * by];
        }

        public bool Overlap { get; init; }

        public int CoarseSearch { get; init; } = CoarseRange;

        public int Bx { get; }

        public int By { get; }

        public int[] Vx { get; }

        public int[] Vy { get; }

        public int[] Cost { get; }

        public int Sad(int i, int j, int vx, int vy)
        {
            int oax = -(int)MathF.Round(_t * vx), oay = -(int)MathF.Round(_t * vy);
            int obx = vx + oax, oby = vy + oay;
            int x = i * B, y = j * B;
            const int lo = -LumaPlane.Pad;
            if (x + oax < lo || x + obx < lo || y + oay < lo || y + oby < lo
                || x + oax + B > _a.Width + LumaPlane.Pad || x + obx + B > _a.Width + LumaPlane.Pad
                || y + oay + B > _a.Height + LumaPlane.Pad || y + oby + B > _a.Height + LumaPlane.Pad)
            {
                return Rejected;
            }

            if (Overlap)
            {
                int m = B / 2, lo2 = lo + m, hiW = _a.Width + LumaPlane.Pad - m, hiH = _a.Height + LumaPlane.Pad - m;
                if (x + oax >= lo2 && x + obx >= lo2 && y + oay >= lo2 && y + oby >= lo2
                    && x + oax + B <= hiW && x + obx + B <= hiW && y + oay + B <= hiH && y + oby + B <= hiH)
                {
                    int sum = 2 * Sad8x8(x + oax, y + oay, x + obx, y + oby);
                    for (int q = 0; q < 4; q++)
                    {
                        int dx = (q & 1) == 0 ? -m : m, dy = (q & 2) == 0 ? -m : m;
                        sum += Sad8x8(x + oax + dx, y + oay + dy, x + obx + dx, y + oby + dy);
                    }

                    return sum / 6;
                }
            }

            return Sad8x8(x + oax, y + oay, x + obx, y + oby);
        }

        private int Sad8x8(int ax, int ay, int bx, int by) => _vectorized
            ? BlockMatcher.Sad8x8(_a.Data, _a.IndexOf(ax, ay), _b.Data, _b.IndexOf(bx, by), _a.Stride)
            : BlockMatcher.Sad8x8Scalar(_a.Data, _a.IndexOf(ax, ay), _b.Data, _b.IndexOf(bx, by), _a.Stride);

        public void SearchBlock(int i, int j, int bandTop)
        {
            int k = (j * Bx) + i;
            Span<int> cx = stackalloc int[12];
            Span<int> cy = stackalloc int[12];
            int n = 0;
            cx[n] = 0;
            cy[n++] = 0;
            if (_parentX is not null)
            {
                int pi = Math.Min(i / 2, _parentBx - 1), pj = Math.Min(j / 2, _parentBy - 1);
                AddParent(pi, pj, cx, cy, ref n);
                AddParent(i % 2 == 0 ? pi - 1 : pi + 1, pj, cx, cy, ref n);
                AddParent(pi, j % 2 == 0 ? pj - 1 : pj + 1, cx, cy, ref n);
            }

            bool hasLeft = i > 0, hasTop = j > bandTop, hasTopRight = hasTop && i + 1 < Bx;
            if (hasLeft)
            {
                cx[n] = Vx[k - 1];
                cy[n++] = Vy[k - 1];
            }

            if (hasTop)
            {
                cx[n] = Vx[k - Bx];
                cy[n++] = Vy[k - Bx];
            }

            if (hasTopRight)
            {
                cx[n] = Vx[k - Bx + 1];
                cy[n++] = Vy[k - Bx + 1];
            }

            // The predictor the smoothness penalty pulls towards: the median of the causal neighbours, else the parent.
            int px, py;
            if (hasLeft && hasTop && hasTopRight)
            {
                px = Median(Vx[k - 1], Vx[k - Bx], Vx[k - Bx + 1]);
                py = Median(Vy[k - 1], Vy[k - Bx], Vy[k - Bx + 1]);
            }
            else if (_parentX is not null)
            {
                (px, py) = (cx[1], cy[1]);
            }
            else if (hasLeft)
            {
                (px, py) = (Vx[k - 1], Vy[k - 1]);
            }
            else
            {
                (px, py) = (0, 0);
            }

            int bestX = 0, bestY = 0, best = int.MaxValue;
            for (int c = 0; c < n; c++)
            {
                int cost = Sad(i, j, cx[c], cy[c]) + (Lambda * (Math.Abs(cx[c] - px) + Math.Abs(cy[c] - py)));
                if (cost < best)
                {
                    (best, bestX, bestY) = (cost, cx[c], cy[c]);
                }
            }

            if (_coarsest)
            {
                for (int dy = -CoarseSearch; dy <= CoarseSearch; dy++)
                {
                    for (int dx = -CoarseSearch; dx <= CoarseSearch; dx++)
                    {
                        int cost = Sad(i, j, dx, dy) + (Lambda * (Math.Abs(dx - px) + Math.Abs(dy - py)));
                        if (cost < best)
                        {
                            (best, bestX, bestY) = (cost, dx, dy);
                        }
                    }
                }
            }

            // Small diamond search around the best candidate.
            for (int step = 0; step < 8; step++)
            {
                int cxBest = bestX, cyBest = bestY;
                for (int d = 0; d < 4; d++)
                {
                    int vx = bestX + (d == 0 ? 1 : d == 1 ? -1 : 0), vy = bestY + (d == 2 ? 1 : d == 3 ? -1 : 0);
                    int cost = Sad(i, j, vx, vy) + (Lambda * (Math.Abs(vx - px) + Math.Abs(vy - py)));
                    if (cost < best)
                    {
                        (best, cxBest, cyBest) = (cost, vx, vy);
                    }
                }

                if (cxBest == bestX && cyBest == bestY)
                {
                    break;
                }

                (bestX, bestY) = (cxBest, cyBest);
            }

            Vx[k] = bestX;
            Vy[k] = bestY;
            Cost[k] = Sad(i, j, bestX, bestY);
        }

        /// <summary>A second pass: each block may take a neighbour's vector if it matches better (removes band seams and stragglers).</summary>
        public void Polish()
        {
            for (int j = 0; j < By; j++)
            {
                for (int i = 0; i < Bx; i++)
                {
                    int k = (j * Bx) + i;
                    int bestX = Vx[k], bestY = Vy[k], best = Cost[k];
                    for (int d = 0; d < 4; d++)
                    {
                        int ni = i + (d == 0 ? 1 : d == 1 ? -1 : 0), nj = j + (d == 2 ? 1 : d == 3 ? -1 : 0);
                        if ((uint)ni >= (uint)Bx || (uint)nj >= (uint)By)
                        {
                            continue;
                        }

                        int nk = (nj * Bx) + ni;
                        if (Vx[nk] == bestX && Vy[nk] == bestY)
                        {
                            continue;
                        }

                        int cost = Sad(i, j, Vx[nk], Vy[nk]);
                        if (cost < best)
                        {
                            (best, bestX, bestY) = (cost, Vx[nk], Vy[nk]);
                        }
                    }

                    Vx[k] = bestX;
                    Vy[k] = bestY;
                    Cost[k] = best;
                }
            }
        }

        /// <summary>
        /// The sub-pixel field, smoothed. Blocks are independent here (each reads the integer field and writes only its own
        /// entries), so rows run in parallel with the same result as one thread.
        /// </summary>
        public MotionField ToField(int maxDegreeOfParallelism = 1)
        {
            var field = new MotionField(Bx, By, B);
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) };
            Parallel.For(0, By, options, j =>
            {
                for (int i = 0; i < Bx; i++)
                {
                    int k = (j * Bx) + i;
                    int vx = Vx[k], vy = Vy[k];
                    int c0 = Cost[k];
                    float fx = Fit(Sad(i, j, vx - 1, vy), c0, Sad(i, j, vx + 1, vy));
                    float fy = Fit(Sad(i, j, vx, vy - 1), c0, Sad(i, j, vx, vy + 1));
                    field.X[k] = vx;
                    field.Y[k] = vy;
                    field.Cost[k] = c0;
                    float sx = vx, sy = vy;

                    // The bilinear check reads one pixel further than the integer SAD; where that reaches past the padded
                    // border the integer cost stands (a rejected cost here used to count as the block's matching error).
                    int best = SubpixelSad(i, j, sx, sy);
                    if (best >= Rejected)
                    {
                        best = c0;
                    }

                    if (fx != 0 || fy != 0)
                    {
                        int sub = SubpixelSad(i, j, vx + fx, vy + fy);
                        if (sub < best)
                        {
                            (best, sx, sy) = (sub, vx + fx, vy + fy);
                        }
                    }

                    field.X[k] = sx;
                    field.Y[k] = sy;
                    field.Cost[k] = best;
                }
            });

            Smooth(field, options);

            return field;
        }

        /// <summary>
        /// A cost-aware 3×3 median: a block takes the component-wise median of its neighbourhood when that vector matches
        /// it almost as well, which removes isolated wrong vectors without rounding off real motion boundaries.
        /// </summary>
        private void Smooth(MotionField field, ParallelOptions options)
        {
            float[] nx = (float[])field.X.Clone(), ny = (float[])field.Y.Clone();

            // Each block reads the unsmoothed vectors (field.X/Y, unchanged until the end) and writes only its own entries.
            Parallel.For(0, By, options, j =>
            {
                Span<float> wx = stackalloc float[9];
                Span<float> wy = stackalloc float[9];
                for (int i = 0; i < Bx; i++)
                {
                    int n = 0;
                    for (int dj = -1; dj <= 1; dj++)
                    {
                        for (int di = -1; di <= 1; di++)
                        {
                            int ni = Math.Clamp(i + di, 0, Bx - 1), nj = Math.Clamp(j + dj, 0, By - 1);
                            wx[n] = field.X[(nj * Bx) + ni];
                            wy[n++] = field.Y[(nj * Bx) + ni];
                        }
                    }

                    wx.Sort();
                    wy.Sort();
                    int k = (j * Bx) + i;
                    float mx = wx[4], my = wy[4];
                    if (MathF.Abs(mx - field.X[k]) + MathF.Abs(my - field.Y[k]) < 0.26f)
                    {
                        continue;
                    }

                    int cost = SubpixelSad(i, j, mx, my);
                    if (cost <= field.Cost[k] + (field.Cost[k] >> 3) + (2 * B * B))
                    {
                        nx[k] = mx;
                        ny[k] = my;
                        field.Cost[k] = cost;
                    }
                }
            });

            nx.CopyTo(field.X, 0);
            ny.CopyTo(field.Y, 0);
        }

        private int SubpixelSad(int i, int j, float vx, float vy)
        {
            float ax = -_t * vx, ay = -_t * vy, bx = (1 - _t) * vx, by = (1 - _t) * vy;
            int x = i * B, y = j * B;
            const int lo = -LumaPlane.Pad;
            if (x + MathF.Min(ax, bx) < lo || y + MathF.Min(ay, by) < lo
                || x + MathF.Max(ax, bx) + B + 1 > _a.Width + LumaPlane.Pad || y + MathF.Max(ay, by) + B + 1 > _a.Height + LumaPlane.Pad)
            {
                return Rejected;
            }

            return BlockMatcher.SadBilinear(_a, _b, x, y, ax, ay, bx, by, B);
        }

        private static float Fit(int left, int centre, int right)
        {
            if (left >= Rejected || right >= Rejected)
            {
                return 0;
            }

            // Equiangular (V-shaped) line fit, suited to SAD surfaces.
            int denominator = Math.Max(left, right) - centre;
            if (denominator <= 0)
            {
                return 0;
            }

            return Math.Clamp((left - right) / (2f * denominator), -0.5f, 0.5f);
        }

        private void AddParent(int pi, int pj, Span<int> cx, Span<int> cy, ref int n)
        {
            if ((uint)pi >= (uint)_parentBx || (uint)pj >= (uint)_parentBy)
            {
                return;
            }

            int pk = (pj * _parentBx) + pi;
            cx[n] = _parentX![pk] * 2;
            cy[n++] = _parentY![pk] * 2;
        }

        private static int Median(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
    }
}
