using VideoKit.Editing;
using VideoKit.IntegrationTests.Editing;
using VideoKit.Media;
using VideoKit.Rhythm;

namespace VideoKit.IntegrationTests.Composition;

/// <summary>
/// How many processes a beat montage starts: every file is probed at most once (the media-info cache) and every clip
/// span gets one decoder, never one per frame or per cut.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class ProcessCountTests
{
    [Fact]
    public async Task BeatMontage_FourClipsCutEveryTwoBeats_OneProbePerFileAndOneDecoderPerClipSpan()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        const string SongName = "simu_techno_movement";
        BeatGrid grid = BeatFiles.Grid(SongName, TimeSpan.FromSeconds(12));
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, 4, FrameRate.Fps30);
        string folder = TestMedia.NewFolder("process-count");
        var clips = new List<MontageClip>();
        for (int i = 0; i < 4; i++)
        {
            // Fresh copies, so no earlier test has probed them already.
            string copy = Path.Combine(folder, $"clip{i}.mp4");
            File.Copy(EditingMedia.Clip(i, 320, 180, 30, 3), copy);
            clips.Add(MontageClip.Video(copy));
        }

        string output = Path.Combine(folder, "montage.mp4");
        var options = new MontageOptions { Size = new Resolution(320, 180), Verify = false, Render = new VideoKit.Rendering.RenderOptions { Preset = "ultrafast" } };
        using FFmpegProcessCount counter = FFmpegProcessCount.Begin();
        await BeatMontage.RenderAsync(plan, clips, BeatFiles.Song(SongName), output, options, cancellationToken: token);

        IReadOnlyList<string> commands = [.. counter.Started.Select(s => s.CommandLine)];
        var probes = commands.Where(c => c.Contains("ffprobe", StringComparison.Ordinal)).ToList();
        foreach (MontageClip clip in clips)
        {
            string path = Path.GetFullPath(clip.Path!);
            // One probe of the streams per file; no packet reads (FFmpeg's fps filter places variable-rate frames).
            Assert.True(probes.Count(c => c.Contains(path, StringComparison.Ordinal) && c.Contains("-show_streams", StringComparison.Ordinal)) <= 1, $"'{path}' probed more than once:\n{string.Join('\n', probes)}");
            Assert.False(probes.Any(c => c.Contains(path, StringComparison.Ordinal) && c.Contains("packet=", StringComparison.Ordinal)), $"'{path}' had its packets read:\n{string.Join('\n', probes)}");
            int decoders = commands.Count(c => !c.Contains("ffprobe", StringComparison.Ordinal) && c.Contains(path, StringComparison.Ordinal));
            int spans = plan.Segments.Count(s => clips[s.ClipIndex].Path == clip.Path);
            Assert.True(decoders <= spans, $"'{path}' fills {spans} segment(s) but was decoded by {decoders} FFmpeg processes");
        }

        Assert.True(counter.Probes <= clips.Count + 1, $"{counter.Probes} probes for {clips.Count} clips and a song:\n{string.Join('\n', probes)}");
    }
}
