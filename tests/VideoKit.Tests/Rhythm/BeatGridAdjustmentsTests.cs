using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatGridAdjustmentsTests
{
    private static BeatGrid Steady() => BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(20));

    [Theory]
    [InlineData("half", TempoLevel.HalfTime, null, 0.25)]
    [InlineData("Double", TempoLevel.DoubleTime, null, 0.25)]
    [InlineData("140", TempoLevel.Auto, 140.0, 0.25)]
    [InlineData("140±10%", TempoLevel.Auto, 140.0, 0.10)]
    [InlineData("96:0.3", TempoLevel.Auto, 96.0, 0.3)]
    public void ParseTempo_UsersSpellings_AreUnderstood(string text, TempoLevel level, double? bpm, double range)
    {
        BeatGridAdjustments say = BeatGridAdjustments.ParseTempo(text);

        Assert.Equal(level, say.Tempo);
        Assert.Equal(bpm, say.BpmHint);
        Assert.Equal(range, say.BpmHintRange, 6);
    }

    [Theory]
    [InlineData("fast", "not understood")]
    [InlineData("140±x", "not a range")]
    [InlineData("900", "outside 30–300 BPM")]
    public void ParseTempo_BadText_SaysWhatIsExpected(string text, string message)
    {
        Exception ex = Assert.ThrowsAny<Exception>(() => BeatGridAdjustments.ParseTempo(text));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_HalfOffsetAndShift_CorrectTheGrid()
    {
        BeatGrid grid = Steady();
        var say = new BeatGridAdjustments { Tempo = TempoLevel.HalfTime, BeatOffset = TimeSpan.FromMilliseconds(30), DownbeatShift = 1 };

        BeatGrid adjusted = say.Apply(grid);

        Assert.Equal(60, adjusted.Tempo, 1);
        Assert.Equal(0.53, adjusted.Beats[0].Time.TotalSeconds, 3);
        Assert.Equal(grid.Beats.Count / 2.0, adjusted.Beats.Count, 1.0);
        Assert.NotEqual(0, adjusted.Downbeats[0].Index);
    }

    [Fact]
    public void Apply_Double_AddsABeatBetweenBeats()
    {
        BeatGrid adjusted = new BeatGridAdjustments { Tempo = TempoLevel.DoubleTime }.Apply(Steady());

        Assert.Equal(240, adjusted.Tempo, 1);
        Assert.Equal(0.75, adjusted.Beats[1].Time.TotalSeconds, 3);
    }

    [Fact]
    public void FixedGrid_BpmAndFirstBeat_StartsThereAndRunsToTheEnd()
    {
        BeatGrid? grid = new BeatGridAdjustments { FixedBpm = 100, FirstBeat = TimeSpan.FromSeconds(0.25) }.FixedGrid(3, TimeSpan.FromSeconds(12));

        Assert.NotNull(grid);
        Assert.Equal(0.25, grid.Beats[0].Time.TotalSeconds, 6);
        Assert.Equal(0.85, grid.Beats[1].Time.TotalSeconds, 6);
        Assert.Equal(3, grid.BeatsPerBar);
        Assert.True(grid.Beats[^1].Time.TotalSeconds > 11.3);
        Assert.Null(BeatGridAdjustments.None.FixedGrid(4, TimeSpan.FromSeconds(12)));
    }

    [Fact]
    public void ToOptions_Hint_NarrowsTheTempoRangeAroundIt()
    {
        RhythmAnalysisOptions options = new BeatGridAdjustments { BpmHint = 90, BpmHintRange = 0.3 }.ToOptions(new RhythmAnalysisOptions { BeatsPerBar = 3 });

        options.Validate();
        Assert.Equal(90, options.PreferredBpm);
        Assert.Equal(90 / 1.3, options.MinBpm, 6);
        Assert.Equal(117, options.MaxBpm, 6);
        Assert.Equal(3, options.BeatsPerBar);
    }

    [Fact]
    public void Analyze_WithHintAtHalfTempo_TracksThatLevel()
    {
        (float[] samples, double[] beats, _) = SyntheticMusic.DrumTrack(150, 4, 16);
        RhythmAnalysisOptions options = BeatGridAdjustments.ParseTempo("75").ToOptions();

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, options, TestContext.Current.CancellationToken);

        Assert.InRange(result.Tempo.Bpm, 73, 77);
        double[] estimated = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        double[] everyOther = [.. beats.Where((_, i) => i % 2 == 0)];
        double[] offOther = [.. beats.Where((_, i) => i % 2 == 1)];
        double f = Math.Max(BeatEvaluation.FMeasure(BeatEvaluation.Trim(everyOther, 2), BeatEvaluation.Trim(estimated, 2)), BeatEvaluation.FMeasure(BeatEvaluation.Trim(offOther, 2), BeatEvaluation.Trim(estimated, 2)));
        Assert.True(f > 0.9, $"F {f}");
    }

    [Fact]
    public void Analyze_DrumTrack_ExposesRankedLevelsAndNoAdviceWhenConfident()
    {
        (float[] samples, _, _) = SyntheticMusic.DrumTrack(128, 4, 16);

        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Levels.Count >= 2);
        Assert.Equal(1, result.Levels[0].Factor);
        Assert.InRange(result.Levels[0].Bpm, 125, 131);
        Assert.Equal(1, result.Levels.Sum(l => l.Probability), 6);
        Assert.True(result.Levels[0].Probability >= result.Levels[1].Probability);
        Assert.Null(result.Advice());
    }

    [Fact]
    public void Advice_NoBeat_NamesTheFixedGridOptions()
    {
        RhythmAnalysis result = RhythmAnalyzer.Analyze(SyntheticMusic.Noise(10), SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("--bpm", result.Advice(), StringComparison.Ordinal);
    }

    [Fact]
    public void Advice_ForAProject_NamesTheProjectFieldsNotTheFlags()
    {
        RhythmAnalysis result = RhythmAnalyzer.Analyze(SyntheticMusic.Noise(10), SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);

        string? advice = result.Advice(RhythmAnalyzer.WeakConfidence, forProject: true);

        Assert.NotNull(advice);
        Assert.Contains("\"bpm\": N, \"firstBeat\": SECONDS", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("--", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void RhythmPlot_DrumTrack_DrawsDownbeatsBeatsAndEnvelope()
    {
        (float[] samples, _, _) = SyntheticMusic.DrumTrack(120, 4, 10);
        RhythmAnalysis result = RhythmAnalyzer.Analyze(samples, SyntheticMusic.SampleRate, cancellationToken: TestContext.Current.CancellationToken);
        string path = Path.Combine(Path.GetTempPath(), "videokit-plot-" + Guid.NewGuid().ToString("N")[..8] + ".png");
        try
        {
            RhythmPlot.Save(result.Grid, result.TempoCurve, path, secondsPerRow: 10, width: 1000);

            using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(path);
            Assert.Equal(1000, image.Width);
            int downX = (int)(result.Grid.Downbeats[0].Time.TotalSeconds * 100);
            int beatX = (int)(result.Grid.Beats[1].Time.TotalSeconds * 100);
            Assert.Equal(new SixLabors.ImageSharp.PixelFormats.Rgb24(220, 40, 40), image[downX, 30]);
            Assert.Equal(new SixLabors.ImageSharp.PixelFormats.Rgb24(30, 70, 220), image[beatX, 5]);
            int grey = 0;
            for (int x = 0; x < image.Width; x++)
            {
                grey += image[x, image.Height - 8].R == 110 ? 1 : 0;
            }

            Assert.True(grey > 20, $"{grey} envelope columns");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("plot.jpg", "'.jpg'")]
    [InlineData("plot", "no extension")]
    public void RhythmPlot_PathNotPng_RefusedNamingThePath(string name, string problem)
    {
        string path = Path.Combine(Path.GetTempPath(), "videokit-plot-" + Guid.NewGuid().ToString("N")[..8], name);
        var grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, TimeSpan.FromSeconds(4));

        var ex = Assert.Throws<ArgumentException>(() => RhythmPlot.Save(grid, [], path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
