using VideoKit.IntegrationTests.Orleans;
using VideoKit.IntegrationTests.Segments;

namespace VideoKit.IntegrationTests.CliTests;

[Trait("Category", "FFmpeg")]
[Collection("cluster")]
public sealed class SegmentCommandTests
{
    [Fact]
    public async Task RenderSegmentsThenStitch_AndRenderWithWorkers_GiveTheSameFrames()
    {
        string project = ClusterFixture.Project("cli-seg", 160, 90, 2);
        string folder = Path.GetDirectoryName(project)!;
        string part1 = Path.Combine(folder, "part-1.mp4"), part2 = Path.Combine(folder, "part-2.mp4");
        string stitched = Path.Combine(folder, "stitched.mp4"), clustered = Path.Combine(folder, "workers.mp4");

        Cli.Result r1 = await Cli.RunAsync("render", project, "--segment", "1/2", "-o", part1);
        Cli.Result r2 = await Cli.RunAsync("render", project, "--segment", "2/2", "-o", part2);
        Cli.Result wrongOrder = await Cli.RunAsync("stitch", project, part2, part1, "-o", stitched);
        Cli.Result joined = await Cli.RunAsync("stitch", project, part1, part2, "-o", stitched);
        string sound = Path.Combine(folder, "sound.m4a"), remuxed = Path.Combine(folder, "remuxed.mp4");
        Cli.Result encodedSound = await Cli.RunAsync("render", project, "--audio", "-o", sound);
        Cli.Result withSound = await Cli.RunAsync("stitch", project, part1, part2, "--audio", sound, "-o", remuxed);
        Cli.Result soundAndSegment = await Cli.RunAsync("render", project, "--audio", "--segment", "1/2", "-o", Path.Combine(folder, "x.m4a"));
        Cli.Result badSegment = await Cli.RunAsync("render", project, "--segment", "3/2", "-o", part1);
        Cli.Result workers = await Cli.RunAsync("render", project, "--workers", "2", "-o", clustered);
        string squareProject = Path.Combine(folder, "square.json");
        File.WriteAllText(squareProject, """{ "song": "song.wav", "output": { "preset": "square", "fps": 30 }, "items": [ { "video": "a.mp4", "duration": 1 } ] }""");
        Cli.Result presetInProject = await Cli.RunAsync("render", squareProject, "--segment", "1/2", "-o", Path.Combine(folder, "square-1.mp4"));
        Cli.Result presetOption = await Cli.RunAsync("render", project, "--workers", "2", "--preset", "youtube", "-o", Path.Combine(folder, "yt.mp4"));

        Assert.True(r1.ExitCode == 0, r1.StandardError);
        Assert.True(r2.ExitCode == 0, r2.StandardError);
        Assert.Contains("segment 1/2, frames 0-", r1.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, wrongOrder.ExitCode);
        Assert.Contains("is segment 2/2, but was given as segment 1/2", wrongOrder.StandardError, StringComparison.Ordinal);
        Assert.True(joined.ExitCode == 0, joined.StandardError);
        Assert.True(encodedSound.ExitCode == 0, encodedSound.StandardError);
        Assert.True(withSound.ExitCode == 0, withSound.StandardError);
        Assert.Equal(SegmentMedia.AudioMd5(stitched), SegmentMedia.AudioMd5(remuxed)); // the same sound, encoded apart and copied
        Assert.Equal(SegmentMedia.FrameMd5(stitched), SegmentMedia.FrameMd5(remuxed));
        Assert.Equal(1, soundAndSegment.ExitCode);
        Assert.Contains("--audio encodes the sound of a render in segments", soundAndSegment.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, badSegment.ExitCode);
        Assert.Contains("--segment '3/2' must be K/N", badSegment.StandardError, StringComparison.Ordinal);
        Assert.True(workers.ExitCode == 0, workers.StandardError);
        Assert.Contains("60 frames in 2 segments on 2 workers", workers.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(SegmentMedia.FrameMd5(stitched), SegmentMedia.FrameMd5(clustered));
        Assert.Equal(1, presetInProject.ExitCode);
        Assert.Contains("output.preset 'square' applies to a whole render", presetInProject.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, presetOption.ExitCode);
        Assert.Equal("videokit: error: --preset youtube applies to a whole render; --segment and --workers do not apply platform presets.", presetOption.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "square-1.mp4")) || File.Exists(Path.Combine(folder, "yt.mp4")));
        Assert.Equal(60, SegmentMedia.FrameMd5(stitched).Length);
        Assert.Empty(Directory.GetDirectories(folder, ".videokit-job-*"));
    }
}
