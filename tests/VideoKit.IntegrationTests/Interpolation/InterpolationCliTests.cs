using VideoKit.Media;

namespace VideoKit.IntegrationTests.Interpolation;

[Trait("Category", "FFmpeg")]
public sealed class InterpolationCliTests
{
    [Fact]
    public async Task Interpolate_LosslessMkvAtTwiceTheRate_WritesFfv1WithTwiceTheFrames()
    {
        string clip = TestMedia.Clip("cli-interp-12fps.mp4", 160, 120, 12, 1);
        string output = Path.Combine(TestMedia.NewFolder("cli-interp"), "out.mkv");

        Cli.Result result = await Cli.RunAsync("interpolate", clip, "--fps", "24", "--mode", "motion", "-o", output, "--lossless");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal($"wrote {output}: 24 frames at 24 fps (motion)", result.StandardOutput.Trim());
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("ffv1", info.PrimaryVideo!.Codec);
        Assert.Equal(160, info.PrimaryVideo.Width);
        Assert.InRange(info.Duration.TotalSeconds, 0.95, 1.05);
        Assert.Equal(24, await CountFramesAsync(output));
    }

    [Fact]
    public async Task Retime_HalfSpeedAndFitToDuration_WriteTheExpectedLengths()
    {
        string clip = TestMedia.Clip("cli-retime-10fps.mp4", 128, 96, 10, 1);
        string folder = TestMedia.NewFolder("cli-retime");
        string slow = Path.Combine(folder, "slow.mp4"), fitted = Path.Combine(folder, "fitted.mp4");

        Cli.Result r1 = await Cli.RunAsync("retime", clip, "--speed", "0.5", "--mode", "blend", "-o", slow);
        Cli.Result r2 = await Cli.RunAsync("retime", clip, "--duration", "1.5", "--mode", "nearest", "-o", fitted);

        Assert.True(r1.ExitCode == 0, r1.StandardError);
        Assert.True(r2.ExitCode == 0, r2.StandardError);
        MediaInfo a = await MediaProbe.ProbeAsync(slow, cancellationToken: TestContext.Current.CancellationToken);
        MediaInfo b = await MediaProbe.ProbeAsync(fitted, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("h264", a.PrimaryVideo!.Codec);
        Assert.InRange(a.Duration.TotalSeconds, 1.95, 2.05);
        Assert.Equal(20, await CountFramesAsync(slow));
        Assert.InRange(b.Duration.TotalSeconds, 1.45, 1.55);
        Assert.Equal(15, await CountFramesAsync(fitted));
    }

    [Theory]
    [InlineData("interpolate|{missing}|--fps|30|-o|{out}.mp4", "videokit: error: The video file '{missing}' does not exist.")]
    [InlineData("interpolate|{clip}|--fps|fast|-o|{out}.mp4", "videokit: error: --fps 'fast' is not a frame rate; use e.g. 60, 59.94 or 30000/1001.")]
    [InlineData("interpolate|{clip}|--fps|30|--mode|optical|-o|{out}.mp4", "videokit: error: Unknown interpolation mode 'optical'; use nearest, blend or motion.")]
    [InlineData("interpolate|{clip}|--fps|30|--lossless|-o|{out}.mp4", "videokit: error: --lossless writes FFV1, which needs a .mkv output; '{out}.mp4' is .mp4.")]
    [InlineData("interpolate|{clip}|--fps|30|-o|{out}.xyz", "videokit: error: Cannot write video to '{out}.xyz': the extension '.xyz' is not one of .mp4, .mov, .m4v, .mkv, .webm.")]
    [InlineData("interpolate|{clip}|--fps|30|-o|{existing}", "videokit: error: '{existing}' already exists; set Overwrite (CLI: --overwrite) to replace it.")]
    [InlineData("retime|{clip}|--speed|2|--duration|3|-o|{out}.mp4", "videokit: error: Give exactly one of --speed F or --duration SECONDS.")]
    [InlineData("retime|{clip}|-o|{out}.mp4", "videokit: error: Give exactly one of --speed F or --duration SECONDS.")]
    [InlineData("retime|{clip}|--speed|0|-o|{out}.mp4", "videokit: error: --speed 0 is outside [0.01, 100]; use 0.5 for half speed, 2 for double.")]
    [InlineData("retime|{clip}|--duration|-1|-o|{out}.mp4", "videokit: error: --duration -1 is not a valid number of seconds; it must be more than 0.")]
    public async Task Commands_BadInput_FailWithAOneLineMessage(string arguments, string expected)
    {
        string clip = TestMedia.Clip("cli-bad-input.mp4", 64, 48, 10, 0.5);
        string folder = TestMedia.NewFolder("cli-bad");
        string missing = Path.Combine(folder, "nope.mp4"), output = Path.Combine(folder, "out"), existing = Path.Combine(folder, "existing.mp4");
        await File.WriteAllTextAsync(existing, "taken", TestContext.Current.CancellationToken);
        string Fill(string a) => a.Replace("{clip}", clip, StringComparison.Ordinal).Replace("{missing}", missing, StringComparison.Ordinal)
            .Replace("{out}", output, StringComparison.Ordinal).Replace("{existing}", existing, StringComparison.Ordinal);
        string[] args = [.. arguments.Split('|').Select(Fill)];

        Cli.Result result = await Cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Fill(expected), result.StandardError.Trim());
        Assert.Equal([existing], Directory.GetFiles(folder));
    }

    private static async Task<int> CountFramesAsync(string path)
    {
        int n = 0;
        await foreach (Imaging.Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: TestContext.Current.CancellationToken))
        {
            f.Dispose();
            n++;
        }

        return n;
    }
}
