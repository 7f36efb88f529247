namespace VideoKit.IntegrationTests.CliTests;

[Trait("Category", "FFmpeg")]
public sealed class ProbeCommandTests
{
    [Fact]
    public async Task Probe_Clip_PrintsSizeAndRate()
    {
        string clip = TestMedia.Clip("cli-probe.mp4", 320, 240, 25, 1);

        Cli.Result result = await Cli.RunAsync("probe", clip);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("320x240", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("25 fps", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_MissingFile_ExitsNonZeroWithOneLine()
    {
        Cli.Result result = await Cli.RunAsync("probe", "/no/such/file.mp4");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("videokit: error: The media file '/no/such/file.mp4' does not exist.", result.StandardError.Trim());
    }
}
