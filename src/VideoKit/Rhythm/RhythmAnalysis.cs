namespace VideoKit.Rhythm;

/// <summary>The result of <see cref="RhythmAnalyzer"/>: the beat grid and what the analysis found on the way.</summary>
public sealed class RhythmAnalysis
{
    internal RhythmAnalysis(BeatGrid grid, TempoEstimate tempo, TempoEstimate halfTempo, TempoEstimate doubleTempo, IReadOnlyList<TempoPoint> tempoCurve, double meterConfidence)
    {
        Grid = grid;
        Tempo = tempo;
        HalfTempo = halfTempo;
        DoubleTempo = doubleTempo;
        TempoCurve = tempoCurve;
        MeterConfidence = meterConfidence;
    }

    /// <summary>The metrical levels considered (the tracked tempo, half and double), best first, with the probability
    /// the analysis gives each (a softmax of their scores: tempo preference, onsets per beat, onset support). Empty when
    /// no level choice was made (silence, noise, compound meter, a tempo hint).</summary>
    public IReadOnlyList<MetricalLevelScore> Levels { get; init; } = [];

    /// <summary>
    /// What a user could say to fix a weak grid, as a CLI option (<c>--tempo half</c>, <c>--tempo double</c>, or a tempo
    /// hint / fixed grid when no alternative level stands out), or <see langword="null"/> when the grid is confident.
    /// </summary>
    /// <param name="threshold">The confidence below which advice is given (default 0.7: below it, about one song in five, the grid is wrong far more often; see the Rhythm JOURNAL.md, "Confidence from committee agreement").</param>
    /// <returns>The advice, or <see langword="null"/>.</returns>
    public string? Advice(double threshold = RhythmAnalyzer.WeakConfidence) => Advice(threshold, forProject: false);

    /// <summary>The advice of <see cref="Advice(double)"/> worded for a project file (<c>edit.tempo: "half"</c>,
    /// <c>edit.bpm</c> + <c>edit.firstBeat</c>, ...) or for the CLI (<c>--tempo half</c>, ...).</summary>
    internal string? Advice(double threshold, bool forProject)
    {
        if (Confidence >= threshold && (Levels.Count < 2 || Levels[0].Probability >= 0.6))
        {
            return null;
        }

        string fixedGrid = forProject ? "\"edit\": { \"bpm\": N, \"firstBeat\": SECONDS }" : "--bpm N --first-beat SECONDS";
        if (Grid.Beats.Count == 0)
        {
            return "no beat was found: give a fixed grid with " + fixedGrid;
        }

        if (Levels.Count >= 2 && Levels[1].Probability >= 0.25)
        {
            string which = Levels[1].Factor < Levels[0].Factor ? "half" : "double";
            string say = forProject ? $"edit.tempo: \"{which}\"" : "--tempo " + which;
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the {which} tempo ({Levels[1].Bpm:0} BPM) is also plausible: if the beats feel {(which == "half" ? "too busy" : "too slow")}, try {say}");
        }

        string bpm = Tempo.Bpm.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        string hint = forProject ? $"edit.tempo: \"{bpm}±10%\"" : $"--tempo {bpm}±10%";
        string phase = forProject ? "edit.beatOffsetMs / edit.downbeatShift" : "--beat-offset-ms / --downbeat-shift";
        return $"if the grid does not fit, give a tempo hint ({hint}) or a fixed grid ({fixedGrid}), and {phase} for phase";
    }

    /// <summary>The tempo the autocorrelation comb chose before tracking (diagnostics).</summary>
    internal double CombTempo { get; init; }

    /// <summary>The comb strength of the chosen period (diagnostics; low for noise).</summary>
    internal double Periodicity { get; init; }

    /// <summary>Diagnostics: the evidence the confidence is made of (name, value), for the accuracy benchmark.</summary>
    internal IReadOnlyList<(string Name, double Value)> ConfidenceParts { get; init; } = [];

    /// <summary>Beats, downbeats, meter, onset envelope, confidence and warnings.</summary>
    public BeatGrid Grid { get; }

    /// <summary>The predominant tempo of the beats and how clearly the music shows it.</summary>
    public TempoEstimate Tempo { get; }

    /// <summary>Half the tempo, with the support the music gives that metrical level (an alternative if beats feel too busy).</summary>
    public TempoEstimate HalfTempo { get; }

    /// <summary>Twice the tempo, with the support the music gives that metrical level.</summary>
    public TempoEstimate DoubleTempo { get; }

    /// <summary>The local tempo at each beat (constant for steady songs; follows accelerandi, ritardandi and tempo jumps).</summary>
    public IReadOnlyList<TempoPoint> TempoCurve { get; }

    /// <summary>Beats per bar of the grid (3, 4, 5, …; the dotted-quarter count in 6/8 and 12/8).</summary>
    public int BeatsPerBar => Grid.BeatsPerBar;

    /// <summary>How sure the grid is, from 0 (no rhythm: silence or noise) to 1.</summary>
    public double Confidence => Grid.Confidence;

    /// <summary>How clearly the bar positions differ (0 = the downbeat is a guess).</summary>
    public double MeterConfidence { get; }

    /// <summary>True when the tempo curve varies by more than 8 % from the median tempo.</summary>
    public bool HasTempoChanges
    {
        get
        {
            if (TempoCurve.Count < 4)
            {
                return false;
            }

            double median = Tempo.Bpm;
            foreach (TempoPoint p in TempoCurve)
            {
                if (Math.Abs(p.Bpm / median - 1) > 0.08)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>One metrical level the analysis considered.</summary>
/// <param name="Factor">Relative to the tracked tempo: 1, 0.5 (half) or 2 (double).</param>
/// <param name="Bpm">The level's tempo.</param>
/// <param name="Probability">How likely the analysis thinks this level is the beat (the levels sum to 1).</param>
public sealed record MetricalLevelScore(double Factor, double Bpm, double Probability);
