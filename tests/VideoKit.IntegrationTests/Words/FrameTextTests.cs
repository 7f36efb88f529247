using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Text;

namespace VideoKit.IntegrationTests.Words;

/// <summary>A single frame (<c>RenderFrameAsync</c>, <c>videokit frame</c>) carries the text the render burns in.</summary>
[Trait("Category", "FFmpeg")]
public sealed class FrameTextTests
{
    private static readonly Resolution s_size = new(320, 180);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task RenderFrame_WithKaraokeAndAFadingOverlay_MatchesTheRenderedFrameAtThatTime()
    {
        string folder = TestMedia.NewFolder("frame-text");
        string still = TestMedia.Solid("frame-text-grey.png", 320, 180, "0x405060");
        LyricSheet sheet = LyricSheet.Parse("[00:00.20]<00:00.20>MMMM <00:01.00>WWWW<00:01.80>\n", LyricFormat.Lrc);
        var karaoke = new CaptionStyle { Size = 0.16, Color = "#FFFFFF", HighlightColor = "#FF0000", Outline = 0, Position = TextPosition.Middle };
        var text = new TextLayer
        {
            Captions = sheet.Lines,
            Karaoke = true,
            CaptionStyle = karaoke,
            Overlays = [new TextOverlay { Text = "FADE", Start = S(0.2), Duration = S(1.6), FadeIn = S(0.6), Style = new CaptionStyle { Size = 0.16, Position = TextPosition.Top } }],
        };
        Timeline captioned = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(2)).AddImage(still, TimeSpan.Zero, S(2)).WithText(text).Build();
        Timeline plain = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(2)).AddImage(still, TimeSpan.Zero, S(2)).Build();
        string output = Path.Combine(folder, "frame-text.mkv");
        await captioned.RenderAsync(output, new RenderOptions { Codec = VideoCodec.Ffv1 }, cancellationToken: TestContext.Current.CancellationToken);
        List<Frame> rendered = await WordsMedia.ReadAllAsync(output);
        using Frame bare = await plain.RenderFrameAsync(S(0.5), cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            // Mid fade-in and before the second word (0.50 s), the second word just highlighted (1.02 s), fully in (1.50 s).
            foreach (double t in new[] { 0.5, 1.02, 1.5 })
            {
                int f = (int)FrameRate.Fps30.FrameIndexAt(S(t));
                using Frame frame = await captioned.RenderFrameAsync(S(t), cancellationToken: TestContext.Current.CancellationToken);
                double psnr = ImageMetrics.Psnr(frame, rendered[f]);
                Assert.True(psnr > 35, $"{t} s: PSNR against rendered frame {f} is {psnr:0.0} dB");
                foreach ((string what, int y0, int y1) in new[] { ("overlay (top)", 0, 60), ("karaoke (middle)", 60, 120) })
                {
                    double ink = WordsMedia.MeanDifference(frame, bare, 0, y0, 320, y1);
                    double off = WordsMedia.MeanDifference(frame, rendered[f], 0, y0, 320, y1);
                    Assert.True(ink > 0.5, $"{t} s: the {what} band has no text (differs from the text-free frame by {ink:0.###})");
                    Assert.True(off < ink / 10, $"{t} s: the {what} band differs from the render by {off:0.###} (text ink {ink:0.###})");
                }
            }

            // The karaoke highlight and the fade are taken at the frame's own time, not at the line's start.
            int redEarly = WordsMedia.CountColour(rendered[15], 0, 60, 320, 120, 255, 0, 0, 60);
            using Frame early = await captioned.RenderFrameAsync(S(0.5), cancellationToken: TestContext.Current.CancellationToken);
            using Frame late = await captioned.RenderFrameAsync(S(1.5), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(WordsMedia.CountColour(late, 160, 60, 320, 120, 255, 0, 0, 60) > 50, "at 1.5 s the second word is not red");
            Assert.True(WordsMedia.CountColour(early, 160, 60, 320, 120, 255, 0, 0, 60) < 5, "at 0.5 s the second word is already red");
            Assert.True(WordsMedia.MeanDifference(early, late, 0, 0, 320, 60) > 1, "the overlay at 0.5 s (mid fade-in) looks like the one at 1.5 s");
            Assert.True(redEarly > 50, "the render's first word is not red at 0.5 s");
        }
        finally
        {
            WordsMedia.DisposeAll(rendered);
        }
    }
}
