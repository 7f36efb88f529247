using VideoKit.Editing;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.Editing;

/// <summary>Project files whose edit needs the song probed: beat files, downbeats and planner warnings.</summary>
[Trait("Category", "FFmpeg")]
public sealed class EditProjectFileTests
{
    private static string Folder(string name, bool downbeats)
    {
        string folder = TestMedia.NewFolder(name);
        File.Copy(EditingMedia.Clip(0, 320, 180, 30, 3), Path.Combine(folder, "a.mp4"));
        File.Copy(EditingMedia.Clip(1, 320, 180, 30, 3), Path.Combine(folder, "b.mp4"));
        File.Copy(BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        string beats = Path.Combine(TestMedia.DataFolder, "beats", "simu_techno_movement");
        File.Copy(beats + ".beats", Path.Combine(folder, "song.beats"));
        if (downbeats)
        {
            File.Copy(beats + ".downbeats", Path.Combine(folder, "song.downbeats"));
        }

        return folder;
    }

    private static Task<ProjectFile> LoadAsync(string folder, string json)
    {
        string path = Path.Combine(folder, "project.json");
        File.WriteAllText(path, json);
        return ProjectFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LoadAsync_BeatsFileWithDownbeatsFile_CutsEveryBarOnTheAnnotatedDownbeats()
    {
        string folder = Folder("edit-downbeats", downbeats: true);

        ProjectFile file = await LoadAsync(folder, """
            { "song": "song.flac", "duration": 12, "output": { "width": 320, "height": 180, "fps": 30 },
              "edit": { "cutEvery": { "bars": 1 }, "beatGrid": "song.beats" }, "clips": ["a.mp4", "b.mp4"] }
            """);

        IReadOnlyList<TimeSpan> annotated = BeatFiles.Times("simu_techno_movement", ".downbeats");
        EditPlan plan = file.EditPlan!;
        Assert.Equal(annotated.Where(t => t > TimeSpan.FromSeconds(0.2) && t < TimeSpan.FromSeconds(11.8)).Select(t => plan.FrameRate.NearestFrameAt(t)), plan.Cuts.Select(c => c.Frame));
        Assert.All(plan.Cuts, c => Assert.True(c.IsDownbeat));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public async Task LoadAsync_BeatsFileWithoutDownbeatsAndBeatsPerBar_CountsBarsOfThatMeterFromTheFirstBeat()
    {
        string folder = Folder("edit-beats-per-bar", downbeats: false);

        ProjectFile file = await LoadAsync(folder, """
            { "song": "song.flac", "duration": 8, "edit": { "cutEvery": { "bars": 1 }, "beatGrid": "song.beats", "beatsPerBar": 3 }, "clips": ["a.mp4", "b.mp4"] }
            """);

        Assert.Equal([0, 3, 6, 9, 12, 15], file.EditPlan!.Cuts.Select(c => c.BeatIndex));
    }

    [Fact]
    public async Task LoadAsync_CutAtBeyondTheGridAndTheVideo_WarnsAtEachElement()
    {
        string folder = Folder("edit-cutat-warnings", downbeats: false);

        ProjectFile file = await LoadAsync(folder, """
            { "song": "song.flac", "duration": 6, "edit": { "cutAt": [2, 5, 9, 400, 30], "beatGrid": "song.beats" }, "clips": ["a.mp4", "b.mp4"] }
            """);

        Assert.Equal([2, 5, 9], file.EditPlan!.Cuts.Select(c => c.BeatIndex));
        Assert.Equal(
            ["edit.cutAt[3]: beat 400 is past the last beat (65); no cut there", "edit.cutAt[4]: beat 30 at 13.809 s is at or after the video's end (6 s); no cut there"],
            file.EditPlan.Warnings);
    }

    [Fact]
    public async Task LoadAsync_EmptyBeatsFile_IsAProblemAtBeatGrid()
    {
        string folder = Folder("edit-empty-beats", downbeats: false);
        File.WriteAllText(Path.Combine(folder, "song.beats"), "# no beats\n");

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(folder, """
            { "song": "song.flac", "duration": 6, "edit": { "beatGrid": "song.beats" }, "clips": ["a.mp4"] }
            """));

        Assert.Equal(["edit.beatGrid: 'song.beats' has no beats; give one beat time in seconds per line, or leave \"beatGrid\" out to analyse the song"], ex.Errors);
    }

    [Fact]
    public async Task Render_BeatsFileWithOnsetDensityAndFlash_PrintsAWarningForEachOnStderr()
    {
        string folder = Folder("edit-onset-warnings", downbeats: false);
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            { "song": "song.flac", "duration": 3, "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" },
              "edit": { "cutEvery": { "beats": 2 }, "beatGrid": "song.beats", "density": "onsets", "onsetEffect": "flash" }, "clips": ["a.mp4", "b.mp4"] }
            """);

        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", Path.Combine(folder, "out.mp4"));

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("videokit: warning: edit.density: \"onsets\" needs the song's onset strength; a beats file has none, so cuts follow edit.cutEvery", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("videokit: warning: edit.onsetEffect: \"flash\" needs the song's onset strength; a beats file has none, so no effects are added", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("videokit: warning", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_BeatOffsetAndDownbeatShiftOnABeatsFile_MoveTheBeatsAndTheBarLines()
    {
        string folder = Folder("edit-beat-offset", downbeats: false);

        ProjectFile file = await LoadAsync(folder, """
            { "song": "song.flac", "duration": 8,
              "edit": { "cutEvery": { "bars": 1 }, "beatGrid": "song.beats", "beatsPerBar": 3, "beatOffsetMs": 100, "downbeatShift": 1 }, "clips": ["a.mp4", "b.mp4"] }
            """);

        IReadOnlyList<TimeSpan> beats = BeatFiles.Times("simu_techno_movement", ".beats");
        EditPlan plan = file.EditPlan!;
        Assert.Equal([1, 4, 7, 10, 13], plan.Cuts.Select(c => c.BeatIndex).Take(5));
        Assert.All(plan.Cuts, c => Assert.Equal(plan.FrameRate.NearestFrameAt(beats[c.BeatIndex] + TimeSpan.FromMilliseconds(100)), c.Frame));
    }

    [Fact]
    public async Task Render_FixedGridFromBpmAndFirstBeat_CutsLandOnThatGrid()
    {
        string folder = Folder("edit-fixed-grid", downbeats: false);
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            { "song": "song.flac", "duration": 3, "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" },
              "edit": { "cutEvery": { "beats": 2 }, "bpm": 100, "firstBeat": 0.3 }, "clips": ["a.mp4", "b.mp4"] }
            """);
        ProjectFile file = await ProjectFile.LoadAsync(Path.Combine(folder, "project.json"), cancellationToken: TestContext.Current.CancellationToken);
        EditPlan plan = file.EditPlan!;
        // 100 BPM from 0.3 s: beats every 0.6 s; every two beats is a cut every 1.2 s from the first beat.
        Assert.Equal([0, 2, 4], plan.Cuts.Select(c => c.BeatIndex));
        Assert.All(plan.Cuts, c => Assert.Equal(plan.FrameRate.NearestFrameAt(TimeSpan.FromSeconds(0.3 + (0.6 * c.BeatIndex))), c.Frame));

        string output = Path.Combine(folder, "out.mp4");
        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", output);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotContain("beat grid is uncertain", result.StandardError, StringComparison.Ordinal);
        // The rendered video changes picture where the plan cuts: FFmpeg's scene score finds the cuts at 0.3, 1.5 and 2.7 s.
        string log = Path.Combine(folder, "scenes.txt");
        TestMedia.FFmpeg("-i", output, "-vf", $"select='gt(scene,0.3)',metadata=print:file='{log}'", "-f", "null", "-");
        double[] cuts = [.. File.ReadAllLines(log).Where(l => l.StartsWith("frame:", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.IndexOf("pts_time:", StringComparison.Ordinal) + "pts_time:".Length)..].Trim(), System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(3, cuts.Length);
        Assert.Equal(0.3, cuts[0], 0.04);
        Assert.Equal(1.5, cuts[1], 0.04);
        Assert.Equal(2.7, cuts[2], 0.04);
    }

    [Fact]
    public async Task Render_SongWithoutABeat_WarnsNamingTheProjectFieldsThatGiveAFixedGrid()
    {
        string folder = Folder("edit-uncertain-grid", downbeats: false);
        File.Delete(Path.Combine(folder, "song.flac"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "anoisesrc=d=10:c=white:a=0.3:r=22050", Path.Combine(folder, "song.flac"));
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            { "song": "song.flac", "duration": 2, "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" }, "clips": ["a.mp4", "b.mp4"] }
            """);

        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", Path.Combine(folder, "out.mp4"));

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("videokit: warning: song: the beat grid is uncertain; no beat was found: give a fixed grid with \"edit\": { \"bpm\": N, \"firstBeat\": SECONDS }", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("--bpm", result.StandardError, StringComparison.Ordinal);
    }
}
