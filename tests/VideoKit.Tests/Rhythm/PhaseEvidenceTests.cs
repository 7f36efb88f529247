using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class PhaseEvidenceTests
{
    private static double BeatF(RhythmAnalysis result, double[] beats)
    {
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        return BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2));
    }

    private static double[] OffBeats(double[] beats) => [.. beats.Zip(beats.Skip(1), (a, b) => (a + b) / 2)];

    private static RhythmAnalysis Run(float[] samples, bool phaseEvidence) =>
        RhythmAnalyzer.Run(samples, SyntheticMusic.SampleRate, RhythmAnalysisOptions.Default, RhythmTuning.Default with { PhaseEvidenceCheck = phaseEvidence }, TestContext.Current.CancellationToken);

    /// <summary>The analysis finds the beats (F &gt; 0.9); the message also says what it finds without the phase check.</summary>
    private static void AssertBeatsFound(float[] samples, double[] beats)
    {
        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);
        RhythmAnalysis without = Run(samples, phaseEvidence: false);

        Assert.True(BeatF(result, beats) > 0.9, $"F {BeatF(result, beats):0.000}, without the check {BeatF(without, beats):0.000} (off-beats {BeatF(without, OffBeats(beats)):0.000})");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(120)]
    public void Analyze_LoudOffBeatsChordsChangingOnBarLines_BeatsOnTheChordChanges(double bpm)
    {
        // A drumless groove whose loudest onsets are off-beat hi-hats: only the harmony (a new chord and bass note on
        // every bar line) and the bar pattern say where the beats are.
        (float[] samples, double[] beats) = SyntheticMusic.OffBeatGroove(bpm, 24, beatClick: 0.25f, kick: 0, hat: 0.6f, stab: 0, pad: 0.05f);

        AssertBeatsFound(samples, beats);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(120)]
    public void Analyze_KickOnBeatsLouderStabsAndHatsOnOffBeats_BeatsOnTheKick(double bpm)
    {
        // A reggae-like skank: kick on every beat, louder chord stabs and hi-hats on the off-beats. The stabs bring the
        // new chord on the off-beat, but the kick (and the bass note) say where the beat is.
        (float[] samples, double[] beats) = SyntheticMusic.OffBeatGroove(bpm, 24, beatClick: 0, kick: 0.6f, hat: 0.3f, stab: 0.15f, pad: 0);

        AssertBeatsFound(samples, beats);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Measure_GridOnTheOffBeats_CuesFavourMovingIt(bool skank)
    {
        const double bpm = 120;
        (float[] samples, double[] beats) = skank
            ? SyntheticMusic.OffBeatGroove(bpm, 24, beatClick: 0, kick: 0.6f, hat: 0.3f, stab: 0.15f, pad: 0)
            : SyntheticMusic.OffBeatGroove(bpm, 24, beatClick: 0.25f, kick: 0, hat: 0.6f, stab: 0, pad: 0.05f);
        Spectrogram spectrogram = Spectrogram.Compute(samples, SyntheticMusic.SampleRate, 100, 1f, TestContext.Current.CancellationToken);
        OnsetFeatures onsets = OnsetFeatures.Compute(spectrogram, 3);
        float[] activation = new float[spectrogram.Frames];
        int[] onBeats = [.. beats.Select(t => (int)Math.Round(t * 100)).Where(f => f < spectrogram.Frames)];
        int[] offBeats = [.. OffBeats(beats).Select(t => (int)Math.Round(t * 100)).Where(f => f < spectrogram.Frames)];

        PhaseEvidence.Cues fromOffBeats = PhaseEvidence.Measure(spectrogram, onsets, activation, offBeats, RhythmTuning.Default);
        PhaseEvidence.Cues fromBeats = PhaseEvidence.Measure(spectrogram, onsets, activation, onBeats, RhythmTuning.Default);

        Assert.True(PhaseEvidence.FavoursOffBeats(fromOffBeats, RhythmTuning.Default), $"{fromOffBeats}");
        Assert.False(PhaseEvidence.FavoursOffBeats(fromBeats, RhythmTuning.Default), $"{fromBeats}");
        Assert.True(fromOffBeats.Harmony > 0 && fromOffBeats.Bar > 0, $"{fromOffBeats}");
        Assert.True(fromBeats.Harmony < 0 && fromBeats.Bar < 0, $"{fromBeats}");
        if (skank)
        {
            Assert.True(fromOffBeats.Kick > 0 && fromBeats.Kick < 0, $"{fromOffBeats} / {fromBeats}");
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(128)]
    public void Measure_OnsetsOnTheBeatsHarmonyOnTheOffBeats_KeepsThePhase(double bpm)
    {
        // Kick, click and hi-hat all on the beats; the chords change half a beat after each bar line. The onsets are
        // unambiguous in every register, so a harmonic lean towards the off-beats must not move the grid.
        (float[] samples, double[] beats) = SyntheticMusic.HarmonyOnOffBeats(bpm, 30);
        Spectrogram spectrogram = Spectrogram.Compute(samples, SyntheticMusic.SampleRate, 100, 1f, TestContext.Current.CancellationToken);
        OnsetFeatures onsets = OnsetFeatures.Compute(spectrogram, 3);
        float[] activation = new float[spectrogram.Frames];
        int[] onBeats = [.. beats.Select(t => (int)Math.Round(t * 100)).Where(f => f < spectrogram.Frames)];

        PhaseEvidence.Cues cues = PhaseEvidence.Measure(spectrogram, onsets, activation, onBeats, RhythmTuning.Default);

        Assert.True(PhaseEvidence.FavoursOffBeats(cues, RhythmTuning.Default with { PhaseOnsetZ = double.PositiveInfinity }), $"without the onset gate harmony and bars should favour the off-beats: {cues}");
        Assert.False(PhaseEvidence.OnsetsAmbiguous(cues, RhythmTuning.Default.PhaseOnsetZ), $"{cues}");
        Assert.False(PhaseEvidence.FavoursOffBeats(cues, RhythmTuning.Default), $"{cues}");
        AssertBeatsFound(samples, beats);
    }

    [Fact]
    public void OnsetsAmbiguous_UnlessEveryRegisterIsClearlyOnTheBeats()
    {
        // 64 beats: a register's effect size of −0.25 is 2 standard errors.
        Assert.False(PhaseEvidence.OnsetsAmbiguous(new PhaseEvidence.Cues(-1, -0.5, 0, 0, 0, 0, 0, 0, 64, MidOnset: -0.3, HighOnset: -0.4), 2));
        Assert.True(PhaseEvidence.OnsetsAmbiguous(new PhaseEvidence.Cues(-1, -0.5, 0, 0, 0, 0, 0, 0, 64, MidOnset: -0.3, HighOnset: +0.4), 2)); // hats on the off-beats
        Assert.True(PhaseEvidence.OnsetsAmbiguous(new PhaseEvidence.Cues(-1, -0.2, 0, 0, 0, 0, 0, 0, 64, MidOnset: -0.3, HighOnset: -0.4), 2));  // kick not clearly on the beats
        Assert.False(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-1, -0.5, 0, 1.5, 0, 1.5, 0, 1.5, 64, MidOnset: -0.3, HighOnset: -0.4), RhythmTuning.Default));
        Assert.True(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-1, -0.5, 0, 1.5, 0, 1.5, 0, 1.5, 64, MidOnset: -0.3, HighOnset: +0.4), RhythmTuning.Default));
    }

    [Fact]
    public void FavoursOffBeats_CuesMustAgree()
    {
        RhythmTuning tuning = RhythmTuning.Default;

        Assert.True(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-0.5, -0.5, -0.5, 0.4, 0, 0.4, 0.3, 0.7), tuning));
        Assert.False(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-0.5, -0.5, -0.5, -0.1, 0, 1.5, 0.3, 1.8), tuning)); // harmony disagrees
        Assert.False(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-0.5, -0.5, -0.5, 1.5, 0, -0.1, 0.9, 0.8), tuning)); // bars disagree
        Assert.False(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-0.5, -0.5, -0.5, 0.1, 0, 0.1, 0.5, 0.6), tuning));  // too little
        Assert.False(PhaseEvidence.FavoursOffBeats(new PhaseEvidence.Cues(-0.5, -2.5, -0.5, 0.3, 0, 0.3, 0.5, 0.8), tuning));  // the kick outweighs them
        Assert.False(PhaseEvidence.FavoursOffBeats(PhaseEvidence.Cues.None, tuning));
    }
}
