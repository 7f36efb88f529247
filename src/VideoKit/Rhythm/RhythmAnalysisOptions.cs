namespace VideoKit.Rhythm;

/// <summary>Settings for <see cref="RhythmAnalyzer"/>. The defaults suit most music; all properties are optional.</summary>
public sealed class RhythmAnalysisOptions
{
    /// <summary>The defaults.</summary>
    public static RhythmAnalysisOptions Default { get; } = new();

    /// <summary>The slowest tempo considered, in beats per minute (default 50).</summary>
    public double MinBpm { get; init; } = 50;

    /// <summary>The fastest tempo considered, in beats per minute (default 220).</summary>
    public double MaxBpm { get; init; } = 220;

    /// <summary>
    /// The beats per bar when known (2 to 12; for 6/8 say 2 and for 12/8 say 4, the beat being the dotted quarter), or
    /// <see langword="null"/> to detect 3, 4 or 5.
    /// </summary>
    public int? BeatsPerBar { get; init; }

    /// <summary>
    /// A tempo the analysis should prefer when the music is ambiguous between metrical levels (for example 70 vs 140),
    /// or <see langword="null"/> for the built-in preference around 120 BPM.
    /// </summary>
    public double? PreferredBpm { get; init; }

    /// <summary>The rate audio files are decoded at for analysis (22 050 or 44 100; default 22 050, which is faster).</summary>
    public int SampleRate { get; init; } = 22_050;

    /// <summary>Checks the values, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        problems.AtLeast(MinBpm, 20, nameof(MinBpm));
        problems.If(MaxBpm > 400, nameof(MaxBpm), $"must be at most 400 (is {MaxBpm})");
        problems.If(MaxBpm < MinBpm * 1.5, nameof(MaxBpm), $"must be at least 1.5 × MinBpm ({MinBpm * 1.5:0.#}) (is {MaxBpm})");
        problems.If(BeatsPerBar is { } m && (m < 2 || m > 12), nameof(BeatsPerBar), $"must be between 2 and 12 (is {BeatsPerBar})");
        problems.If(PreferredBpm is { } p && (p < MinBpm || p > MaxBpm), nameof(PreferredBpm), $"must lie between MinBpm ({MinBpm}) and MaxBpm ({MaxBpm}) (is {PreferredBpm})");
        problems.If(SampleRate is not (22_050 or 44_100), nameof(SampleRate), $"must be 22050 or 44100 (is {SampleRate})");
        problems.ThrowIfAny(nameof(RhythmAnalysisOptions));
    }
}
