using System.Globalization;
using System.Text.Json;
using VideoKit.Media;
using VideoKit.Rhythm;

namespace VideoKit.IntegrationTests.Rhythm;

[Trait("Category", "FFmpeg")]
public sealed class RhythmFileTests
{
    /// <summary>A 12 s click track at 100 BPM (lavfi: a 1 kHz blip every 0.6 s) as FLAC.</summary>
    private static string ClickTrack(string name, double seconds = 12)
    {
        return TestMedia.CreateOnce(name, path =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture,
                $"aevalsrc='0.8*sin(2*PI*1000*t)*exp(-40*mod(t-0.2,0.6))*gte(t,0.2)':s=44100:d={seconds}"), path));
    }

    [Fact]
    public async Task AnalyzeAsync_ClickTrack_FindsTempoAndBeats()
    {
        string song = ClickTrack("clicks-100.flac");

        RhythmAnalysis result = await RhythmAnalyzer.AnalyzeAsync(song, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(result.Tempo.Bpm, 98, 102);
        Assert.InRange(result.Grid.Beats.Count, 18, 21);
        Assert.All(result.Grid.Beats, b => Assert.InRange(Math.Abs(Math.IEEERemainder(b.Time.TotalSeconds - 0.2, 0.6)), 0, 0.03));
        Assert.NotNull(result.Grid.Onsets);
    }

    [Fact]
    public async Task Analyze_ClickTrack_SameAnalysisAsAnalyzeAsync()
    {
        string song = ClickTrack("clicks-100.flac");
        var options = new RhythmAnalysisOptions();

        RhythmAnalysis viaAsync = await RhythmAnalyzer.AnalyzeAsync(song, options, cancellationToken: TestContext.Current.CancellationToken);
        RhythmAnalysis viaSync = RhythmAnalyzer.Analyze(song, options, null, TestContext.Current.CancellationToken);

        Assert.Equal(viaAsync.Tempo, viaSync.Tempo);
        Assert.Equal(viaAsync.Confidence, viaSync.Confidence);
        Assert.Equal(viaAsync.Grid.Beats, viaSync.Grid.Beats);
        Assert.Equal(viaAsync.Grid.Downbeats, viaSync.Grid.Downbeats);
        Assert.Equal(viaAsync.TempoCurve, viaSync.TempoCurve);
        Assert.Equal(viaAsync.ConfidenceParts, viaSync.ConfidenceParts);
    }

    [Fact]
    public async Task Analyze_NotMedia_ThrowsTheMessageOfAnalyzeAsync()
    {
        string path = Path.Combine(TestMedia.NewFolder("rhythm-bad-sync"), "song.mp3");
        await File.WriteAllTextAsync(path, "this is not audio", TestContext.Current.CancellationToken);

        var viaAsync = await Assert.ThrowsAsync<UnsupportedMediaException>(() => RhythmAnalyzer.AnalyzeAsync(path, cancellationToken: TestContext.Current.CancellationToken));
        var viaSync = Assert.Throws<UnsupportedMediaException>(() => RhythmAnalyzer.Analyze(path, null, null, TestContext.Current.CancellationToken));

        Assert.Equal(viaAsync.Message, viaSync.Message);
    }

    [Fact]
    public void Analyze_CancelledToken_StopsFFmpegAndThrows()
    {
        string song = ClickTrack("clicks-100.flac");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RhythmAnalyzer.Analyze(song, null, null, cancelled.Token));
    }

    [Fact]
    public async Task AnalyzeAsync_TwoSecondTone_ThrowsNamingTheFile()
    {
        string song = TestMedia.Tone("rhythm-short.wav", 2);

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => RhythmAnalyzer.AnalyzeAsync(song, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"'{song}' is 2 s long; rhythm analysis needs at least 3 s of audio.", ex.Message);
    }

    [Fact]
    public async Task AnalyzeAsync_NotMedia_ThrowsNamingTheFile()
    {
        string path = Path.Combine(TestMedia.NewFolder("rhythm-bad"), "song.mp3");
        await File.WriteAllTextAsync(path, "this is not audio", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => RhythmAnalyzer.AnalyzeAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"'{path}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_SilentFile_ConfidenceZeroWithWarning()
    {
        string path = TestMedia.CreateOnce("rhythm-silence.flac", file =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "6", file));

        RhythmAnalysis result = await RhythmAnalyzer.AnalyzeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, result.Confidence);
        Assert.Empty(result.Grid.Beats);
        Assert.NotEmpty(result.Grid.Warnings);
    }

    [Fact]
    public async Task Cli_AnalyzeTwoSongs_WritesBeatsDownbeatsAndJson()
    {
        string first = ClickTrack("cli-clicks-a.flac");
        string second = Path.Combine(BeatData.Folder, "pb_greensleeves.flac");
        string outDir = TestMedia.NewFolder("cli-analyze");
        string json = Path.Combine(outDir, "result.json");

        Cli.Result result = await Cli.RunAsync("analyze", first, second, "--out-dir", outDir, "--json", json);

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("tempo 100.", lines[0], StringComparison.Ordinal);
        Assert.Contains("meter 3", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"\d+ beats", lines[1]);
        string[] beats = await File.ReadAllLinesAsync(Path.Combine(outDir, "pb_greensleeves.beats"), TestContext.Current.CancellationToken);
        Assert.InRange(beats.Length, 50, 65);
        Assert.All(beats, l => Assert.Matches(@"^\d+\.\d{3,}$", l));
        Assert.True(File.Exists(Path.Combine(outDir, "cli-clicks-a.downbeats")));
        using JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Equal(beats.Length, doc.RootElement[1].GetProperty("beats").GetArrayLength());
        Assert.InRange(doc.RootElement[0].GetProperty("tempo").GetDouble(), 98, 102);
    }

    [Fact]
    public async Task Cli_AnalyzeMissingFile_OneLineErrorNamingIt()
    {
        Cli.Result result = await Cli.RunAsync("analyze", "/no/such/song.flac");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/song.flac", result.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("videokit: error:", result.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AnalyzeUnreadableMidi_OneLineErrorNamingIt()
    {
        string folder = TestMedia.NewFolder("cli-analyze-midi");
        string midi = Path.Combine(folder, "not-midi.mid");
        await File.WriteAllTextAsync(midi, "this is not a MIDI file", TestContext.Current.CancellationToken);

        Cli.Result result = await Cli.RunAsync("analyze", "--midi", midi);

        Assert.Equal(1, result.ExitCode);
        string error = result.StandardError.Trim();
        Assert.StartsWith($"videokit: error: '{midi}' is not a readable MIDI file", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);   // one line: no "Unhandled exception" and stack trace
    }

    [Fact]
    public async Task Cli_AnalyzeOneBadInputAmongGoodOnes_ReportsItAndAnalysesTheRest()
    {
        string good = ClickTrack("cli-clicks-b.flac");
        string folder = TestMedia.NewFolder("cli-analyze-mixed");
        string json = Path.Combine(folder, "result.json");
        string missing = Path.Combine(folder, "missing.flac");

        Cli.Result result = await Cli.RunAsync("analyze", missing, good, "--json", json);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(missing, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("tempo 100.", result.StandardOutput, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(1, doc.RootElement.GetArrayLength());
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
