namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// How the tool finds FFmpeg: <c>VIDEOKIT_FFMPEG_DIR</c>, else PATH; when neither holds it, the message names the
/// variable (the CLI README documents it). Run as processes: the environment is the tool's own.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class FFmpegLocationTests
{
    [Fact]
    public async Task Cli_FindsFFmpegThroughVideokitFFmpegDir_AndNamesItWhenFFmpegIsMissing()
    {
        string song = TestMedia.Tone("ffmpeg-location-song.wav", 1);
        string empty = TestMedia.NewFolder("ffmpeg-location-empty");
        string ffmpegFolder = Path.GetDirectoryName(VideoKit.Media.FFmpegTools.Locate().FFmpegPath)!;

        // No FFmpeg on PATH: found through the variable, or not at all.
        Cli.Result viaVariable = await Cli.RunWithEnvironmentAsync(new Dictionary<string, string?> { ["PATH"] = empty, ["VIDEOKIT_FFMPEG_DIR"] = ffmpegFolder }, "probe", song);
        Cli.Result missing = await Cli.RunWithEnvironmentAsync(new Dictionary<string, string?> { ["PATH"] = empty, ["VIDEOKIT_FFMPEG_DIR"] = null }, "probe", song);
        Cli.Result wrongFolder = await Cli.RunWithEnvironmentAsync(new Dictionary<string, string?> { ["VIDEOKIT_FFMPEG_DIR"] = empty }, "probe", song);

        Assert.True(viaVariable.ExitCode == 0, viaVariable.StandardError);
        Assert.Contains("audio", viaVariable.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("videokit: error: FFmpeg was not found: no folder on PATH holds both 'ffmpeg' and 'ffprobe'. Install FFmpeg 5.1 or newer " +
            "(on Debian/Ubuntu: apt-get install ffmpeg), or set the environment variable VIDEOKIT_FFMPEG_DIR (in code also VideoKitOptions.FFmpegFolder) to its folder.",
            missing.StandardError.Trim());
        Assert.Equal(1, wrongFolder.ExitCode);
        Assert.StartsWith($"videokit: error: FFmpeg was not found in '{empty}' (from VIDEOKIT_FFMPEG_DIR)", wrongFolder.StandardError.Trim(), StringComparison.Ordinal);
    }
}
