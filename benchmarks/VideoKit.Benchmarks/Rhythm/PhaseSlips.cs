using VideoKit.Rhythm;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// Mid-excerpt phase slips: a grid that is right for part of an excerpt and then jumps by a fraction of a beat (or
/// drifts off) and stays off for a stretch, at the same metrical level. Every annotated beat (after 5 s, as the scores)
/// is classed by the estimate around it: <b>in</b> — an estimated beat within ±70 ms (the F window) and the estimated
/// beat interval that holds the annotated beat within 17.5 % of the annotated interval (the CMLt period tolerance);
/// <b>out</b> — the same interval test passes (same metrical level) but no estimated beat is within ±70 ms; anything
/// else (another level, a gap) is neither. An excerpt <b>slips</b> when at least 25 % of its beats are in and at least
/// 25 % are out: a level error has few beats at the same level, an off-beat-throughout grid has few in.
/// </summary>
internal static class PhaseSlips
{
    /// <summary>Share of the beats that must be in phase, and out of phase, for an excerpt to count as a slip.</summary>
    public const double MinShare = 0.25;

    /// <summary>The per-excerpt result: shares of the annotated beats in and out of phase at the annotated level, the
    /// number of changes between in-phase and out-of-phase runs (runs of at least two beats), and the time of the first.</summary>
    internal readonly record struct Result(double In, double Out, int Slips, double FirstSlip)
    {
        public bool IsSlip => In >= MinShare && Out >= MinShare;
    }

    public static Result Measure(double[] reference, double[] estimated, double window = 0.07, double periodTolerance = 0.175)
    {
        double[] r = BeatEvaluation.Trim(reference), e = BeatEvaluation.Trim(estimated);
        if (r.Length < 3 || e.Length < 2)
        {
            return new Result(0, 0, 0, double.NaN);
        }

        // State per annotated beat: +1 in, -1 out, 0 neither.
        int[] state = new int[r.Length - 2];
        for (int k = 1; k < r.Length - 1; k++)
        {
            double refIbi = (r[k + 1] - r[k - 1]) / 2;
            int j = Array.BinarySearch(e, r[k]);
            j = j >= 0 ? j : ~j;
            // Nearest estimated beat.
            double nearest = double.PositiveInfinity;
            if (j < e.Length)
            {
                nearest = Math.Abs(e[j] - r[k]);
            }

            if (j > 0)
            {
                nearest = Math.Min(nearest, Math.Abs(e[j - 1] - r[k]));
            }

            // The estimated interval holding r[k] (or, at the edges, the nearest interval).
            int lo = Math.Clamp(j - 1, 0, e.Length - 2);
            double estIbi = e[lo + 1] - e[lo];
            bool sameLevel = Math.Abs((estIbi / refIbi) - 1) <= periodTolerance;
            state[k - 1] = !sameLevel ? 0 : nearest <= window + 1e-9 ? 1 : -1;
        }

        int ins = state.Count(s => s == 1), outs = state.Count(s => s == -1);
        int slips = 0;
        double first = double.NaN;
        int previous = 0;
        for (int k = 0; k + 1 < state.Length; k++)
        {
            // A run starts where two consecutive beats agree; count changes between in-runs and out-runs.
            if (state[k] != 0 && state[k] == state[k + 1] && state[k] != previous)
            {
                if (previous != 0)
                {
                    slips++;
                    if (double.IsNaN(first))
                    {
                        first = r[k + 1];
                    }
                }

                previous = state[k];
            }
        }

        return new Result(ins / (double)state.Length, outs / (double)state.Length, slips, first);
    }
}
