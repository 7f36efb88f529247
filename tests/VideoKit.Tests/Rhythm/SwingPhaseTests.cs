using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

/// <summary>Grids on the swung eighth: a shuffle whose "and"s (⅔ of the beat) are louder than its beats.</summary>
public sealed class SwingPhaseTests
{
    /// <summary>F of the analysed beats against the points <paramref name="fraction"/> of the way through each true beat.</summary>
    private static double PhaseF(RhythmAnalysis result, double[] beats, double fraction)
    {
        double[] reference = [.. beats.Zip(beats.Skip(1), (a, b) => a + (fraction * (b - a)))];
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        return BeatEvaluation.FMeasure(BeatEvaluation.Trim(reference, 2), BeatEvaluation.Trim(estimated, 2));
    }

    private static RhythmAnalysis Run(float[] samples, bool swingEvidence) =>
        RhythmAnalyzer.Run(samples, SyntheticMusic.SampleRate, RhythmAnalysisOptions.Default, RhythmTuning.Default with { SwingEvidence = swingEvidence }, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(100, 0.25f, 0.3f)] // click and kick on the beats
    [InlineData(120, 0.25f, 0.3f)]
    [InlineData(130, 0.1f, 0.2f)]  // softer beats
    [InlineData(120, 0f, 0.3f)]    // only a kick on the beats
    [InlineData(100, 0.3f, 0f)]    // no kick at all: harmony and bars decide
    public void Analyze_ShuffleWithLouderSwungEighths_BeatsOnTheBeats(double bpm, float click, float kick)
    {
        // The tracker locks onto the loud "and"s (hi-hat and chord stab ⅔ through each beat); the onset profile shows
        // the swung pattern (a train a third of a beat after its beats, nothing in their second half), and the chord and
        // bass changes and the kick say the beats lie a third of a beat later.
        (float[] samples, double[] beats) = SyntheticMusic.ShuffleGroove(bpm, 30, click, kick, hat: 0.6f, stab: 0.2f);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);
        RhythmAnalysis without = Run(samples, swingEvidence: false);

        Assert.True(PhaseF(result, beats, 0) > 0.9, $"F {PhaseF(result, beats, 0):0.000}; without the swing evidence {PhaseF(without, beats, 0):0.000} (on the swung eighth {PhaseF(without, beats, 2.0 / 3):0.000})");
        Assert.True(PhaseF(without, beats, 2.0 / 3) > 0.9, $"without the swing evidence the grid should sit on the swung eighth: F {PhaseF(without, beats, 0):0.000}, on the swung eighth {PhaseF(without, beats, 2.0 / 3):0.000}");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(140)]
    public void Analyze_ShuffleWithStrongBeats_KeepsTheBeats(double bpm)
    {
        // The beats are the loudest onsets and the "and"s follow ⅔ through the beat: the profile has its off-beat train
        // in the second half, so no swung-eighth hypothesis is raised and nothing moves.
        (float[] samples, double[] beats) = SyntheticMusic.ShuffleGroove(bpm, 30, beatClick: 0.5f, kick: 0.8f, hat: 0.2f, stab: 0.05f);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(PhaseF(result, beats, 0) > 0.9, $"F {PhaseF(result, beats, 0):0.000}, on the swung eighth {PhaseF(result, beats, 2.0 / 3):0.000}");
    }

    [Fact]
    public void Analyze_StraightDrumTrack_UnchangedBySwingEvidence()
    {
        (float[] samples, double[] beats, _) = SyntheticMusic.DrumTrack(120, 4, 30);

        RhythmAnalysis with = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);
        RhythmAnalysis without = Run(samples, swingEvidence: false);

        Assert.True(PhaseF(with, beats, 0) > 0.9, $"F {PhaseF(with, beats, 0):0.000}");
        Assert.Equal(without.Grid.Beats.Select(b => b.Time), with.Grid.Beats.Select(b => b.Time));
    }

    [Theory]
    [InlineData(1.0, 0.6, 1.0 / 3, true)]   // tracked on the swung "and": the beat follows a third later, nothing after it
    [InlineData(0.6, 1.0, 1.0 / 3, true)]   // the same with the beat louder than the "and" (the swing check's case)
    [InlineData(1.0, 0.6, 2.0 / 3, false)]  // tracked on the beat of a shuffle: the "and" lies in the second half
    [InlineData(1.0, 0.6, 0.5, false)]      // straight eighths
    public void SwungPattern_NamesTheThirdOnlyForTheSwungLock(double atGrid, double between, double phase, bool expected)
    {
        Span<double> profile = stackalloc double[BeatPhase.Bins];
        profile.Fill(0.05);
        profile[0] = atGrid;
        profile[(int)Math.Round(phase * BeatPhase.Bins)] = between;

        double third = BeatPhase.SwungPattern(profile, 1.5);

        if (expected)
        {
            Assert.InRange(third, 0.29, 0.42);
        }
        else
        {
            Assert.Equal(0, third);
        }
    }
}
