using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class RhythmAnalyzerTests
{
    [Theory]
    [InlineData(60, 4, false)]
    [InlineData(90, 4, true)]
    [InlineData(128, 4, true)]
    [InlineData(160, 4, true)]
    [InlineData(60, 3, false)]
    [InlineData(90, 3, true)]
    [InlineData(140, 3, true)]
    public void Analyze_DrumTrack_RecoversTempoBeatsAndMeter(double bpm, int beatsPerBar, bool eighths)
    {
        (float[] samples, double[] beats, double[] downbeats) = SyntheticMusic.DrumTrack(bpm, beatsPerBar, 20, eighths: eighths);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Tempo.Bpm, bpm * 0.98, bpm * 1.02);
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.95, $"beats: {string.Join(' ', estimated.Take(12))}");
        Assert.Equal(beatsPerBar, result.BeatsPerBar);
        double[] estimatedDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats, 2), BeatEvaluation.Trim(estimatedDown, 2)) > 0.9, $"downbeats: {string.Join(' ', estimatedDown.Take(6))}");
        Assert.True(result.Confidence > 0.5, $"confidence {result.Confidence}");
        Assert.Empty(result.Grid.Warnings);
        Assert.Equal(result.Grid.Beats.Count, result.TempoCurve.Count);
        Assert.InRange(result.HalfTempo.Bpm, (bpm / 2) * 0.98, (bpm / 2) * 1.02);
    }

    [Theory]
    [InlineData(70)]
    [InlineData(110)]
    [InlineData(160)]
    [InlineData(200)]
    public void Analyze_SwungDrumTrack_KeepsTheNotatedBeat(double bpm)
    {
        // Swung eighths (the "and" two thirds of the way through the beat) from slow to fast: the swing is read at the
        // tactus only, so neither half nor double tempo wins.
        (float[] samples, double[] beats, _) = SyntheticMusic.DrumTrack(bpm, 4, 30, swing: 2.0 / 3);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Tempo.Bpm, bpm * 0.98, bpm * 1.02);
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.95, $"beats: {string.Join(' ', estimated.Take(12))}");
    }

    [Theory]
    [InlineData(60, 2)]
    [InlineData(80, 2)]
    [InlineData(100, 2)]
    [InlineData(80, 4)]
    public void Analyze_CompoundClicks_BeatIsTheDottedQuarter(double bpm, int beatsPerBar)
    {
        (float[] samples, double[] beats, _) = SyntheticMusic.CompoundClicks(bpm, beatsPerBar, 20);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        AssertCompound(result, bpm, beatsPerBar, beats);
    }

    [Theory]
    [InlineData(60, 2)]
    [InlineData(80, 2)]
    [InlineData(100, 2)]
    [InlineData(60, 4)]
    [InlineData(100, 4)]
    public void Analyze_CompoundDrumTrack_BeatIsTheDottedQuarter(double bpm, int beatsPerBar)
    {
        (float[] samples, double[] beats, _) = SyntheticMusic.DrumTrack(bpm, beatsPerBar, 20, subdivisions: 3);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        AssertCompound(result, bpm, beatsPerBar, beats);
    }

    [Theory]
    [InlineData(90)]
    [InlineData(120)]
    [InlineData(150)]
    public void Analyze_FiveFourDrumTrack_FindsFiveBeatsPerBar(double bpm)
    {
        (float[] samples, double[] beats, double[] downbeats) = SyntheticMusic.DrumTrack(bpm, 5, 20, eighths: false);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Tempo.Bpm, bpm * 0.96, bpm * 1.04);
        Assert.Equal(5, result.BeatsPerBar);
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.95, $"beats: {string.Join(' ', estimated.Take(12))}");
        double[] estimatedDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats, 2), BeatEvaluation.Trim(estimatedDown, 2)) > 0.9, $"downbeats: {string.Join(' ', estimatedDown.Take(6))}");
    }

    private static void AssertCompound(RhythmAnalysis result, double bpm, int beatsPerBar, double[] beats)
    {
        Assert.True(Math.Abs(result.Tempo.Bpm - bpm) <= bpm * 0.04, $"tempo {result.Tempo.Bpm:0.0}, meter {result.BeatsPerBar}");
        Assert.Equal(beatsPerBar, result.BeatsPerBar);
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.9, $"beats: {string.Join(' ', estimated.Take(12))}");
        Assert.InRange(result.Confidence, 0.5, 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Analyze_ChordsChangingOnBarLines_DownbeatsOnTheChordChanges(int pickup)
    {
        (float[] samples, double[] beats, double[] downbeats) = SyntheticMusic.ChordsOverClicks(110, 4, 20, pickup);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.95, $"beats: {string.Join(' ', estimated.Take(12))}");
        Assert.Equal(4, result.BeatsPerBar);
        double[] estimatedDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats, 2), BeatEvaluation.Trim(estimatedDown, 2)) > 0.9, $"downbeats: {string.Join(' ', estimatedDown.Take(6))} expected {string.Join(' ', downbeats.Take(6))}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(0.5)]
    public void Analyze_DrumTrackStartingOnItsFirstDownbeat_DownbeatsOnTheAccents(double firstBeat)
    {
        // The bar positions are counted over the tracked beats, and a song whose first downbeat sounds at (or within
        // 10 ms of) the start gets a grid that begins one beat later (at 0.5 s): the bars must still start on the
        // accents, not on the grid's first beat.
        (float[] samples, double[] beats, double[] downbeats) = SyntheticMusic.DrumTrack(120, 4, 20, firstBeat);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(beats, 2), BeatEvaluation.Trim(estimated, 2)) > 0.95, $"beats: {string.Join(' ', estimated.Take(12))}");
        Assert.Equal(4, result.BeatsPerBar);
        double[] estimatedDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
        Assert.True(BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats, 1), BeatEvaluation.Trim(estimatedDown, 1)) > 0.95, $"downbeats: {string.Join(' ', estimatedDown.Take(6))} expected {string.Join(' ', downbeats.Take(6))}; beats {string.Join(' ', estimated.Take(6))}");
    }

    [Fact]
    public void Analyze_UnsteadyDrumTrack_LowerConfidenceThanSteadyOne()
    {
        (float[] steady, _, _) = SyntheticMusic.DrumTrack(120, 4, 20);
        (float[] unsteady, _, _) = SyntheticMusic.DrumTrack(120, 4, 20, jitter: 0.04);

        double steadyConfidence = RhythmAnalyzer.Analyze(steady, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken).Confidence;
        double unsteadyConfidence = RhythmAnalyzer.Analyze(unsteady, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken).Confidence;

        Assert.InRange(steadyConfidence, 0.5, 0.999);
        Assert.True(unsteadyConfidence < steadyConfidence - 0.05, $"steady {steadyConfidence:0.00}, unsteady {unsteadyConfidence:0.00}");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(128)]
    public void Analyze_ClearClickTrack_HighConfidenceWithoutWarning(double bpm)
    {
        (float[] samples, _, _) = SyntheticMusic.DrumTrack(bpm, 4, 20, eighths: false);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Confidence >= 0.8, $"confidence {result.Confidence:0.000}");
        Assert.Empty(result.Grid.Warnings);
        Assert.Null(result.Advice());
    }

    [Theory]
    [InlineData(120, 83)]
    [InlineData(128, 97)]
    public void Analyze_TwoUnrelatedPulses_LowConfidenceWithWarningAndAdvice(double clickBpm, double kickBpm)
    {
        float[] samples = SyntheticMusic.TwoPulses(20, clickBpm, kickBpm);
        (float[] clear, _, _) = SyntheticMusic.DrumTrack(120, 4, 20, eighths: false);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);
        double clearConfidence = RhythmAnalyzer.Analyze(clear, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken).Confidence;

        Assert.True(result.Confidence < RhythmAnalyzer.WeakConfidence, $"confidence {result.Confidence:0.000} (click track {clearConfidence:0.000})");
        Assert.True(result.Confidence < clearConfidence - 0.1, $"confidence {result.Confidence:0.000}, click track {clearConfidence:0.000}");
        Assert.Contains(result.Grid.Warnings, w => w.Contains("uncertain", StringComparison.Ordinal));
        Assert.NotNull(result.Advice());
    }

    [Fact]
    public void Analyze_TempoJump_CurveFollowsBothTempi()
    {
        (float[] a, _, _) = SyntheticMusic.DrumTrack(100, 4, 12);
        (float[] b, _, _) = SyntheticMusic.DrumTrack(130, 4, 12, firstBeat: 0);
        float[] song = [.. a, .. b];

        RhythmAnalysis result = RhythmAnalyzer.Analyze(song, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        double early = result.TempoCurve.Where(p => p.Time.TotalSeconds is > 3 and < 10).Average(p => p.Bpm);
        double late = result.TempoCurve.Where(p => p.Time.TotalSeconds is > 15 and < 22).Average(p => p.Bpm);
        Assert.InRange(early, 96, 104);
        Assert.InRange(late, 125, 135);
        Assert.True(result.HasTempoChanges);
    }

    [Fact]
    public void Analyze_Silence_ConfidenceZeroWithWarningAndNoBeats()
    {
        float[] silence = new float[SyntheticMusic.SampleRate * 10];

        RhythmAnalysis result = RhythmAnalyzer.Analyze(silence, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Confidence);
        Assert.Empty(result.Grid.Beats);
        Assert.Contains(result.Grid.Warnings, w => w.Contains("silent", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_WhiteNoise_ConfidenceZeroWithWarningAndNoBeats()
    {
        float[] noise = SyntheticMusic.Noise(15);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(noise, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Confidence == 0, $"periodicity {result.Periodicity}");
        Assert.Empty(result.Grid.Beats);
        Assert.Contains(result.Grid.Warnings, w => w.Contains("No steady beat", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_TwoSeconds_ThrowsNamingTheLength()
    {
        float[] shortAudio = new float[SyntheticMusic.SampleRate * 2];

        var ex = Assert.Throws<ArgumentException>(() => RhythmAnalyzer.Analyze(shortAudio, SyntheticMusic.SampleRate));

        Assert.StartsWith("The audio is 2 s long; rhythm analysis needs at least 3 s.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_KnownMeter_IsUsed()
    {
        (float[] samples, _, _) = SyntheticMusic.DrumTrack(120, 4, 12);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, new RhythmAnalysisOptions { BeatsPerBar = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.BeatsPerBar);
    }

    // The meter's first downbeat is an index into the tracked beats; a tracked beat the latency offset moves before 0
    // is left out of the grid, and the bar lines must stay on the tracked beats they were chosen on.
    [Fact]
    public void GridBeats_FirstTrackedBeatDropped_BarLinesStayOnTheirTrackedBeats()
    {
        int[] frames = [0, 50, 100, 150, 200, 250, 300, 350, 400];
        var tracked = new VideoKit.Rhythm.Analysis.BeatTracker.Output(frames, [.. frames.Select(_ => 120.0)], 0);

        (List<Beat> beats, List<TempoPoint> curve) = RhythmAnalyzer.GridBeats(tracked, fps: 100, offsetSeconds: -0.1, TimeSpan.FromSeconds(10), beatsPerBar: 4, firstDownbeat: 0);

        Assert.Equal(8, beats.Count); // frame 0 falls at -0.1 s
        Assert.Equal(8, curve.Count);
        Assert.Equal(0.4, beats[0].Time.TotalSeconds, 6);
        Assert.Equal([1.9, 3.9], beats.Where(b => b.BeatInBar == 1).Select(b => Math.Round(b.Time.TotalSeconds, 6)));
        Assert.Equal([2, 3, 4, 1, 2, 3, 4, 1], beats.Select(b => b.BeatInBar));
        Assert.Equal(Enumerable.Range(0, 8), beats.Select(b => b.Index));
    }
}
