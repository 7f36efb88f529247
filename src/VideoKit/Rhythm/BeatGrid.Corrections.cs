namespace VideoKit.Rhythm;

/// <summary>Manual corrections: each returns a new grid and keeps the duration, confidence, envelope and warnings.</summary>
public sealed partial class BeatGrid
{
    /// <summary>The index of the first beat numbered 1 (a downbeat), or where one would be if the grid started a bar.</summary>
    internal int FirstDownbeatIndex
    {
        get
        {
            if (_beats.IsEmpty)
            {
                return 0;
            }

            int offset = (1 - _beats[0].BeatInBar + BeatsPerBar) % BeatsPerBar;
            return offset;
        }
    }

    /// <summary>Makes beat <paramref name="beatIndex"/> a downbeat (the "1" of its bar); the other bars follow every <see cref="BeatsPerBar"/> beats.</summary>
    /// <param name="beatIndex">The beat that should be "1".</param>
    /// <returns>The renumbered grid.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is not a beat of the grid.</exception>
    public BeatGrid WithDownbeatAt(int beatIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beatIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beatIndex, Math.Max(1, _beats.Length));
        return Renumber(BeatsPerBar, beatIndex % BeatsPerBar);
    }

    /// <summary>Moves "1" of every bar by <paramref name="beats"/> beats (1 = the current second beat becomes the downbeat).</summary>
    /// <param name="beats">How many beats to move the downbeat, positive (later) or negative (earlier).</param>
    /// <returns>The renumbered grid.</returns>
    public BeatGrid ShiftDownbeat(int beats) =>
        Renumber(BeatsPerBar, (((FirstDownbeatIndex + beats) % BeatsPerBar) + BeatsPerBar) % BeatsPerBar);

    /// <summary>Regroups the beats into bars of <paramref name="beatsPerBar"/>, with beat <paramref name="firstDownbeat"/> as a downbeat.</summary>
    /// <param name="beatsPerBar">The new meter (beats per bar).</param>
    /// <param name="firstDownbeat">A beat index that should be "1".</param>
    /// <returns>The renumbered grid.</returns>
    public BeatGrid WithBeatsPerBar(int beatsPerBar, int firstDownbeat = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatsPerBar);
        ArgumentOutOfRangeException.ThrowIfNegative(firstDownbeat);
        return Renumber(beatsPerBar, firstDownbeat % beatsPerBar);
    }

    /// <summary>
    /// Doubles the tempo: a beat is added halfway between each pair of beats (and after the last one while it is inside
    /// the song). Downbeats stay downbeats and bars keep <see cref="BeatsPerBar"/> beats, so each old bar becomes two.
    /// </summary>
    /// <returns>The grid at twice the tempo.</returns>
    public BeatGrid DoubleTempo()
    {
        if (_beats.Length < 2)
        {
            return this;
        }

        var times = new List<TimeSpan>(_beats.Length * 2);
        for (int i = 0; i < _beats.Length; i++)
        {
            times.Add(_beats[i].Time);
            TimeSpan next = i + 1 < _beats.Length ? _beats[i + 1].Time : _beats[i].Time + (_beats[i].Time - _beats[i - 1].Time);
            TimeSpan mid = _beats[i].Time + ((next - _beats[i].Time) / 2);
            if (i + 1 < _beats.Length || mid < Duration)
            {
                times.Add(mid);
            }
        }

        return Rebuild(times, BeatsPerBar, (2 * FirstDownbeatIndex) % BeatsPerBar);
    }

    /// <summary>
    /// Halves the tempo: every other beat is dropped, keeping the downbeats (or, with <paramref name="keepDownbeats"/>
    /// false, keeping the beats between them: the off-beat half). Bars keep <see cref="BeatsPerBar"/> beats, so each
    /// new bar spans two old ones.
    /// </summary>
    /// <param name="keepDownbeats">True to keep the beats in phase with the downbeats.</param>
    /// <returns>The grid at half the tempo.</returns>
    public BeatGrid HalveTempo(bool keepDownbeats = true)
    {
        if (_beats.Length < 2)
        {
            return this;
        }

        int parity = (FirstDownbeatIndex + (keepDownbeats ? 0 : 1)) % 2;
        var times = new List<TimeSpan>((_beats.Length / 2) + 1);
        for (int i = parity; i < _beats.Length; i += 2)
        {
            times.Add(_beats[i].Time);
        }

        int firstDownbeat = keepDownbeats ? (FirstDownbeatIndex - parity) / 2 : 0;
        return Rebuild(times, BeatsPerBar, firstDownbeat % BeatsPerBar);
    }

    /// <summary>Moves every beat by <paramref name="offset"/> (beats that would fall before 0 are dropped).</summary>
    /// <param name="offset">The shift, positive (later) or negative (earlier).</param>
    /// <returns>The shifted grid.</returns>
    public BeatGrid Nudge(TimeSpan offset)
    {
        var beats = new List<Beat>(_beats.Length);
        foreach (Beat b in _beats)
        {
            TimeSpan t = b.Time + offset;
            if (t >= TimeSpan.Zero)
            {
                beats.Add(new Beat(beats.Count, t, b.Bar, b.BeatInBar));
            }
        }

        return new BeatGrid(beats, BeatsPerBar, Duration, Confidence, Onsets, Warnings);
    }

    private BeatGrid Renumber(int beatsPerBar, int firstDownbeat)
    {
        var times = new List<TimeSpan>(_beats.Length);
        foreach (Beat b in _beats)
        {
            times.Add(b.Time);
        }

        return Rebuild(times, beatsPerBar, firstDownbeat);
    }

    private BeatGrid Rebuild(List<TimeSpan> times, int beatsPerBar, int firstDownbeat)
    {
        var beats = new List<Beat>(times.Count);
        for (int i = 0; i < times.Count; i++)
        {
            beats.Add(MakeBeat(i, times[i], beatsPerBar, firstDownbeat));
        }

        return new BeatGrid(beats, beatsPerBar, Duration, Confidence, Onsets, Warnings);
    }
}
