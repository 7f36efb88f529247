namespace VideoKit.Editing;

/// <summary>
/// Finds where a gradual transition (crossfade, whip, slide, dip) happens in a rendered video, from the per-frame
/// scene-change scores and mean luma, and expresses it as the cut frame it implies, so it can be compared with the
/// planned cut frame like a hard cut.
/// </summary>
/// <remarks>
/// A crossfade, whip or slide is located at its middle: the frame position where the cumulative change through the
/// window (each frame's score minus the motion of the clips, taken as the median score just outside the window and
/// interpolated across it) reaches half the total. For the planned progress curve that position is
/// <c>start + length/2 − ½</c>; the measured position minus that, added to the cut frame, is the located cut. A dip is
/// located at its darkest (or brightest) frame, which the compositor puts on the cut frame.
/// </remarks>
internal static class TransitionLocator
{
    private const int BaselineFrames = 6;
    private const double MinTotalChange = 0.06;
    private const double MinDipContrast = 12;

    /// <summary>The cut frame a gradual transition's measured middle implies, or why it could not be measured.</summary>
    /// <param name="cut">The planned cut with a gradual transition.</param>
    /// <param name="scores">Per-frame scene-change scores.</param>
    /// <param name="meanLuma">Per-frame mean luma.</param>
    /// <param name="from">The first frame the search may use (after the previous transition), or 0.</param>
    /// <param name="to">The frame after the last the search may use (before the next transition), or the frame count.</param>
    public static (long? Frame, string? Reason) Locate(PlannedCut cut, IReadOnlyList<double> scores, IReadOnlyList<double> meanLuma, long from = 0, long to = long.MaxValue)
    {
        long start = cut.TransitionStartFrame, end = cut.TransitionEndFrame;
        if (end - start < 2)
        {
            return (null, "too short to measure");
        }

        if (start < 2 || end + 1 >= scores.Count || end >= meanLuma.Count)
        {
            return (null, "at the edge of the video");
        }

        // Search a window wider than the planned one (by half its length each side), so a transition rendered a few
        // frames early or late is still measured whole, but stop short of the neighbouring transitions.
        long margin = Math.Max(2, (end - start) / 2);
        int lo = (int)Math.Max(Math.Max(1, from + 1), start - margin);
        int hi = (int)Math.Min(Math.Min(Math.Min(scores.Count, meanLuma.Count) - 1, to - 1), end + margin);
        return cut.Transition.Kind is TransitionKind.DipToBlack or TransitionKind.DipToWhite
            ? LocateDip(cut, meanLuma, lo, hi)
            : LocateMiddle(cut, scores, lo, hi);
    }

    private static (long? Frame, string? Reason) LocateDip(PlannedCut cut, IReadOnlyList<double> meanLuma, int lo, int hi)
    {
        bool black = cut.Transition.Kind == TransitionKind.DipToBlack;
        long start = lo + 1, end = hi;   // meanLuma[start - 1] and meanLuma[end] are the pictures either side
        double extreme = black ? double.MaxValue : double.MinValue;
        for (long i = start; i < end; i++)
        {
            extreme = black ? Math.Min(extreme, meanLuma[(int)i]) : Math.Max(extreme, meanLuma[(int)i]);
        }

        double contrast = Math.Min(Math.Abs(meanLuma[(int)start - 1] - extreme), Math.Abs(meanLuma[(int)end] - extreme));
        if (contrast < MinDipContrast)
        {
            return (null, black ? "the pictures around it are already near black" : "the pictures around it are already near white");
        }

        // The last frame at the extreme (the dip holds the colour on the frame before the cut and on the cut frame).
        long found = start;
        for (long i = start; i < end; i++)
        {
            if (Math.Abs(meanLuma[(int)i] - extreme) <= 1.5)
            {
                found = i;
            }
        }

        long planned = end > cut.Frame ? cut.Frame : cut.Frame - 1;
        return (cut.Frame + (found - planned), null);
    }

    private static (long? Frame, string? Reason) LocateMiddle(PlannedCut cut, IReadOnlyList<double> scores, int lo, int hi)
    {
        int start = lo, end = hi;
        int length = end - start;
        double? before = Median(scores, Math.Max(1, start - BaselineFrames), start - 1);
        double? after = Median(scores, end + 1, Math.Min(scores.Count - 1, end + BaselineFrames));
        if ((before ?? after) is not double first || (after ?? before) is not double last)
        {
            return (null, "at the edge of the video");
        }


        // Frame i's score is the change from frame i-1 to i: the window's change is in scores[start..end].
        Span<double> excess = stackalloc double[length + 1];
        double total = 0;
        for (int i = start; i <= end; i++)
        {
            double baseline = first + ((last - first) * (i - start + 0.5) / (length + 1));
            excess[i - start] = Math.Max(0, scores[i] - baseline);
            total += excess[i - start];
        }

        if (total < MinTotalChange)
        {
            return (null, "the pictures on both sides look alike");
        }

        double half = total / 2, cumulative = 0, measured = end;
        for (int i = start; i <= end; i++)
        {
            double next = cumulative + excess[i - start];
            if (next >= half)
            {
                measured = i - 1 + ((half - cumulative) / Math.Max(1e-12, next - cumulative));
                break;
            }

            cumulative = next;
        }

        double planned = cut.TransitionStartFrame + ((cut.TransitionEndFrame - cut.TransitionStartFrame) / 2.0) - 0.5;
        return (cut.Frame + (long)Math.Round(measured - planned, MidpointRounding.AwayFromZero), null);
    }

    private static double? Median(IReadOnlyList<double> scores, int from, int to)
    {
        if (to - from < 1)
        {
            return null;   // fewer than two frames: no baseline
        }

        double[] values = new double[to - from + 1];
        for (int i = from; i <= to; i++)
        {
            values[i - from] = scores[i];
        }

        Array.Sort(values);
        return values[values.Length / 2];
    }
}
