using System.Collections.Immutable;
using VideoKit.Rhythm;

namespace VideoKit.Editing;

/// <summary>
/// Where a lyric-driven edit cuts: one clip per line, in order. The first clip shows from the start through the first
/// line; each later line with its own clip cuts at the beat (or downbeat) nearest its start within the tolerance, or
/// exactly at its start when none is that close, so no line is ever moved off its singing by more than the tolerance.
/// Lines past the last clip hold it (no cut).
/// </summary>
internal static class LyricCuts
{
    /// <summary>One cut: its time on the song's clock, the beat it snapped to (or the nearest beat, -1 without beats), and its line.</summary>
    internal readonly record struct Point(TimeSpan Time, int Beat, int Line, bool Snapped);

    public static List<Point> Resolve(BeatGrid grid, CutRule rule, int clipCount, TimeSpan minGap, List<PlanWarning> warnings)
    {
        ImmutableArray<TimeSpan> lines = rule.LineStarts;
        var points = new List<Point>();
        IReadOnlyList<Beat> candidates = rule.Snap == LyricSnap.Downbeat ? grid.Downbeats : grid.Beats;
        TimeSpan previous = TimeSpan.Zero;
        int last = Math.Min(lines.Length, clipCount);
        if (lines.Length > clipCount)
        {
            warnings.Add(new PlanWarning(PlanWarningKind.LyricLine, -1, FormattableString.Invariant($"There are {lines.Length} lyric lines and {clipCount} clips: lines {clipCount + 1} to {lines.Length} hold the last clip.")));
        }

        for (int i = 1; i < last; i++)
        {
            TimeSpan line = lines[i];
            TimeSpan earliest = previous + minGap;
            Beat? best = null;
            if (rule.Snap != LyricSnap.None)
            {
                foreach (Beat b in candidates)
                {
                    TimeSpan distance = (b.Time - line).Duration();
                    if (distance <= rule.Tolerance && b.Time >= earliest && (best is not { } c || distance < (c.Time - line).Duration()))
                    {
                        best = b;
                    }
                }
            }

            TimeSpan at = best?.Time ?? line;
            if (at < earliest)
            {
                warnings.Add(new PlanWarning(PlanWarningKind.LyricLine, -1, FormattableString.Invariant($"Lyric line {i + 1} ({line.TotalSeconds:0.###} s) starts too soon after the cut before it; it holds the previous clip.")));
                continue;
            }

            int beat = best?.Index ?? Nearest(grid, at);
            points.Add(new Point(at, beat, i, best is not null));
            previous = at;
        }

        return points;
    }

    private static int Nearest(BeatGrid grid, TimeSpan t)
    {
        int best = -1;
        for (int k = 0; k < grid.Beats.Count; k++)
        {
            if (best < 0 || (grid.Beats[k].Time - t).Duration() < (grid.Beats[best].Time - t).Duration())
            {
                best = k;
            }
        }

        return best;
    }
}
