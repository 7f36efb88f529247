using VideoKit.Projects;

namespace VideoKit.Tests.Editing;

public sealed class EditProjectTests
{
    private static async Task<IReadOnlyList<string>> ProblemsAsync(string json, params string[] files)
    {
        string folder = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId, "edit-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "clips"));
        foreach (string f in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, f), [], TestContext.Current.CancellationToken);
        }

        string path = Path.Combine(folder, "project.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => ProjectFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken));
        return ex.Errors;
    }

    [Fact]
    public async Task LoadAsync_BadEditFields_EveryProblemNamesItsJsonPath()
    {
        const string json = """
            {
              "song": "song.flac",
              "edit": {
                "cutEvery": { "beats": 0 },
                "transition": "wipe",
                "order": "backwards",
                "fit": "squash",
                "maxSpeedChange": 2,
                "speed": 120
              },
              "clips": ["clips/a.mp4", "missing.mp4", 7, { "video": "clips/a.mp4", "loop": true }]
            }
            """;

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Contains("edit.speed: unknown field; expected one of: cutEvery, cutAt, transition, beatGrid, order, seed, density, onsetEffect, fit, inPoint, maxSpeedChange, retime, whenTooShort, minSegment, beatsPerBar, snap, snapTolerance, tempo, bpm, firstBeat, beatOffsetMs, downbeatShift", problems);
        Assert.Contains("edit.cutEvery.beats: must be between 1 and 1024 (is 0)", problems);
        Assert.Contains("edit.transition: unknown transition \"wipe\"; use \"cut\", \"crossfade\", \"dipToBlack\", \"dipToWhite\", \"flash\", \"whip\", \"slide\" or \"zoomPunch\"", problems);
        Assert.Contains("edit.order: unknown order \"backwards\"; use \"asGiven\" or \"shuffle\" (with \"seed\")", problems);
        Assert.Contains("edit.fit: unknown value \"squash\"; use \"cover\", \"contain\", \"blurredFill\", \"blur\", \"stretch\"", problems);
        Assert.Contains("edit.maxSpeedChange: must be a fraction from 0 to below 1, such as 0.25 for ±25 % (is 2)", problems);
        Assert.Contains(problems, p => p.StartsWith("clips[1]: 'missing.mp4' does not exist (looked for ", StringComparison.Ordinal));
        Assert.Contains("clips[2]: must be a path or an object such as { \"video\": \"a.mp4\" } (is 7)", problems);
        Assert.Contains("clips[3].loop: unknown field; expected one of: video", problems);
    }

    [Fact]
    public async Task LoadAsync_CutEveryWithBothBeatsAndBars_SaysUseOne()
    {
        const string json = """{ "song": "song.flac", "edit": { "cutEvery": { "beats": 2, "bars": 1 } }, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(["edit.cutEvery: has both \"beats\" and \"bars\"; use one"], problems);
    }

    [Fact]
    public async Task LoadAsync_TransitionObjectWithBadFields_PointsAtEachField()
    {
        const string json = """
            { "song": "song.flac", "clips": ["clips/a.mp4"],
              "edit": { "transition": { "type": "crossfade", "duration": 0.5, "beats": 1, "placement": "sideways" } } }
            """;

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(["edit.transition.beats: give \"duration\" or \"beats\", not both"], problems);
    }

    [Fact]
    public async Task LoadAsync_EditWithoutClips_AsksForClips()
    {
        const string json = """{ "song": "song.flac", "edit": { "cutEvery": { "bars": 2 } } }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac");

        Assert.Contains("edit: needs \"clips\": the videos, images or zoom sequences to cut (for example \"clips\": [\"a.mp4\", \"b.mp4\"])", problems);
    }

    [Fact]
    public async Task LoadAsync_ClipsWithoutSong_SaysTheSongIsTheClock()
    {
        const string json = """{ "duration": 10, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "clips/a.mp4");

        Assert.Contains("clips: a beat-synced edit needs a \"song\": its beats place the cuts and its length is the video's", problems);
    }

    [Fact]
    public async Task LoadAsync_EmptyClipFolder_NamesTheFolder()
    {
        const string json = """{ "song": "song.flac", "clips": ["clips/"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac");

        Assert.Contains(problems, p => p.StartsWith("clips[0]: the folder 'clips/' holds no videos or images (looked in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_MissingBeatGridFile_NamesTheField()
    {
        const string json = """{ "song": "song.flac", "edit": { "beatGrid": "song.beats" }, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Contains(problems, p => p.StartsWith("edit.beatGrid: 'song.beats' does not exist (looked for ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_NegativeMinSegment_IsAProblemInSeconds()
    {
        const string json = """{ "song": "song.flac", "edit": { "minSegment": -1 }, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(["edit.minSegment: must be a duration in seconds, 0 or more, such as 0.2 (is -1)"], problems);
    }

    [Fact]
    public async Task LoadAsync_CutAtWithANegativeIndex_PointsAtTheElement()
    {
        const string json = """{ "song": "song.flac", "edit": { "cutAt": [1, 5, -2, "x"] }, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(["edit.cutAt[2]: must be a beat index, a whole number 0 or more (is -2)", "edit.cutAt[3]: must be a beat index, a whole number 0 or more (is \"x\")"], problems);
    }

    [Fact]
    public async Task LoadAsync_ZoomFolderMissingAmongOtherProblems_ReportsThemAll()
    {
        const string json = """
            { "song": "song.flac", "edit": { "transition": "wipe" },
              "clips": [{ "zoom": "nowhere/", "factor": 9, "levelsPerBar": 0 }, "missing.mp4"] }
            """;

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac");

        Assert.Contains(problems, p => p.StartsWith("clips[0].zoom: folder 'nowhere/' does not exist (looked for ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("clips[0].factor: must be the zoom factor of each step", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("clips[0].levelsPerBar: must be how many levels", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("clips[1]: 'missing.mp4' does not exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("edit.transition: unknown transition \"wipe\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_BeatsPerBarOutOfRange_NamesTheField()
    {
        const string json = """{ "song": "song.flac", "edit": { "beatsPerBar": 0 }, "clips": ["clips/a.mp4"] }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(["edit.beatsPerBar: must be between 1 and 32 (is 0)"], problems);
    }

    [Fact]
    public async Task LoadAsync_BadBeatGridOverrides_EveryProblemNamesItsJsonPath()
    {
        const string json = """
            { "song": "song.flac", "clips": ["clips/a.mp4"],
              "edit": { "tempo": "fast", "bpm": 500, "firstBeat": -1, "beatOffsetMs": "late", "downbeatShift": 40 } }
            """;

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(
            [
                "edit.tempo: Tempo 'fast' is not understood: expected half, double, auto, a BPM such as 140, or a BPM with a range such as 140±10%.",
                "edit.bpm: must be between 20 and 400 BPM (is 500)",
                "edit.firstBeat: must not be negative (is -1 s)",
                "edit.beatOffsetMs: must be a number of milliseconds such as -40 or 120 (is \"late\")",
                "edit.downbeatShift: must be between -31 and 31 (is 40)",
            ],
            problems);
    }

    [Fact]
    public async Task LoadAsync_ConflictingBeatGridOverrides_SayWhichToLeaveOut()
    {
        const string json = """
            { "song": "song.flac", "clips": ["clips/a.mp4"],
              "edit": { "tempo": "140±10%", "beatGrid": "song.beats", "bpm": 120 } }
            """;

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4", "song.beats");

        Assert.Equal(
            [
                "edit.tempo: a tempo hint guides the analysis, but edit.beatGrid gives the beats; use \"half\" or \"double\", or leave one out",
                "edit.bpm: a fixed grid replaces edit.beatGrid; give one or the other",
                "edit.bpm: a fixed grid has its tempo; leave edit.tempo out (or set edit.bpm to the tempo you want)",
            ],
            problems);
    }

    [Fact]
    public async Task LoadAsync_FirstBeatWithoutBpmAndATempoRangeOutOfBounds_AreProblems()
    {
        const string json = """{ "song": "song.flac", "clips": ["clips/a.mp4"], "edit": { "tempo": 500, "firstBeat": 0.5 } }""";

        IReadOnlyList<string> problems = await ProblemsAsync(json, "song.flac", "clips/a.mp4");

        Assert.Equal(
            [
                "edit.tempo: The tempo hint 500 BPM is outside 30–300 BPM.",
                "edit.firstBeat: places a fixed grid; it needs edit.bpm (for example \"bpm\": 120, \"firstBeat\": 0.5)",
            ],
            problems);
    }
}
