namespace VideoKit.Rhythm.Analysis;

/// <summary>The analysis constants in one place (internal: the evaluation command varies them to measure robustness).</summary>
internal sealed record RhythmTuning
{
    public static RhythmTuning Default { get; } = new();

    public double FramesPerSecond { get; init; } = 100;

    public int FluxLag { get; init; } = 3;

    /// <summary>Frames each side of the moving mean subtracted from the flux.</summary>
    public int LocalMeanRadius { get; init; } = 20;

    public double TempoPriorBpm { get; init; } = 120;

    public double TempoPriorOctaves { get; init; } = 1.0;

    /// <summary>Centre the tracker's tempo prior on the fixed prior tempo instead of the comb's estimate.</summary>
    public bool TrackerFixedPrior { get; init; }

    public double SubdivisionWeight { get; init; }

    public double TrackerPriorOctaves { get; init; } = 0.5;

    public double TrackerPriorWeight { get; init; } = 1.0;

    public double TransitionLambda { get; init; } = 100;

    public double ObservationLambda { get; init; } = 16;

    /// <summary>The activation is the envelope divided by this quantile of it, clipped to 1.</summary>
    public double ActivationQuantile { get; init; } = 0.99;

    public double ActivationScale { get; init; } = 1.0;

    /// <summary>When positive, the activation is the envelope over <see cref="LocalNormFactor"/> × its moving mean over this many frames each side (adapts to loud and quiet passages).</summary>
    public int LocalNormRadius { get; init; }

    public double LocalNormFactor { get; init; } = 4;

    /// <summary>The activation is raised to this power, so weak onsets (ghost notes, hi-hats) count less as beat evidence.</summary>
    public double ActivationPower { get; init; } = 1.0;

    /// <summary>Weight of the low-band (bass, kick) flux added to the full-band flux.</summary>
    public double LowWeight { get; init; }

    /// <summary>Track several onset functions and keep the most agreed beat sequence.</summary>
    public bool Committee { get; init; }

    /// <summary>The bass weight of the committee's mixed onset function.</summary>
    public double CommitteeLowWeight { get; init; } = 1.0;

    /// <summary>Move beats that sit on swung off-beats onto the beats (see <see cref="BeatPhase"/>).</summary>
    public bool SwingCorrection { get; init; } = true;

    /// <summary>How strong, relative to the beats, the train a third of a beat later must be to count as the real beat.</summary>
    public double SwingMinRatio { get; init; } = 0.5;

    /// <summary>How many times stronger than anything in the second half of the beat that train must be.</summary>
    public double SwingDominance { get; init; } = 1.5;

    /// <summary>Move beats by half a beat when the off-beats carry more harmonic change (see <see cref="BeatPhase"/>).</summary>
    public bool HalfBeatCorrection { get; init; }

    /// <summary>Weight of the onset-strength ratio against the harmonic-change ratio in the half-beat check.</summary>
    public double HalfBeatOnsetWeight { get; init; } = 0.15;

    /// <summary>Move beats by half a beat when the off-beats carry both more harmonic change and a clearer bar pattern
    /// than the beats, and the kick does not outweigh them (see <see cref="PhaseEvidence"/>).</summary>
    public bool PhaseEvidenceCheck { get; init; } = true;

    /// <summary>The spread of the harmonic cue over songs: the cue is counted in units of it.</summary>
    public double PhaseHarmonyScale { get; init; } = 0.5;

    /// <summary>The spread of the bar-contrast cue over songs.</summary>
    public double PhaseBarScale { get; init; } = 0.5;

    /// <summary>The spread of the kick cue over songs.</summary>
    public double PhaseKickScale { get; init; } = 2.5;

    /// <summary>How much the cues together (each in units of its spread; harmony and bars both positive) must favour the off-beats.</summary>
    public double PhaseMargin { get; init; } = 0.6;

    /// <summary>The half-beat check acts only when the onsets are ambiguous: some register (kick, middle, top) is less than
    /// this many standard errors on the grid's beats (see <see cref="PhaseEvidence.OnsetsAmbiguous"/>); 2 ≈ a 5 % test.</summary>
    public double PhaseOnsetZ { get; init; } = 2;

    /// <summary>Below this many beats the phase margin grows by √(this / beats): the cues are means, noisier on short audio.</summary>
    public double PhaseReferenceBeats { get; init; } = 60;

    /// <summary>Recognise compound meters (see <see cref="CompoundMeter"/>): move the beat to the dotted quarter and allow 2 beats per bar.</summary>
    public bool CompoundCheck { get; init; } = true;

    /// <summary>Choose among the tracked tempo, half and double like listeners (see <see cref="MetricalLevel"/>).</summary>
    public bool LevelChoice { get; init; } = true;

    /// <summary>Histogram bins of the committee's information gain (measurement knob: the confidence's rank correlation
    /// with F is reported over 30–50 bins, not tuned to one).</summary>
    public int CommitteeHistogramBins { get; init; } = BeatCommittee.DefaultBins;

    /// <summary>Scale the grid confidence by how well the song's halves reproduce the grid (<see cref="Analysis.SelfConsistency"/>).</summary>
    public bool SelfConsistency { get; init; } = true;

    /// <summary>Scale the grid confidence by the probability of the chosen metrical level.</summary>
    public bool LevelConfidence { get; init; }

    public double LevelConfidencePower { get; init; } = 1;

    public double LevelPriorBpm { get; init; } = 120;

    public double LevelPriorOctaves { get; init; } = 0.7;

    public double LevelOnsetsPerBeat { get; init; } = 1.5;

    public double LevelDensityOctaves { get; init; } = 0.7;

    public double LevelSupportWeight { get; init; } = 1.0;

    /// <summary>Weight (nats per unit) of the backbeat alternation of each level candidate (see <see cref="Backbeat"/>); 0 = off.</summary>
    public double LevelBackbeatWeight { get; init; } = 0.5;

    public double LowCutHz { get; init; } = 250;

    public double BassWeight { get; init; }

    /// <summary>Weight of the kick-register (&lt; 120 Hz) onsets in the downbeat evidence.</summary>
    public double KickWeight { get; init; } = 0.5;

    /// <summary>Weight of the low-band (&lt; 150 Hz) level over the first quarter of each beat in the downbeat evidence.</summary>
    public double LowEnergyWeight { get; init; } = 1;

    public double ChangeWeight { get; init; } = 1;

    public double FluxWeight { get; init; }

    /// <summary>Weight of the bass-register spectral change (a new bass note) in the downbeat evidence.</summary>
    public double BassNoteWeight { get; init; } = 1;

    /// <summary>Weight of the bar-long chord (pitch-class) novelty in the downbeat evidence.</summary>
    public double ChordNoveltyWeight { get; init; } = 1;

    /// <summary>Meter contrast minus its expected value by chance (so 5 positions do not win by chance).</summary>
    public bool ChanceCorrectedMeter { get; init; } = true;

    public double FourPrior { get; init; } = 0.35;

    /// <summary>The bonus for 4 beats per bar over 2 when the beat is compound (12/8 against 6/8).</summary>
    public double CompoundFourPrior { get; init; } = 0.1;

    /// <summary>Below this comb strength the envelope has no usable periodicity (noise).</summary>
    public double MinimumPeriodicity { get; init; } = 0.15;

    /// <summary>Seconds added to every beat. The flux compares a 46 ms window with one 30 ms earlier, so it peaks
    /// 10–30 ms after a note starts; the beats move back by that detection latency.</summary>
    public double BeatOffsetSeconds { get; init; } = -0.02;
}
