namespace VideoKit.Rhythm;

/// <summary>Sections of a grid: the part of a song an item, a zoom or a chosen excerpt covers.</summary>
public sealed partial class BeatGrid
{
    /// <summary>
    /// The part of the grid from <paramref name="from"/> for <paramref name="duration"/>, re-based so that
    /// <paramref name="from"/> is time 0: beats are renumbered from 0, keep their place in the bar, and the onset envelope
    /// is cut to the same window. Use it to drive something that lives in one section of the song (a zoom that fills one
    /// montage segment, an excerpt rendered alone) by that section's beats.
    /// </summary>
    /// <param name="from">The start of the section, in song time; may lie before 0 (the section then starts with silence).</param>
    /// <param name="duration">The length of the section.</param>
    /// <returns>The section's grid, with the same meter, confidence and warnings.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    public BeatGrid Slice(TimeSpan from, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(duration.Ticks, nameof(duration));
        TimeSpan to = from + duration;
        int firstBar = int.MinValue;
        foreach (Beat b in _beats)
        {
            if (b.Time >= from && b.Time < to && b.IsDownbeat)
            {
                firstBar = b.Bar;   // the section's bar 0; beats before it are in bar -1, as in any grid
                break;
            }
        }

        var beats = new List<Beat>();
        foreach (Beat b in _beats)
        {
            if (b.Time >= from && b.Time < to)
            {
                int bar = firstBar == int.MinValue ? -1 : Math.Max(-1, b.Bar - firstBar);
                beats.Add(new Beat(beats.Count, b.Time - from, bar, b.BeatInBar));
            }
        }

        return new BeatGrid(beats, BeatsPerBar, duration, Confidence, SliceOnsets(from, duration), Warnings);
    }

    private OnsetEnvelope? SliceOnsets(TimeSpan from, TimeSpan duration)
    {
        if (Onsets is null)
        {
            return null;
        }

        double fps = Onsets.FramesPerSecond;
        ReadOnlySpan<float> values = Onsets.Values;
        long first = (long)Math.Round(from.TotalSeconds * fps);
        long count = Math.Max(1, (long)Math.Round(duration.TotalSeconds * fps));
        float[] window = new float[count];
        for (long i = 0; i < count; i++)
        {
            long source = first + i;
            window[i] = source >= 0 && source < values.Length ? values[(int)source] : 0;
        }

        return new OnsetEnvelope(window, fps);
    }
}
