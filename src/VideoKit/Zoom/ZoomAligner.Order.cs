using System.Globalization;

namespace VideoKit.Zoom;

public static partial class ZoomAligner
{
    /// <summary>Up to this many levels the best chain is found exactly (over every order); above it, greedily.</summary>
    private const int MaxExactOrder = 16;

    /// <summary>
    /// The full-alignment correlation each link of a found order must reach. Stricter than <see cref="ZoomAlignerOptions.MinimumMatch"/>:
    /// a true step correlates above 0.99 even through a colour shift and JPEG, but an unrelated picture placed at the
    /// best scale and shift can still reach 0.7.
    /// </summary>
    private const double OrderMinimumMatch = 0.9;

    /// <summary>
    /// The coarse correlation a candidate link needs to enter the chain search (at most <see cref="ZoomAlignerOptions.MinimumMatch"/>):
    /// the coarse search runs on a ~96-pixel copy, so it scores true links lower than the full alignment, which checks them after.
    /// </summary>
    private const double CoarseOrderMinimum = 0.5;

    /// <summary>
    /// Finds the order of an unordered set of levels from the pixels. For every pair (a, b) it measures how well level a,
    /// shrunk by the zoom factor, matches the centre of level b (the coarse search of <see cref="AlignPair"/>: zero-mean
    /// normalised correlation over scale and shift, the repainted border left out); then it takes the chain through all
    /// levels, innermost to outermost, whose links match best, and checks each link with the full alignment. Pass the
    /// result to <see cref="ZoomSequence.Reorder"/>.
    /// </summary>
    /// <param name="sequence">The levels in any order. Every step's factor is taken as the sequence's factor when all are equal; otherwise it is estimated.</param>
    /// <param name="options">Search options (each link must reach <see cref="ZoomAlignerOptions.MinimumMatch"/>, and at least 0.9, in the full alignment); <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The indices of the levels in <paramref name="sequence"/>, innermost first.</returns>
    /// <exception cref="ZoomSequenceException">No chain links every level to the next; the message names the level(s) that do not fit.</exception>
    public static IReadOnlyList<int> FindOrder(ZoomSequence sequence, ZoomAlignerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        options ??= ZoomAlignerOptions.Default;
        options.Validate();
        int n = sequence.Count;
        double? factor = sequence.Factors.All(f => f is not null && f == sequence.Factors[0]) ? sequence.Factors[0] : null;
        int coarse = CoarseLevel(sequence.Width, sequence.Height);
        var luma = new Plane[n];
        var reduced = new Plane[n];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, n, parallel, i =>
        {
            luma[i] = Plane.Luma(sequence.Levels[i]);
            _ = luma[i].Sat;
            reduced[i] = luma[i].Reduce(1 << coarse);
        });

        // score[a·n + b]: how well level a sits at the centre of level b.
        double[] score = new double[n * n];
        Parallel.For(0, n * n, parallel, ab =>
        {
            int a = ab / n, b = ab % n;
            if (a == b)
            {
                score[ab] = double.NegativeInfinity;
                return;
            }

            List<Candidate> found = CoarseSearch(luma[a], reduced[b], coarse, factor, options, cancellationToken);
            score[ab] = found.Count > 0 ? found[0].Score : -1;
        });

        double coarseMinimum = Math.Min(options.MinimumMatch, CoarseOrderMinimum);
        int[] order = (n <= MaxExactOrder ? BestChain(score, n, coarseMinimum) : GreedyChain(score, n, coarseMinimum))
            ?? throw NoChain(sequence, score, coarseMinimum);

        // The coarse correlation of two unrelated pictures can be high by chance; each link of the chain must also pass
        // the full alignment, with a margin.
        double minimum = Math.Max(options.MinimumMatch, OrderMinimumMatch);
        double[] match = new double[n - 1];
        Parallel.For(1, n, parallel, k => match[k - 1] = AlignPair(sequence.Levels[order[k - 1]], sequence.Levels[order[k]], factor, options, cancellationToken).Match);
        for (int k = 1; k < n; k++)
        {
            if (match[k - 1] < minimum)
            {
                throw new ZoomSequenceException(string.Create(CultureInfo.InvariantCulture,
                    $"Cannot order the {n} zoom levels: the best chain puts '{sequence.Names[order[k - 1]]}' inside '{sequence.Names[order[k]]}', but they do not match (correlation {match[k - 1]:0.00}, below {minimum:0.00}). Check that every level belongs to the same zoom sequence and the zoom factor."));
            }
        }

        return order;
    }

    /// <summary>The pyramid level whose width is still at least the coarse search width (about 96 pixels).</summary>
    private static int CoarseLevel(int width, int height)
    {
        int coarse = 0;
        while ((width >> (coarse + 1)) >= CoarseWidth && (height >> (coarse + 1)) >= 24)
        {
            coarse++;
        }

        return coarse;
    }

    /// <summary>The path through all levels with the highest total link score, every link at least <paramref name="minimum"/> (Held–Karp).</summary>
    private static int[]? BestChain(double[] score, int n, double minimum)
    {
        int full = (1 << n) - 1;
        double[] best = new double[(full + 1) * n];
        int[] from = new int[(full + 1) * n];
        Array.Fill(best, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
        {
            best[((1 << i) * n) + i] = 0;
        }

        for (int mask = 1; mask <= full; mask++)
        {
            for (int last = 0; last < n; last++)
            {
                double here = best[(mask * n) + last];
                if (double.IsNegativeInfinity(here))
                {
                    continue;
                }

                for (int next = 0; next < n; next++)
                {
                    double link = score[(last * n) + next];
                    if ((mask & (1 << next)) != 0 || link < minimum)
                    {
                        continue;
                    }

                    int to = ((mask | (1 << next)) * n) + next;
                    if (here + link > best[to])
                    {
                        best[to] = here + link;
                        from[to] = last;
                    }
                }
            }
        }

        int end = -1;
        for (int last = 0; last < n; last++)
        {
            if (!double.IsNegativeInfinity(best[(full * n) + last]) && (end < 0 || best[(full * n) + last] > best[(full * n) + end]))
            {
                end = last;
            }
        }

        if (end < 0)
        {
            return null;
        }

        int[] order = new int[n];
        for (int k = n - 1, m = full, cur = end; k >= 0; k--)
        {
            order[k] = cur;
            int prev = from[(m * n) + cur];
            m &= ~(1 << cur);
            cur = prev;
        }

        return order;
    }

    /// <summary>Links the strongest pairs first, each level at most one inner and one outer neighbour, no cycles.</summary>
    private static int[]? GreedyChain(double[] score, int n, double minimum)
    {
        int[] links = [.. Enumerable.Range(0, n * n).Where(ab => score[ab] >= minimum).OrderByDescending(ab => score[ab])];
        int[] next = new int[n], prev = new int[n], group = new int[n];
        Array.Fill(next, -1);
        Array.Fill(prev, -1);
        for (int i = 0; i < n; i++)
        {
            group[i] = i;
        }

        int joined = 0;
        foreach (int ab in links)
        {
            int a = ab / n, b = ab % n;
            if (next[a] >= 0 || prev[b] >= 0 || Root(group, a) == Root(group, b))
            {
                continue;
            }

            next[a] = b;
            prev[b] = a;
            group[Root(group, a)] = Root(group, b);
            joined++;
        }

        if (joined != n - 1)
        {
            return null;
        }

        int[] order = new int[n];
        int cur = Array.IndexOf(prev, -1);
        for (int k = 0; k < n; k++, cur = next[cur])
        {
            order[k] = cur;
        }

        return order;

        static int Root(int[] group, int i)
        {
            while (group[i] != i)
            {
                i = group[i] = group[group[i]];
            }

            return i;
        }
    }

    private static ZoomSequenceException NoChain(ZoomSequence sequence, double[] score, double minimum)
    {
        // In a chain exactly one level (the outermost) lies inside no other, and one (the innermost) holds no other.
        int n = sequence.Count, worst = 0;
        double worstBest = double.PositiveInfinity;
        var insideNone = new List<string>();
        var holdsNone = new List<string>();
        for (int a = 0; a < n; a++)
        {
            double bestIn = double.NegativeInfinity, bestOut = double.NegativeInfinity;
            for (int b = 0; b < n; b++)
            {
                bestOut = Math.Max(bestOut, score[(a * n) + b]);
                bestIn = Math.Max(bestIn, score[(b * n) + a]);
            }

            if (bestOut < minimum)
            {
                insideNone.Add($"'{sequence.Names[a]}'");
            }

            if (bestIn < minimum)
            {
                holdsNone.Add($"'{sequence.Names[a]}'");
            }

            if (Math.Max(bestIn, bestOut) < worstBest)
            {
                worstBest = Math.Max(bestIn, bestOut);
                worst = a;
            }
        }

        string problem = worstBest < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"'{sequence.Names[worst]}' is not found at the centre of any other level and holds none at its own (best correlation {worstBest:0.00}, below {minimum:0.00})")
            : insideNone.Count > 1
                ? $"{string.Join(", ", insideNone)} are each found inside no other level (only the outermost may be)"
                : holdsNone.Count > 1
                    ? $"{string.Join(", ", holdsNone)} each hold no other level at their centre (only the innermost may)"
                    : "they do not form one chain in which each level appears at the centre of the next";
        return new ZoomSequenceException($"Cannot order the {n} zoom levels: {problem}. Check that every level belongs to the same zoom sequence and the zoom factor.");
    }
}
