using VideoKit.Media;

namespace VideoKit.Tests.Media;

/// <summary>
/// Which line of FFmpeg's error output a message quotes. The lines are FFmpeg 5.1's own, recorded from runs that failed
/// (a mix whose loudnorm left no channel layout, a graph naming a filter this build lacks).
/// </summary>
public sealed class FFmpegErrorTests
{
    [Fact]
    public void Explain_SkipsFFmpegsGenericClosingLines_AndTheFilterPrefix()
    {
        string[] tail =
        [
            "[Parsed_aresample_8 @ 0x55ca9b783000] Cannot select channel layout for the link between filters Parsed_aresample_8 and format_out_0_0.",
            "Error reinitializing filters!",
            "Failed to inject frame into filter network: Invalid argument",
            "Error while processing the decoded data for stream #0:0",
            "Conversion failed!",
        ];

        Assert.Equal("Cannot select channel layout for the link between filters Parsed_aresample_8 and format_out_0_0.", FFmpegProcess.Explain(tail));
    }

    [Fact]
    public void Explain_MissingAssFilter_NamesLibass()
    {
        string[] tail = ["[AVFilterGraph @ 0x5600d1c0] No such filter: 'ass'", "Error initializing complex filters.", "Invalid argument"];

        Assert.StartsWith("this FFmpeg has no 'ass' filter, which draws captions and text: install an FFmpeg built with libass", FFmpegProcess.Explain(tail), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OnlyGenericLines_GivesTheLast_AndNothingGivesAFallback()
    {
        Assert.Equal("Conversion failed!", FFmpegProcess.Explain(["Invalid argument", "Conversion failed!"]));
        Assert.Equal("no error output", FFmpegProcess.Explain(["", "  "]));
    }
}
