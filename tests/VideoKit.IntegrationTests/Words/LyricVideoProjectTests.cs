using VideoKit.Editing;
using VideoKit.IntegrationTests.Editing;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.Words;

/// <summary>A lyric video from a project file: a real song with annotated beats, one still per line, cuts snapped to beats.</summary>
[Trait("Category", "FFmpeg")]
public sealed class LyricVideoProjectTests
{
    private static string Folder(string name, string lrc)
    {
        string folder = TestMedia.NewFolder(name);
        File.Copy(BeatFiles.Song("fof_feelings"), Path.Combine(folder, "song.flac"));
        File.Copy(Path.Combine(TestMedia.DataFolder, "beats", "fof_feelings.beats"), Path.Combine(folder, "song.beats"));
        string[] colours = ["0xC03020", "0x2050D0", "0x30A040", "0xE0C020"];
        for (int i = 0; i < colours.Length; i++)
        {
            File.Copy(TestMedia.Solid($"lyric-{i}.png", 160, 90, colours[i]), Path.Combine(folder, $"line{i + 1}.png"));
        }

        File.WriteAllText(Path.Combine(folder, "song.lrc"), lrc);
        return folder;
    }

    [Fact]
    public async Task LyricEdit_OverASongWithKnownBeats_CutsWithinAFrameOfThePlanAndWithinToleranceOfEachLine()
    {
        // Beats at 0.5263 + k·0.6316 s. Line 2 is 0.12 s before a beat, line 3 is 0.22 s from the nearest (beyond the
        // 0.15 s tolerance: it stays on its line), line 4 is 0.05 s after a beat.
        TimeSpan tolerance = TimeSpan.FromSeconds(0.15);
        TimeSpan[] lines = [TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(2.3), TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(5.0)];
        string folder = Folder("lyric-edit", "[00:00.40]one\n[00:02.30]two\n[00:03.90]three\n[00:05.00]four\n");
        string project = Path.Combine(folder, "video.json");
        File.WriteAllText(project, """
            { "song": "song.flac", "duration": 6.5, "lyrics": "song.lrc",
              "output": { "width": 160, "height": 90, "fps": 30, "codec": "ffv1" },
              "edit": { "cutAt": "lyrics", "snap": "beat", "snapTolerance": 0.15, "beatGrid": "song.beats" },
              "clips": ["line1.png", "line2.png", "line3.png", "line4.png"] }
            """);
        ProjectFile file = await ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken);
        string output = Path.Combine(folder, "out.mkv");

        await file.RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        CutVerificationReport report = (await file.VerifyCutsAsync(output, TestContext.Current.CancellationToken))!;

        EditPlan plan = file.EditPlan!;
        Assert.Equal([1, 2, 3], plan.Cuts.Select(c => c.LineIndex));
        Assert.Equal([2.4211, 3.9, 4.9474], plan.Cuts.Select(c => Math.Round(c.BeatTime.TotalSeconds, 4)));
        foreach (PlannedCut cut in plan.Cuts)
        {
            Assert.True((cut.BeatTime - lines[cut.LineIndex]).Duration() <= tolerance, $"cut {cut.Index} moved its line by {(cut.BeatTime - lines[cut.LineIndex]).TotalSeconds:0.###} s");
        }

        Assert.Equal(3, report.Cuts.Length);
        Assert.All(report.Cuts, c => Assert.True(c.OffsetFrames is { } o && Math.Abs(o) <= 1, $"cut {c.CutIndex}: detected at {c.DetectedFrame}, planned {c.PlannedFrame}"));
        Assert.Empty(report.ExtraCuts);
    }

    [Fact]
    public async Task LoadAsync_LyricFileWithABadTimestamp_ReportsItsLineAtLyrics()
    {
        string folder = Folder("lyric-bad", "[00:00.40]one\n[00:0x.30]two\n");
        string project = Path.Combine(folder, "video.json");
        File.WriteAllText(project, """{ "song": "song.flac", "lyrics": "song.lrc", "edit": { "cutAt": "lyrics" }, "clips": ["line1.png", "line2.png"], "captions": { "from": "lyrics" } }""");

        TimelineValidationException ex = await Assert.ThrowsAsync<TimelineValidationException>(() => ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken));

        string problem = Assert.Single(ex.Errors);
        Assert.StartsWith("lyrics: '", problem, StringComparison.Ordinal);
        Assert.EndsWith("song.lrc' line 2: bad timestamp '[00:0x.30]'; use [mm:ss.xx] with seconds below 60", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CaptionsKaraokeTitlesAndNarration_BuildTheTextLayerAndTheMix()
    {
        string folder = Folder("lyric-full", "[00:00.40]<00:00.40>one <00:00.90>two\n[00:02.30]<00:02.30>three\n");
        File.Copy(TestMedia.Tone("lyric-voice.wav", 2, 1000), Path.Combine(folder, "voice.wav"));
        string project = Path.Combine(folder, "video.json");
        File.WriteAllText(project, """
            { "song": "song.flac", "duration": 6, "lyrics": "song.lrc", "output": { "width": 160, "height": 90 },
              "items": [ { "image": "line1.png", "duration": 6, "kenBurns": { "from": { "x": 0, "y": 0, "width": 1 }, "to": { "x": 0.2, "y": 0.1, "width": 0.5 } } } ],
              "captions": { "from": "lyrics", "karaoke": true, "style": { "font": "DejaVu Sans", "size": 0.08, "position": "top", "margins": { "16:9": { "x": 0.1, "y": 0.1 } } } },
              "overlays": [ { "text": "Worldweight", "start": 0, "duration": 2, "fadeIn": 0.5, "fadeOut": 0.5, "slide": "up" } ],
              "audio": { "tracks": [ { "file": "voice.wav", "start": 3, "volume": 0.8, "duck": true, "fadeIn": 0.1 } ], "fadeIn": 1, "fadeOut": 1, "loudness": -16 } }
            """);

        ProjectFile file = await ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(file.Timeline.Text!.Karaoke);
        Assert.Equal(2, file.Timeline.Text.Captions.Count);
        Assert.Equal("DejaVu Sans", file.Timeline.Text.CaptionStyle.Font);
        Assert.Equal(new VideoKit.Text.SafeMargins(0.1, 0.1), file.Timeline.Text.CaptionStyle.LandscapeMargins);
        Assert.Equal("Worldweight", Assert.Single(file.Timeline.Text.Overlays).Text);
        Assert.Equal(-16, file.Timeline.Audio!.Loudness);
        Assert.True(Assert.Single(file.Timeline.Audio.Tracks).Duck);
        Assert.Equal(TimelineItemKind.Source, Assert.Single(file.Timeline.Items).Kind);   // the Ken Burns still
    }

    [Fact]
    public async Task LoadAsync_VoiceLongerThanTheVideoAndAMissingFont_AreReportedAtTheirFields()
    {
        string folder = Folder("lyric-errors", "[00:00.40]one\n");
        File.Copy(TestMedia.Tone("lyric-voice-5s.wav", 5, 1000), Path.Combine(folder, "voice.wav"));
        string project = Path.Combine(folder, "video.json");
        File.WriteAllText(project, """
            { "song": "song.flac", "duration": 6, "lyrics": "song.lrc", "items": [ { "image": "line1.png", "duration": 6 } ],
              "captions": { "from": "lyrics", "style": { "font": "Nonexistent Serif" } },
              "audio": { "tracks": [ { "file": "voice.wav", "start": 3 } ] } }
            """);

        TimelineValidationException ex = await Assert.ThrowsAsync<TimelineValidationException>(() => ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(ex.Errors, e => e == "audio.tracks[0].file: 'voice.wav' is 5 s long and starts at 3 s, so it would end at 8 s, after the video (6 s); start it earlier, shorten it, or lengthen the video");
        Assert.Contains(ex.Errors, e => e.StartsWith("captions.style.font: 'Nonexistent Serif' is not installed", StringComparison.Ordinal));
    }
}
