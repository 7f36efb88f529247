namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// How well a grid is reproduced in time: the song's first and second half are tracked again on their own, with the
/// tempo held within ±20 % of the grid's (so only the phase is free), and each half's beats are compared with the grid's
/// beats in the same span by the committee's information gain. A right grid is reproduced by each half; a grid that owes
/// its phase to one passage, or that sits between two readings of the song, is not. This catches phase instability the
/// committee misses (its members track the whole song, so they share its dominant passage), and misses what the
/// committee also misses (a half-tempo or off-beat grid that the whole song supports is as stable as a right one).
/// Measured as a factor of the committee's agreement in the Rhythm JOURNAL.md ("Confidence, fourth round"): better rank
/// correlation with F at every histogram bin count on the development folds, and on the independent held-out set.
/// </summary>
internal static class SelfConsistency
{
    /// <summary>How far each half's tempo may move from the grid's (a factor either way).</summary>
    internal const double TempoSpan = 1.2;

    /// <summary>Seconds trimmed at each end of a half before comparing (the tracker's first and last beats settle there).</summary>
    internal const double EdgeSeconds = 1;

    /// <summary>The mean agreement of the two halves with the grid, 0 to 1 (0 when the grid has fewer than 3 beats).</summary>
    /// <param name="activation">The activation the grid was tracked from.</param>
    /// <param name="grid">The grid's beats (frames).</param>
    /// <param name="tracker">The tracker as first configured (full tempo range).</param>
    /// <param name="fps">Frames per second.</param>
    /// <param name="bins">Histogram bins of the information gain.</param>
    public static double Measure(float[] activation, int[] grid, BeatTracker tracker, double fps, int bins = BeatCommittee.DefaultBins)
    {
        if (grid.Length < 3 || grid[^1] <= grid[0])
        {
            return 0;
        }

        double gridBpm = 60 * fps * (grid.Length - 1) / (grid[^1] - grid[0]);
        BeatTracker held = tracker with
        {
            MinBpm = Math.Max(tracker.MinBpm, gridBpm / TempoSpan),
            MaxBpm = Math.Min(tracker.MaxBpm, gridBpm * TempoSpan),
            PriorBpm = gridBpm,
        };
        int n = activation.Length, middle = (int)Math.Round(0.5 * n);
        double sum = 0;
        foreach ((int start, int end) in (ReadOnlySpan<(int, int)>)[(0, middle), (middle, n)])
        {
            int[] beats = held.Track(activation.AsSpan(start, end - start), fps).BeatFrames;
            double from = (start / fps) + EdgeSeconds, to = (end / fps) - EdgeSeconds;
            double[] whole = Within(grid, 0, fps, from, to), part = Within(beats, start, fps, from, to);
            sum += whole.Length < 3 || part.Length < 3 ? 0 : BeatCommittee.InformationGain(whole, part, bins);
        }

        return sum / 2;
    }

    /// <summary>The beats (frames + <paramref name="offset"/>) in seconds that fall in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    private static double[] Within(int[] frames, int offset, double fps, double from, double to)
    {
        var result = new List<double>(frames.Length);
        foreach (int f in frames)
        {
            double t = (f + offset) / fps;
            if (t >= from && t <= to)
            {
                result.Add(t);
            }
        }

        return [.. result];
    }
}
