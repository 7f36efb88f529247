namespace VideoKit;

/// <summary>How each output frame is composed, for a timeline rendered to a known number of frames.</summary>
internal sealed class TimelinePlan
{
    private readonly TimelineItem[] _items;
    private readonly int[] _previous;
    private readonly long[] _windowStart;
    private readonly long[] _windowEnd;

    public TimelinePlan(IReadOnlyList<TimelineItem> items, FrameRate rate, long totalFrames)
    {
        _items = [.. items];
        TotalFrames = totalFrames;
        int n = _items.Length;
        _previous = new int[n];
        _windowStart = new long[n];
        _windowEnd = new long[n];
        FirstUse = new long[n];
        LastUse = new long[n];
        for (int k = 0; k < n; k++)
        {
            TimelineItem item = _items[k];
            _previous[k] = k > 0 && _items[k - 1].EndFrame == item.StartFrame ? k - 1 : -1;
            _windowStart[k] = _windowEnd[k] = item.StartFrame;
            if (item.Window is { } planned)
            {
                // A beat edit's window, exactly as planned (it already keeps to half of each neighbour).
                _windowStart[k] = item.StartFrame - planned.Before;
                _windowEnd[k] = item.StartFrame + planned.After;
            }
            else if (!item.Transition.IsCut)
            {
                // Placed on the cut frame in whole frames (centred: [cut - n/2, cut - n/2 + n)), never reaching back
                // over the previous item's own window nor past this item's end, so windows never overlap.
                long length = Math.Max(1, rate.FrameCountFor(item.Transition.Duration));
                (long before, long after) = item.Transition.Split(length);
                if (k > 0)
                {
                    before = Math.Min(before, Math.Max(0, item.StartFrame - Math.Max(_windowEnd[k - 1], _items[k - 1].StartFrame)));
                }

                after = Math.Min(after, item.FrameCount);
                _windowStart[k] = item.StartFrame - before;
                _windowEnd[k] = item.StartFrame + after;
            }

            FirstUse[k] = -1;
            LastUse[k] = -1;
        }

        // Which frames use which items: scanned once so the renderer can open sources just in time and close them
        // after their last use, and serialise sources that cannot render concurrently.
        for (long f = 0; f < totalFrames; f++)
        {
            FrameComposition c = Resolve(f);
            MarkUse(c.From, f);
            MarkUse(c.To, f);
        }
    }

    public long TotalFrames { get; }

    public IReadOnlyList<TimelineItem> Items => _items;

    /// <summary>The first frame that uses each item, or -1 when it is never on screen.</summary>
    public long[] FirstUse { get; }

    /// <summary>The last frame that uses each item, or -1.</summary>
    public long[] LastUse { get; }

    /// <summary>What frame <paramref name="frame"/> shows.</summary>
    public FrameComposition Resolve(long frame)
    {
        int k = LastStartingAtOrBefore(_items, frame);
        int next = k + 1;
        if (next < _items.Length && _windowEnd[next] > _windowStart[next] && frame >= _windowStart[next])
        {
            return InWindow(next, frame);
        }

        if (k < 0)
        {
            return FrameComposition.Black;
        }

        if (_windowEnd[k] > _windowStart[k] && frame < _windowEnd[k])
        {
            return InWindow(k, frame);
        }

        return frame < _items[k].EndFrame ? new FrameComposition(-1, k, 1) : FrameComposition.Black;
    }

    /// <summary>Where <paramref name="frame"/> lies in the window of the transition into item <paramref name="window"/>.</summary>
    public TransitionFrame TransitionFrameOf(int window, long frame) =>
        new(frame, _items[window].StartFrame, _windowStart[window], _windowEnd[window]);

    /// <summary>The local time of <paramref name="item"/> at <paramref name="frame"/>, clamped to the item's length and
    /// its handles (<see cref="ClipPlayback.LeadIn"/> before it, <see cref="ClipPlayback.Tail"/> after it).</summary>
    public static TimeSpan LocalTime(TimelineItem item, FrameRate rate, long frame)
    {
        TimeSpan t = rate.TimeAt(frame) - item.Start;
        if (t < -item.Playback.LeadIn)
        {
            return -item.Playback.LeadIn;
        }

        TimeSpan last = item.Duration + item.Playback.Tail - TimeSpan.FromTicks(1);
        return t > last ? last : t;
    }

    public static int LastStartingAtOrBefore(TimelineItem[] items, long frame)
    {
        int lo = 0, hi = items.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (items[mid].StartFrame <= frame)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private FrameComposition InWindow(int k, long frame)
    {
        Transition t = _items[k].Transition;
        TransitionFrame where = TransitionFrameOf(k, frame);
        if (t.ShowsBothPictures)
        {
            return new FrameComposition(_previous[k], k, Math.Clamp(where.Progress, 0, 1), k);
        }

        // One picture at a time: the outgoing one before the cut, the incoming one from it.
        return frame < where.CutFrame
            ? new FrameComposition(_previous[k], -1, 0, k)
            : new FrameComposition(-1, k, 1, k);
    }

    private void MarkUse(int item, long frame)
    {
        if (item < 0)
        {
            return;
        }

        if (FirstUse[item] < 0)
        {
            FirstUse[item] = frame;
        }

        LastUse[item] = frame;
    }
}

/// <summary>
/// One output frame: <see cref="To"/> blended over <see cref="From"/> with <see cref="Weight"/> (1 = only
/// <see cref="To"/>). An index of -1 means black (or, inside a one-picture transition window, not shown).
/// <see cref="Window"/> is the item whose transition is running on this frame, or -1.
/// </summary>
internal readonly record struct FrameComposition(int From, int To, double Weight, int Window = -1)
{
    public static FrameComposition Black => new(-1, -1, 1);

    public bool IsBlend => Weight < 1;
}
