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

    /// <summary>The tempo the autocorrelation comb chose before tracking (diagnostics).</summary>
    internal double CombTempo { get; init; }

    /// <summary>The comb strength of the chosen period (diagnostics; low for noise).</summary>
    internal double Periodicity { get; init; }

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
