using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Text;

namespace VideoKit.IntegrationTests.Words;

[Trait("Category", "FFmpeg")]
public sealed class CaptionRenderTests
{
    private static readonly Resolution s_size = new(320, 180);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static async Task<List<Frame>> RenderAsync(string name, TextLayer? text, double seconds = 2)
    {
        string folder = TestMedia.NewFolder(name);
        string still = TestMedia.Solid("caption-grey.png", 320, 180, "0x405060");
        string output = Path.Combine(folder, name + ".mkv");
        TimelineBuilder builder = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(seconds)).AddImage(still, TimeSpan.Zero, S(seconds));
        if (text is not null)
        {
            builder.WithText(text);
        }

        await builder.Build().RenderAsync(output, new RenderOptions { Codec = VideoCodec.Ffv1 }, cancellationToken: TestContext.Current.CancellationToken);
        return await WordsMedia.ReadAllAsync(output);
    }

    [Fact]
    public async Task Captions_AccentedCyrillicAndCjkLines_AreDrawnOnlyWhileEachLineIsActive()
    {
        LyricSheet sheet = LyricSheet.Parse("[00:00.30]Ça déjà vu\n[00:00.90]Привет мир\n[00:01.50]你好世界\n[00:01.90]\n", LyricFormat.Lrc);
        var text = new TextLayer { Captions = sheet.Lines, CaptionStyle = new CaptionStyle { Size = 0.15 } };
        List<Frame> plain = await RenderAsync("captions-plain", null);
        List<Frame> captioned = await RenderAsync("captions-on", text);
        try
        {
            Assert.Equal(60, captioned.Count);
            for (int f = 0; f < 60; f++)
            {
                // The caption band (bottom third) against the caption-free render; the top half must not change at all.
                double band = WordsMedia.MeanDifference(captioned[f], plain[f], 0, 120, 320, 180);
                double top = WordsMedia.MeanDifference(captioned[f], plain[f], 0, 0, 320, 90);
                bool active = f >= 9 && f < 57;   // 0.30 s to 1.90 s
                Assert.True(active ? band > 3 : band < 0.01, $"frame {f}: caption band differs by {band:0.###} (line active: {active})");
                Assert.True(top < 0.01, $"frame {f}: the top half differs by {top:0.###}");
            }
        }
        finally
        {
            WordsMedia.DisposeAll(plain);
            WordsMedia.DisposeAll(captioned);
        }
    }

    [Fact]
    public async Task Captions_DifferentCyrillicAndCjkCharacters_DrawDifferentGlyphsNotMissingGlyphBoxes()
    {
        // A font without a character draws the same box for every missing one: distinct characters must differ.
        LyricSheet sheet = LyricSheet.Parse("[00:00.00]Жж\n[00:00.50]Щщ\n[00:01.00]你\n[00:01.50]好\n[00:02.00]\n", LyricFormat.Lrc);
        var text = new TextLayer { Captions = sheet.Lines, CaptionStyle = new CaptionStyle { Size = 0.2 } };
        List<Frame> frames = await RenderAsync("captions-glyphs", text);
        try
        {
            Assert.True(WordsMedia.MeanDifference(frames[5], frames[20], 0, 100, 320, 180) > 0.5, "Ж and Щ look the same");
            Assert.True(WordsMedia.MeanDifference(frames[35], frames[50], 0, 100, 320, 180) > 0.5, "你 and 好 look the same");
        }
        finally
        {
            WordsMedia.DisposeAll(frames);
        }
    }

    [Fact]
    public async Task Karaoke_SecondWord_TurnsTheHighlightColourAtItsTime()
    {
        LyricSheet sheet = LyricSheet.Parse("[00:00.20]<00:00.20>MMMM <00:01.00>WWWW<00:01.80>\n", LyricFormat.Lrc);
        var style = new CaptionStyle { Size = 0.16, Color = "#FFFFFF", HighlightColor = "#FF0000", Outline = 0, Position = TextPosition.Middle };
        List<Frame> frames = await RenderAsync("karaoke", new TextLayer { Captions = sheet.Lines, Karaoke = true, CaptionStyle = style });
        try
        {
            int Red(int f, int x0, int x1) => WordsMedia.CountColour(frames[f], x0, 50, x1, 130, 240, 20, 20, 40);
            int White(int f, int x0, int x1) => WordsMedia.CountColour(frames[f], x0, 50, x1, 130, 245, 245, 245, 20);

            // Frame 29 (0.967 s): the first word is sung (red), the second not yet (white). Frame 31 (1.033 s): both red.
            Assert.True(Red(29, 0, 150) > 50 && White(29, 0, 150) < 5, $"first word at 0.97 s: red {Red(29, 0, 150)}, white {White(29, 0, 150)}");
            Assert.True(White(29, 170, 320) > 50 && Red(29, 170, 320) < 5, $"second word at 0.97 s: red {Red(29, 170, 320)}, white {White(29, 170, 320)}");
            Assert.True(Red(31, 170, 320) > 50 && White(31, 170, 320) < 5, $"second word at 1.03 s: red {Red(31, 170, 320)}, white {White(31, 170, 320)}");
            Assert.True(White(3, 0, 320) == 0 && Red(3, 0, 320) == 0, "nothing is drawn before the line (0.1 s)");
        }
        finally
        {
            WordsMedia.DisposeAll(frames);
        }
    }

    [Fact]
    public async Task Render_FontThatDoesNotExist_IsAnErrorNamingIt()
    {
        string output = Path.Combine(TestMedia.NewFolder("nofont"), "out.mp4");
        string still = TestMedia.Solid("caption-grey.png", 320, 180, "0x405060");
        var text = new TextLayer { Overlays = [new TextOverlay { Text = "Hi", Start = TimeSpan.Zero, Duration = S(1), Style = new CaptionStyle { Font = "Imaginary Grotesk" } }] };
        var builder = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(1)).AddImage(still, TimeSpan.Zero, S(1)).WithText(text);

        TimelineValidationException ex = Assert.Throws<TimelineValidationException>(builder.Build);

        Assert.Contains("overlays[0].style.font: 'Imaginary Grotesk' is not installed", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
