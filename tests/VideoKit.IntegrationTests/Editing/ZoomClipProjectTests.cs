using System.Globalization;
using VideoKit.Editing;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.Editing;

[Trait("Category", "FFmpeg")]
public sealed class ZoomClipProjectTests
{
    /// <summary>Three levels at 2× steps: centred crops of 640, 1280 and 2560 px of the 2560×1600 photo, each scaled to 320×180.</summary>
    private static string GardenLevels(string folder)
    {
        string levels = Path.Combine(folder, "levels");
        Directory.CreateDirectory(levels);
        string garden = Path.Combine(TestMedia.DataFolder, "images", "Garden.jpg");
        for (int k = 0; k < 3; k++)
        {
            int w = 640 << k, h = 360 << k;
            TestMedia.FFmpeg("-i", garden, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={w}:{h},scale=320:180:flags=area"), "-frames:v", "1", Path.Combine(levels, $"level{k}.png"));
        }

        return levels;
    }

    /// <summary>
    /// A zoom clip of the Garden levels filling <paramref name="frames"/> frames at 30 fps from 4.5 s of a 120 BPM 4/4
    /// grid whose first beat is at 0.5 s (downbeats at 0.5, 2.5, 4.5, 6.5, 8.5 s), prepared.
    /// </summary>
    private static async Task<ZoomClipSource> PreparedClipAsync(string levels, long frames, CancellationToken ct)
    {
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(20));
        var rate = new FrameRate(30);
        var clip = new ZoomClipSource(new ZoomClipSpec(levels, 2, null), grid, TimeSpan.FromSeconds(4.5), rate, frames);
        await clip.PrepareAsync(new FrameSourceContext { OutputSize = new Resolution(320, 180), FrameRate = rate }, ct);
        return clip;
    }

    [Fact]
    public async Task Prepare_SegmentOfTwoBars_LevelsChangeOnTheSegmentsDownbeats()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string levels = GardenLevels(TestMedia.NewFolder("edit-zoom-beats"));

        // The clip fills 4.5–8.5 s: two bars.
        await using ZoomClipSource clip = await PreparedClipAsync(levels, 120, ct);

        Assert.True(clip.IsBeatDriven);
        ZoomPath path = clip.PreparedPath!;
        Assert.Equal(0, path.ZoomAt(TimeSpan.Zero + clip.PathOffset), 3);
        Assert.Equal(1, path.ZoomAt(TimeSpan.FromSeconds(2) + clip.PathOffset), 3);
        Assert.Equal(2, path.ZoomAt(TimeSpan.FromSeconds(4) + clip.PathOffset), 3);

        // On the middle downbeat the frame is level 1 itself.
        using var frame = new Frame(320, 180);
        await clip.RenderFrameAsync(TimeSpan.FromSeconds(2), frame, ct);
        using Frame level1 = await ImageFile.LoadAsync(Path.Combine(levels, "level1.png"), cancellationToken: ct);
        Assert.True(ImageMetrics.Psnr(frame, level1) >= 35, $"PSNR {ImageMetrics.Psnr(frame, level1):0.0} dB against level 1");
    }

    [Fact]
    public async Task Prepare_SegmentShorterThanABar_ZoomsSteadily()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string levels = GardenLevels(TestMedia.NewFolder("edit-zoom-short"));

        // The clip fills 4.5–5.5 s: half a bar.
        await using ZoomClipSource clip = await PreparedClipAsync(levels, 30, ct);

        Assert.False(clip.IsBeatDriven);
        Assert.Equal(0, clip.PreparedPath!.ZoomAt(TimeSpan.Zero), 3);
        Assert.Equal(2, clip.PreparedPath.ZoomAt(TimeSpan.FromSeconds(1)), 3);
    }

    [Fact]
    public async Task Render_ProjectWithZoomClip_PrintsEveryCutOnItsPlannedFrame()
    {
        string folder = TestMedia.NewFolder("edit-zoom-project");
        GardenLevels(folder);

        File.Copy(EditingMedia.Clip(0, 320, 180, 30, 3), Path.Combine(folder, "a.mp4"));
        File.Copy(EditingMedia.Clip(1, 320, 180, 30, 3), Path.Combine(folder, "b.mp4"));
        File.Copy(BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        File.WriteAllLines(Path.Combine(folder, "song.beats"), BeatFiles.Times("simu_techno_movement").Select(t => t.TotalSeconds.ToString("0.####", CultureInfo.InvariantCulture)));
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            {
              "song": "song.flac",
              "duration": 6,
              "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" },
              "edit": { "cutEvery": { "beats": 2 }, "transition": "cut", "beatGrid": "song.beats" },
              "clips": ["a.mp4", { "zoom": "levels/", "factor": 2 }, "b.mp4", { "zoom": "levels/" }]
            }
            """);
        string output = Path.Combine(folder, "out.mp4");

        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", output);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Matches(@"cuts: (\d+)/\1 cuts on the planned frame, 0 missing, 0 extra; 180/180 frames", result.StandardOutput);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(180, info.PrimaryVideo!.FrameCount);
    }

    [Fact]
    public async Task Render_ZoomClipFolderMissing_NamesTheJsonPath()
    {
        string folder = TestMedia.NewFolder("edit-zoom-missing");
        File.Copy(EditingMedia.Clip(0, 320, 180, 30, 3), Path.Combine(folder, "a.mp4"));
        File.Copy(BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        File.WriteAllText(Path.Combine(folder, "project.json"), """
            {
              "song": "song.flac",
              "output": { "width": 320, "height": 180, "fps": 30 },
              "clips": ["a.mp4", { "zoom": "nowhere/", "factor": 2 }]
            }
            """);

        Cli.Result result = await Cli.RunAsync("render", Path.Combine(folder, "project.json"), "-o", Path.Combine(folder, "out.mp4"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("clips[1].zoom: folder 'nowhere/' does not exist", result.StandardError, StringComparison.Ordinal);
    }
}
