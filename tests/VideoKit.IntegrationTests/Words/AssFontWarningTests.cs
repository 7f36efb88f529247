using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Text;

namespace VideoKit.IntegrationTests.Words;

/// <summary>A user's own ASS file that names a font libass cannot find is rendered with a substitute, and a warning says so.</summary>
[Trait("Category", "FFmpeg")]
public sealed class AssFontWarningTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task Render_AssFileNamingAnUnknownFamily_WarnsNamingTheFileStyleAndFamily()
    {
        string folder = TestMedia.NewFolder("ass-font-warning");
        string ass = Path.Combine(folder, "song.ass");
        File.WriteAllText(ass, """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 320
            PlayResY: 180

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Chorus,Imaginary Grotesk,36,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,5,10,10,10,-1
            Style: Verse,DejaVu Sans Bold,36,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,-1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.00,0:00:01.00,Chorus,,0,0,0,,Hello
            Dialogue: 0,0:00:00.00,0:00:01.00,Verse,,0,0,0,,{\fnDejaVu Serif}world
            """);
        string still = TestMedia.Solid("ass-font-grey.png", 320, 180, "0x405060");
        var warned = new List<string>();
        Timeline timeline = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30).WithDuration(S(1)).AddImage(still, TimeSpan.Zero, S(1))
            .WithText(new TextLayer { AssFile = ass }).Build();
        var options = new RenderOptions { Codec = VideoCodec.Ffv1, Options = new VideoKitOptions { Log = warned.Add } };

        RenderResult result = await timeline.RenderAsync(Path.Combine(folder, "out.mkv"), options, cancellationToken: TestContext.Current.CancellationToken);

        // One warning, for the unknown family only: a full name ("DejaVu Sans Bold") and a \fn family that exist are fine.
        string warning = Assert.Single(result.Warnings, w => w.StartsWith("text:", StringComparison.Ordinal));
        Assert.Contains($"'{ass}'", warning, StringComparison.Ordinal);
        Assert.Contains("style 'Chorus'", warning, StringComparison.Ordinal);
        Assert.Contains("'Imaginary Grotesk'", warning, StringComparison.Ordinal);
        Assert.Contains(warned, w => w.Contains("'Imaginary Grotesk'", StringComparison.Ordinal));

        // The preview frame says it too, and the text is still drawn (by the substitute).
        warned.Clear();
        using Frame frame = await timeline.RenderFrameAsync(S(0.5), options, TestContext.Current.CancellationToken);
        Assert.Contains(warned, w => w.Contains("style 'Chorus'", StringComparison.Ordinal));
        Assert.True(WordsMedia.CountColour(frame, 0, 60, 320, 120, 255, 255, 255, 30) > 20, "the substituted text is not drawn");
    }
}
