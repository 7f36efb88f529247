using System.Collections.Immutable;

namespace VideoKit.Rhythm;

/// <summary>
/// The song's time base: beats, their bar positions, the tempo, and how sure the analysis is. Immutable; corrections
/// return a new grid. Everything that lands "on the beat" in VideoKit asks a grid.
/// </summary>
public sealed partial class BeatGrid
{
    private readonly ImmutableArray<Beat> _beats;
    private readonly ImmutableArray<Beat> _downbeats;

    /// <summary>Creates a grid from beats whose bar positions are already known.</summary>
    /// <param name="beats">Beats in strictly increasing time, indexed from 0.</param>
    /// <param name="beatsPerBar">The predominant meter (beats per bar).</param>
    /// <param name="duration">The length of the song the grid covers.</param>
    /// <param name="confidence">How sure the source is, from 0 (no rhythm found) to 1.</param>
    /// <param name="onsets">The onset-strength envelope, when known.</param>
    /// <param name="warnings">Problems found while building the grid (for example "no steady beat").</param>
    /// <exception cref="ArgumentException">Beats are not strictly increasing, or their indices are not 0, 1, 2, ….</exception>
    public BeatGrid(IEnumerable<Beat> beats, int beatsPerBar, TimeSpan duration, double confidence = 1, OnsetEnvelope? onsets = null, IEnumerable<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatsPerBar);
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Ticks, nameof(duration));
        _beats = [.. beats];
        for (int i = 0; i < _beats.Length; i++)
        {
            if (_beats[i].Index != i)
            {
                throw new ArgumentException($"Beat {i} has index {_beats[i].Index}; beats must be indexed 0, 1, 2, … in order.", nameof(beats));
            }

            if (i > 0 && _beats[i].Time <= _beats[i - 1].Time)
            {
                throw new ArgumentException($"Beat {i} at {_beats[i].Time.TotalSeconds:0.###} s is not after beat {i - 1} at {_beats[i - 1].Time.TotalSeconds:0.###} s; beat times must increase.", nameof(beats));
            }
        }

        _downbeats = DownbeatsOf(_beats);
        BeatsPerBar = beatsPerBar;
        Duration = duration > TimeSpan.Zero || _beats.Length == 0 ? duration : _beats[^1].Time;
        Confidence = Math.Clamp(confidence, 0, 1);
        Onsets = onsets;
        Warnings = [.. warnings ?? []];
    }

    /// <summary>The downbeats among <paramref name="beats"/>, in order (a plain loop: LINQ over <see cref="Beat"/> is
    /// compiled at run time even in a ReadyToRun tool).</summary>
    private static ImmutableArray<Beat> DownbeatsOf(ImmutableArray<Beat> beats)
    {
        int count = 0;
        foreach (Beat beat in beats.AsSpan())
        {
            count += beat.IsDownbeat ? 1 : 0;
        }

        var builder = ImmutableArray.CreateBuilder<Beat>(count);
        foreach (Beat beat in beats.AsSpan())
        {
            if (beat.IsDownbeat)
            {
                builder.Add(beat);
            }
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Every beat, in time order.</summary>
    public IReadOnlyList<Beat> Beats => _beats;

    /// <summary>The first beat of every bar, in time order.</summary>
    public IReadOnlyList<Beat> Downbeats => _downbeats;

    /// <summary>The predominant meter: beats per bar (in 6/8 and 12/8 the beat is the dotted quarter: 2 and 4).</summary>
    public int BeatsPerBar { get; }

    /// <summary>The length of the song the grid covers.</summary>
    public TimeSpan Duration { get; }

    /// <summary>How sure the grid is, from 0 (no rhythm found: silence or noise) to 1.</summary>
    public double Confidence { get; }

    /// <summary>The onset-strength envelope, when the grid came from analysis.</summary>
    public OnsetEnvelope? Onsets { get; }

    /// <summary>Problems found while building the grid.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The tempo in beats per minute, from the median beat interval (0 with fewer than two beats).</summary>
    public double Tempo
    {
        get
        {
            if (_beats.Length < 2)
            {
                return 0;
            }

            double[] intervals = new double[_beats.Length - 1];
            for (int i = 1; i < _beats.Length; i++)
            {
                intervals[i - 1] = (_beats[i].Time - _beats[i - 1].Time).TotalSeconds;
            }

            Array.Sort(intervals);
            double median = intervals.Length % 2 == 1 ? intervals[intervals.Length / 2] : (intervals[(intervals.Length / 2) - 1] + intervals[intervals.Length / 2]) / 2;
            return 60 / median;
        }
    }

    /// <summary>The index of the last beat at or before <paramref name="time"/>, or -1 before the first beat.</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>A beat index or -1.</returns>
    public int BeatIndexAt(TimeSpan time)
    {
        int lo = 0, hi = _beats.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_beats[mid].Time <= time)
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

    /// <summary>The last beat at or before <paramref name="time"/>, or <see langword="null"/> before the first beat.</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>The beat, or null.</returns>
    public Beat? BeatAt(TimeSpan time)
    {
        int i = BeatIndexAt(time);
        return i < 0 ? null : _beats[i];
    }

    /// <summary>The bar at <paramref name="time"/> (-1 before the first downbeat).</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>The bar number.</returns>
    public int BarAt(TimeSpan time) => BeatAt(time)?.Bar ?? -1;

    /// <summary>
    /// The time of beat <paramref name="index"/>; beyond either end of the grid the time is extrapolated at the tempo of
    /// the nearest beats, so callers can plan past the last analysed beat.
    /// </summary>
    /// <param name="index">A beat index (may be negative or past the end).</param>
    /// <returns>The beat's time.</returns>
    /// <exception cref="InvalidOperationException">The grid has fewer than two beats and the index is not one of them.</exception>
    public TimeSpan TimeOfBeat(int index)
    {
        if (index >= 0 && index < _beats.Length)
        {
            return _beats[index].Time;
        }

        if (_beats.Length < 2)
        {
            throw new InvalidOperationException($"Beat {index} cannot be placed: the grid has {_beats.Length} beat(s), too few to extrapolate.");
        }

        if (index < 0)
        {
            TimeSpan period = _beats[1].Time - _beats[0].Time;
            return _beats[0].Time + (period * index);
        }

        TimeSpan last = _beats[^1].Time - _beats[^2].Time;
        return _beats[^1].Time + (last * (index - (_beats.Length - 1)));
    }

    /// <summary>The first downbeat at or after <paramref name="time"/>, or <see langword="null"/> when none follows.</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>The downbeat, or null.</returns>
    public Beat? NextDownbeat(TimeSpan time)
    {
        foreach (Beat b in _downbeats)
        {
            if (b.Time >= time)
            {
                return b;
            }
        }

        return null;
    }

    /// <summary>The beats in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <param name="from">The start of the range (inclusive).</param>
    /// <param name="to">The end of the range (exclusive).</param>
    /// <returns>The beats in time order.</returns>
    public IReadOnlyList<Beat> BeatsIn(TimeSpan from, TimeSpan to)
    {
        var result = new List<Beat>();
        int start = Math.Max(0, BeatIndexAt(from));
        for (int i = start; i < _beats.Length && _beats[i].Time < to; i++)
        {
            if (_beats[i].Time >= from)
            {
                result.Add(_beats[i]);
            }
        }

        return result;
    }

    /// <summary>The onset strength at a time (0 when the grid has no envelope).</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>The strength, about 0 to 1.</returns>
    public float OnsetStrengthAt(TimeSpan time) => Onsets?.StrengthAt(time) ?? 0;

    /// <summary>A grid from beat times, with bars of <paramref name="beatsPerBar"/> beats starting at beat <paramref name="firstDownbeat"/>.</summary>
    /// <param name="beatTimes">Beat times in increasing order.</param>
    /// <param name="beatsPerBar">Beats per bar.</param>
    /// <param name="firstDownbeat">The index of the first downbeat (beats before it belong to a partial bar -1).</param>
    /// <param name="duration">The song length, or <see langword="null"/> for the last beat's time.</param>
    /// <returns>The grid (confidence 1).</returns>
    public static BeatGrid FromBeatTimes(IEnumerable<TimeSpan> beatTimes, int beatsPerBar = 4, int firstDownbeat = 0, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(beatTimes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatsPerBar);
        ArgumentOutOfRangeException.ThrowIfNegative(firstDownbeat);
        var beats = new List<Beat>();
        int i = 0;
        foreach (TimeSpan t in beatTimes)
        {
            beats.Add(MakeBeat(i, t, beatsPerBar, firstDownbeat));
            i++;
        }

        return new BeatGrid(beats, beatsPerBar, duration ?? TimeSpan.Zero);
    }

    /// <summary>A steady grid: a fixed tempo from a first beat to the end of the song.</summary>
    /// <param name="beatsPerMinute">The tempo, greater than 0.</param>
    /// <param name="firstBeat">The time of the first beat (a downbeat).</param>
    /// <param name="beatsPerBar">Beats per bar.</param>
    /// <param name="duration">The song length; beats are placed up to it.</param>
    /// <returns>The grid (confidence 1).</returns>
    public static BeatGrid FromTempo(double beatsPerMinute, TimeSpan firstBeat, int beatsPerBar, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(beatsPerMinute, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBeat.Ticks, nameof(firstBeat));
        var times = new List<TimeSpan>();
        double period = 60.0 / beatsPerMinute;
        for (int n = 0; ; n++)
        {
            TimeSpan t = firstBeat + TimeSpan.FromSeconds(n * period);
            if (t >= duration)
            {
                break;
            }

            times.Add(t);
        }

        return FromBeatTimes(times, beatsPerBar, 0, duration);
    }

    internal static Beat MakeBeat(int index, TimeSpan time, int beatsPerBar, int firstDownbeat)
    {
        int offset = index - firstDownbeat;
        int bar = (int)Math.Floor((double)offset / beatsPerBar);
        int inBar = (((offset % beatsPerBar) + beatsPerBar) % beatsPerBar) + 1;
        return new Beat(index, time, bar, inBar);
    }
}
