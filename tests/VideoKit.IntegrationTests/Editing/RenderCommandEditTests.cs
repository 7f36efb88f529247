using VideoKit.Media;

namespace VideoKit.IntegrationTests.Editing;

[Trait("Category", "FFmpeg")]
public sealed class RenderCommandEditTests
{
    [Fact]
    public async Task Render_ProjectWithClipsAndBeatsFile_PrintsEveryCutOnItsPlannedFrame()
    {
        string folder = TestMedia.NewFolder("edit-project");
        Directory.CreateDirectory(Path.Combine(folder, "clips"));
        for (int i = 0; i < 4; i++)
        {
            File.Copy(EditingMedia.Clip(i, 320, 180, 30, 3), Path.Combine(folder, "clips", $"clip{i}.mp4"));
        }

        File.Copy(BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        File.WriteAllLines(Path.Combine(folder, "song.beats"), BeatFiles.Times("simu_techno_movement").Select(t => t.TotalSeconds.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            {
              "song": "song.flac",
              "duration": 10,
              "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" },
              "edit": { "cutEvery": { "beats": 2 }, "transition": "cut", "beatGrid": "song.beats", "order": "shuffle", "seed": 3 },
              "clips": ["clips/"]
            }
            """);
        string output = Path.Combine(folder, "out.mp4");

        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", output);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Matches(@"cuts: (\d+)/\1 cuts on the planned frame, 0 missing, 0 extra; 300/300 frames", result.StandardOutput);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(300, info.PrimaryVideo!.FrameCount);
        Assert.NotNull(info.PrimaryAudio);
    }
}
