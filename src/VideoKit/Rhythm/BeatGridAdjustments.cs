using System.Globalization;

namespace VideoKit.Rhythm;

/// <summary>Which metrical level the user wants relative to the analysis.</summary>
public enum TempoLevel
{
    /// <summary>The analysis decides.</summary>
    Auto,

    /// <summary>Half the analysed tempo (every other beat; downbeats kept).</summary>
    HalfTime,

    /// <summary>Twice the analysed tempo (a beat between every two beats).</summary>
    DoubleTime,
}

/// <summary>
/// The user's say over a beat grid: a metrical level or a tempo hint for the analysis, a fixed grid from a BPM and a
/// first beat, a beat offset and a downbeat shift. <see cref="ToOptions"/> turns the hint into analysis settings,
/// <see cref="Apply"/> corrects a grid, <see cref="FixedGrid"/> builds the fixed grid.
/// </summary>
public sealed record BeatGridAdjustments
{
    /// <summary>Nothing to adjust.</summary>
    public static BeatGridAdjustments None { get; } = new();

    /// <summary>Half or double the analysed tempo (default: the analysis decides).</summary>
    public TempoLevel Tempo { get; init; }

    /// <summary>A tempo the analysis should look for, or <see langword="null"/>.</summary>
    public double? BpmHint { get; init; }

    /// <summary>How far from <see cref="BpmHint"/> the tempo may be, as a fraction (default 0.25 = ±25 %, at least 0.23).</summary>
    public double BpmHintRange { get; init; } = 0.25;

    /// <summary>A fixed tempo: the grid is <see cref="FixedBpm"/> from <see cref="FirstBeat"/> on, no analysis.</summary>
    public double? FixedBpm { get; init; }

    /// <summary>The first beat of a fixed grid (default 0).</summary>
    public TimeSpan FirstBeat { get; init; }

    /// <summary>Moves every beat by this much (positive = later).</summary>
    public TimeSpan BeatOffset { get; init; }

    /// <summary>Moves the bar lines by this many beats (positive = later).</summary>
    public int DownbeatShift { get; init; }

    /// <summary>True when nothing is to be adjusted.</summary>
    public bool IsEmpty => this == None;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (BpmHint is { } hint && !(hint >= 30 && hint <= 300))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The tempo hint {hint} BPM is outside 30–300 BPM."), nameof(BpmHint));
        }

        if (!(BpmHintRange > 0 && BpmHintRange <= 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The tempo hint range {BpmHintRange} must be a fraction in (0, 1], e.g. 0.25 for ±25 %."), nameof(BpmHintRange));
        }

        if (FixedBpm is { } bpm && !(bpm >= 20 && bpm <= 400))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The fixed tempo {bpm} BPM is outside 20–400 BPM."), nameof(FixedBpm));
        }

        if (FirstBeat < TimeSpan.Zero)
        {
            throw new ArgumentException($"The first beat ({FirstBeat.TotalSeconds} s) must not be negative.", nameof(FirstBeat));
        }

        if (BpmHint is not null && Tempo != TempoLevel.Auto)
        {
            throw new ArgumentException("Give either a tempo hint in BPM or half/double, not both.", nameof(Tempo));
        }
    }

    /// <summary>The analysis settings that carry the tempo hint (the others unchanged).</summary>
    /// <param name="options">The settings to start from, or <see langword="null"/> for the defaults.</param>
    /// <returns>The settings.</returns>
    public RhythmAnalysisOptions ToOptions(RhythmAnalysisOptions? options = null)
    {
        options ??= RhythmAnalysisOptions.Default;
        if (BpmHint is not { } hint)
        {
            return options;
        }

        double range = Math.Max(0.23, BpmHintRange);
        return new RhythmAnalysisOptions
        {
            BeatsPerBar = options.BeatsPerBar,
            SampleRate = options.SampleRate,
            MinBpm = Math.Max(20, hint / (1 + range)),
            MaxBpm = Math.Min(400, hint * (1 + range)),
            PreferredBpm = hint,
        };
    }

    /// <summary>The fixed grid when <see cref="FixedBpm"/> is set, otherwise <see langword="null"/>.</summary>
    /// <param name="beatsPerBar">Beats per bar.</param>
    /// <param name="duration">The song's length.</param>
    /// <returns>The grid with the offset and downbeat shift applied, or <see langword="null"/>.</returns>
    public BeatGrid? FixedGrid(int beatsPerBar, TimeSpan duration) =>
        FixedBpm is { } bpm ? Adjust(BeatGrid.FromTempo(bpm, FirstBeat, beatsPerBar, duration), TempoLevel.Auto) : null;

    /// <summary>Applies the metrical level, offset and downbeat shift to a grid.</summary>
    /// <param name="grid">The grid, usually from analysis.</param>
    /// <returns>The corrected grid (the same grid when there is nothing to do).</returns>
    public BeatGrid Apply(BeatGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return Adjust(grid, Tempo);
    }

    private BeatGrid Adjust(BeatGrid grid, TempoLevel level)
    {
        if (grid.Beats.Count == 0)
        {
            return grid;
        }

        grid = level switch
        {
            TempoLevel.HalfTime => grid.HalveTempo(),
            TempoLevel.DoubleTime => grid.DoubleTempo(),
            _ => grid,
        };
        if (DownbeatShift != 0)
        {
            grid = grid.ShiftDownbeat(DownbeatShift);
        }

        return BeatOffset == TimeSpan.Zero ? grid : grid.Nudge(BeatOffset);
    }

    /// <summary>Parses a tempo setting as users write it: <c>half</c>, <c>double</c>, <c>auto</c>, <c>140</c> or <c>140±10%</c> / <c>140:0.1</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The adjustments with <see cref="Tempo"/> or <see cref="BpmHint"/> (and range) set.</returns>
    /// <exception cref="FormatException">The text is none of these; the message says what is expected.</exception>
    public static BeatGridAdjustments ParseTempo(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "half": return new BeatGridAdjustments { Tempo = TempoLevel.HalfTime };
            case "double": return new BeatGridAdjustments { Tempo = TempoLevel.DoubleTime };
            case "auto": return None;
        }

        string[] parts = t.Split(['±', ':'], 2);
        if (double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double bpm))
        {
            double range = 0.25;
            if (parts.Length == 2)
            {
                string r = parts[1].Trim();
                bool percent = r.EndsWith('%');
                if (!double.TryParse(percent ? r[..^1] : r, NumberStyles.Float, CultureInfo.InvariantCulture, out range))
                {
                    throw new FormatException($"Tempo '{text}': '{parts[1]}' is not a range (expected e.g. 140±10% or 140:0.1).");
                }

                range = percent ? range / 100 : range;
            }

            var result = new BeatGridAdjustments { BpmHint = bpm, BpmHintRange = range };
            result.Validate();
            return result;
        }

        throw new FormatException($"Tempo '{text}' is not understood: expected half, double, auto, a BPM such as 140, or a BPM with a range such as 140±10%.");
    }
}
