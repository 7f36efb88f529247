using VideoKit.Projects;
using VideoKit.Rendering;

namespace VideoKit.Tests.Projects;

public sealed class ProjectFileTests
{
    private static async Task<ProjectFile> LoadAsync(string json, params string[] files)
    {
        string folder = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId, "project-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        foreach (string f in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, f), [], TestContext.Current.CancellationToken);
        }

        string path = Path.Combine(folder, "project.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return await ProjectFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LoadAsync_FullExample_BuildsTheTimelineWithRelativePathsResolved()
    {
        const string json = """
            {
              // comments and trailing commas are allowed
              "song": "media/song.wav",
              "output": { "width": 1280, "height": 720, "fps": "30000/1001", "codec": "h265", "crf": 26, "preset": "fast" },
              "items": [
                { "image": "media/a.png", "start": 0, "duration": 4, "fit": "contain" },
                { "video": "media/b.mp4", "in": "0:01.5", "out": 5.5, "transition": { "type": "crossfade", "duration": 0.5 } },
                { "image": "media/a.png", "duration": 2, "transition": "cut" },
              ],
            }
            """;

        ProjectFile project = await LoadAsync(json, "media/song.wav", "media/a.png", "media/b.mp4");

        VideoKit.Timeline t = project.Timeline;
        Assert.Equal(new Resolution(1280, 720), t.Resolution);
        Assert.Equal(FrameRate.Ntsc30, t.FrameRate);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(project.Path)!, "media", "song.wav"), t.SongPath);
        Assert.Equal(VideoCodec.H265, project.RenderOptions.Codec);
        Assert.Equal(26, project.RenderOptions.Crf);
        Assert.Equal("fast", project.RenderOptions.Preset);
        Assert.Equal(3, t.Items.Count);
        Assert.Equal(FitMode.Contain, t.Items[0].Fit);
        Assert.Equal(TimelineItemKind.Video, t.Items[1].Kind);
        Assert.Equal(TimeSpan.FromSeconds(4), t.Items[1].Start);      // start defaults to the previous item's end
        Assert.Equal(TimeSpan.FromSeconds(1.5), t.Items[1].InPoint);
        Assert.Equal(TimeSpan.FromSeconds(4), t.Items[1].Duration);   // out - in
        Assert.Equal(Transition.Crossfade(TimeSpan.FromSeconds(0.5)), t.Items[1].Transition);
        Assert.Equal(TimeSpan.FromSeconds(8), t.Items[2].Start);
        Assert.Equal(Transition.Cut, t.Items[2].Transition);
    }

    [Fact]
    public async Task LoadAsync_ManyProblems_ReportsEachWithItsJsonPath()
    {
        const string json = """
            {
              "song": "media/missing.wav",
              "output": { "width": 1281, "fps": "fast", "codec": "h264", "crf": 60, "colour": "red" },
              "items": [
                { "image": "media/a.png", "start": 0, "duration": 2 },
                { "image": "media/gone.png", "start": 2, "duration": 2, "fit": "zoom" },
                { "video": "media/b.mp4", "start": 4, "duration": 0 },
                { "image": "media/a.png", "start": 3, "duration": "soon", "transition": { "type": "wipe" } },
                { "start": 9 },
                { "image": "media/a.png", "start": -1, "duration": 1 }
              ]
            }
            """;

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png", "media/b.mp4"));

        string folder = Path.GetDirectoryName(ex.Message.Split('\'')[1])!;
        Assert.Equal(
        [
            $"song: 'media/missing.wav' does not exist (looked for {folder}/media/missing.wav)",
            "output.colour: unknown field; expected one of: width, height, fps, codec, crf, preset, pixelFormat, encoder, maxBitrate, maxFileSizeMB",
            "output.width: must be even (is 1281)",
            "output.fps: must be a frame rate such as 30, 29.97 or \"30000/1001\" (is \"fast\")",
            "output.crf: CRF 60 is out of range for H264: use 0 to 51.",
            "items[1].fit: unknown fit mode \"zoom\"; use cover, contain, stretch or blurredFill",
            $"items[1].image: 'media/gone.png' does not exist (looked for {folder}/media/gone.png)",
            "items[2].duration: must be > 0 (is 0 s)",
            "items[3].duration: must be a time in seconds (4.5) or \"m:ss.fff\" (is \"soon\")",
            "items[3].transition.type: unknown transition \"wipe\"; use cut, crossfade, dipToBlack, dipToWhite, flash, whip, slide or zoomPunch",
            "items[4]: needs one of \"image\" or \"video\"",
            "items[5].start: must be >= 0 (is -1 s)",
        ], ex.Errors);
        Assert.StartsWith("Project '", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is invalid (12 problems):\n - song: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_DeliveryLimits_AreCheckedAgainstThePresetAtTheirPaths()
    {
        const string shorts = """
            { "duration": 1, "output": { "preset": "shorts", "maxBitrate": 20000, "maxFileSizeMB": 5 },
              "items": [ { "image": "media/a.png", "duration": 1 } ] }
            """;
        const string vp9 = """
            { "duration": 1, "output": { "codec": "vp9", "maxBitrate": 800, "maxFileSizeMB": -1 },
              "items": [ { "image": "media/a.png", "duration": 1 } ] }
            """;
        const string gif = """
            { "duration": 1, "output": { "width": 320, "height": 180, "preset": "gif", "maxFileSizeMB": 0.5 },
              "items": [ { "image": "media/a.png", "duration": 1 } ] }
            """;
        const string capped = """
            { "duration": 1, "output": { "preset": "shorts", "maxBitrate": 8000 }, "items": [ { "image": "media/a.png", "duration": 1 } ] }
            """;

        var tooHigh = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(shorts, "media/a.png"));
        var wrongCodec = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(vp9, "media/a.png"));
        ProjectFile gifProject = await LoadAsync(gif, "media/a.png");
        ProjectFile cappedProject = await LoadAsync(capped, "media/a.png");

        Assert.Equal(
        [
            "output.maxBitrate: is 20000 kbit/s, above the shorts preset's maximum of 12000 kbit/s at 1080x1920",
            "output.maxFileSizeMB: is the gif preset's size cap; set \"preset\": \"gif\" or remove it",
        ], tooHigh.Errors);
        Assert.Equal(
        [
            "output.maxBitrate: caps h264 and h265 only, not vp9",
            "output.maxFileSizeMB: must be a number of MiB above 0, such as 8 (is -1)",
        ], wrongCodec.Errors);
        Assert.Equal(512L * 1024, gifProject.RenderOptions.MaxFileBytes);
        Assert.Equal(8000, cappedProject.RenderOptions.MaxBitrateKbps);
    }

    [Fact]
    public async Task LoadAsync_Overlap_PointsAtTheLaterItem()
    {
        const string json = """{ "duration": 10, "items": [ { "image": "media/a.png", "start": 0, "duration": 3 }, { "image": "media/a.png", "start": 2, "duration": 3 } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Equal(["items[1].start: 2 s overlaps items[0] (0 s to 3 s)"], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_CrossfadeLongerThanPreviousItem_NamesItByItsPath()
    {
        const string json = """{ "duration": 10, "items": [ { "image": "media/a.png", "duration": 0.5 }, { "image": "media/a.png", "duration": 2, "transition": { "type": "crossfade", "duration": 1 } } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Equal(["items[1].transition.duration: 1 s is longer than the previous item, items[0] (0.5 s)"], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_UnknownTransitionName_IsReportedWhereItIsWritten()
    {
        const string json = """{ "duration": 10, "items": [ { "image": "media/a.png", "duration": 1, "transition": "wipe" } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Equal(["items[0].transition: unknown transition \"wipe\"; use cut, crossfade, dipToBlack, dipToWhite, flash, whip, slide or zoomPunch"], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_InvalidDurations_ReportOnlyTheRealProblem()
    {
        const string json = """{ "duration": 10, "items": [ { "image": "media/a.png", "duration": "soon" }, { "video": "media/b.mp4", "out": "later" } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png", "media/b.mp4"));

        Assert.Equal(
        [
            "items[0].duration: must be a time in seconds (4.5) or \"m:ss.fff\" (is \"soon\")",
            "items[1].out: must be a time in seconds (4.5) or \"m:ss.fff\" (is \"later\")",
        ], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_NoSongAndNoDuration_AsksForADuration()
    {
        const string json = """{ "items": [ { "image": "media/a.png", "duration": 1 } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Equal(["duration: required when there is no \"song\" (the video needs a song or an explicit length)"], ex.Errors);
        Assert.StartsWith("Project '", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ItemsAndClips_AreRejectedUpFront()
    {
        const string json = """{ "song": "media/song.wav", "items": [ { "image": "media/a.png", "duration": 1 } ], "clips": ["media/b.mp4"] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/song.wav", "media/a.png", "media/b.mp4"));

        Assert.Equal(["clips: use either \"items\" (placed by hand) or \"clips\" (cut to the beat) on the video track, not both; to show pictures over a beat edit, list them in \"overlays\""], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_Folder_SaysItIsAFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId, "project-folder");
        Directory.CreateDirectory(folder);

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => ProjectFile.LoadAsync(folder, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"The project file '{folder}' is a folder; give the JSON file inside it.", ex.Message);
    }

    [Fact]
    public async Task LoadAsync_BrokenJson_SaysWhere()
    {
        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync("{ \"items\": [ }"));

        Assert.Single(ex.Errors);
        Assert.StartsWith("not valid JSON at line 1, column 14:", ex.Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4.5", 4.5)]
    [InlineData("1:02.5", 62.5)]
    [InlineData("1:00:00", 3600)]
    [InlineData("-0.5", -0.5)]
    public void TryParseTime_Forms_GiveSeconds(string text, double seconds)
    {
        Assert.True(ProjectReader.TryParseTime(text, out TimeSpan t));
        Assert.Equal(TimeSpan.FromSeconds(seconds), t);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1:2:3:4")]
    [InlineData("abc")]
    [InlineData("1::2")]
    [InlineData("NaN")]
    [InlineData("-NaN")]
    [InlineData("1:NaN")]
    [InlineData("Infinity")]
    [InlineData("∞")]
    public void TryParseTime_Garbage_IsRejected(string text)
    {
        Assert.False(ProjectReader.TryParseTime(text, out _));
    }

    [Fact]
    public async Task LoadAsync_NaNText_IsNotATime_NotZeroSeconds()
    {
        // .NET parses "NaN" whatever the number styles; it used to become 0 s ("must be > 0 (is 0 s)").
        const string json = """{ "duration": "NaN", "items": [ { "image": "media/a.png", "duration": 1 } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Equal(["duration: must be a time in seconds (4.5) or \"m:ss.fff\" (is \"NaN\")"], ex.Errors);
    }

    [Fact]
    public async Task LoadAsync_DuplicateField_IsAProblemAtItsPath()
    {
        const string json = """{ "duration": 2, "duration": 3, "items": [ { "image": "media/a.png", "duration": 1, "duration": 2 } ] }""";

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/a.png"));

        Assert.Contains("duration: is given twice in this object; keep one", ex.Errors);
        Assert.Contains("items[0].duration: is given twice in this object; keep one", ex.Errors);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public async Task LoadAsync_Utf16WithByteOrderMark_IsRead(string encoding)
    {
        // Windows PowerShell 5 writes UTF-16LE with a byte order mark ('>' and Out-File).
        string folder = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId, "project-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "a.png"), [], TestContext.Current.CancellationToken);
        string path = Path.Combine(folder, "project.json");
        var text = System.Text.Encoding.GetEncoding(encoding);
        await File.WriteAllBytesAsync(path, [.. text.GetPreamble(), .. text.GetBytes("""{ "duration": 2, "items": [ { "image": "a.png", "duration": 2 } ] }""")], TestContext.Current.CancellationToken);

        ProjectFile project = await ProjectFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(2), project.Timeline.Duration);
        Assert.Single(project.Timeline.Items);
    }
}
