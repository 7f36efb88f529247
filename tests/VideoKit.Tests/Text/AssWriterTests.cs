using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class AssWriterTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Write_KaraokeLine_HasCumulativeKTagsAndKaraokeColours()
    {
        LyricLine line = LyricSheet.Parse("[00:01.00]<00:01.25>Hold <00:01.60>on<00:02.40>\n", LyricFormat.Lrc).Lines[0];
        var layer = new TextLayer { Captions = [line], Karaoke = true, CaptionStyle = new CaptionStyle { Color = "#FFFFFF", HighlightColor = "#FF0000" } };

        string ass = AssWriter.Write(layer, new Resolution(1280, 720));

        Assert.Contains("Dialogue: 0,0:00:01.00,0:00:02.40,Caption,,0,0,0,,{\\k25}{\\k35}Hold {\\k80}on\n", ass, StringComparison.Ordinal);
        Assert.Contains("Style: Caption,Noto Sans,43.2,&H000000FF,&H00FFFFFF,", ass, StringComparison.Ordinal);   // primary = sung (red), secondary = white
        Assert.Contains("PlayResX: 1280\nPlayResY: 720", ass, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PortraitOutput_UsesThePortraitMargins()
    {
        var layer = new TextLayer { Captions = [new LyricLine { Index = 0, Start = S(0), End = S(1), Text = "x" }] };

        string ass = AssWriter.Write(layer, new Resolution(1080, 1920));

        Assert.Contains(",2,86,86,269,-1\n", ass, StringComparison.Ordinal);   // 8 % of 1080, 14 % of 1920, bottom centre; direction from the text
    }

    [Fact]
    public void Write_SlidingTitle_IsThreeEventsWithMoveAndFades()
    {
        var layer = new TextLayer { Overlays = [new TextOverlay { Text = "Title", Start = S(1), Duration = S(4), FadeIn = S(0.5), FadeOut = S(1), Slide = TextSlide.Up }] };

        string ass = AssWriter.Write(layer, new Resolution(1000, 500));

        Assert.Contains("Dialogue: 1,0:00:01.00,0:00:01.50,Text0,,0,0,0,,{\\an5\\move(500,290,500,250,0,500)\\fad(500,0)}Title", ass, StringComparison.Ordinal);
        Assert.Contains("Dialogue: 1,0:00:01.50,0:00:04.00,Text0,,0,0,0,,{\\an5\\pos(500,250)}Title", ass, StringComparison.Ordinal);
        Assert.Contains("Dialogue: 1,0:00:04.00,0:00:05.00,Text0,,0,0,0,,{\\an5\\move(500,250,500,210,0,1000)\\fad(0,1000)}Title", ass, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_KaraokeCjkLineTimedByCharacter_HasABreakOpportunityBetweenTheCharacters()
    {
        LyricLine line = LyricSheet.Parse("[00:00.00]<00:00.00>光<00:00.50>の<00:01.00>中<00:01.50>\n", LyricFormat.Lrc).Lines[0];
        var layer = new TextLayer { Captions = [line], Karaoke = true };

        string ass = AssWriter.Write(layer, new Resolution(1280, 720));

        Assert.Contains(",,{\\k50}光{\\fscx0} {\\fscx100}{\\k50}の{\\fscx0} {\\fscx100}{\\k50}中\n", ass, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_BracesBackslashesAndNewlines_CannotStartTags()
    {
        Assert.Equal("a\\{b\\}\\\u2060N\\Nc", AssWriter.Escape("a{b}\\N\nc"));
    }

    [Theory]
    [InlineData("#FF8000", "&H000080FF")]
    [InlineData("#00FF0080", "&H7F00FF00")]
    public void AssColor_Rgb_IsAlphaBgr(string css, string ass) => Assert.Equal(ass, AssWriter.AssColor(css));

    [Fact]
    public void Validate_BadStyle_ListsEveryProblem()
    {
        var style = new CaptionStyle { Size = 0, Color = "white", Outline = -1 };

        Assert.Equal(["size: must be a fraction of the height above 0 and at most 0.5 (is 0)", "color: 'white' is not a colour; use #RRGGBB or #RRGGBBAA", "outline: must be 0 to 50 pixels (is -1)"], style.Validate());
    }

    [Fact]
    public void Validate_MissingFont_NamesItAndTheFix()
    {
        var layer = new TextLayer { Captions = [new LyricLine { Index = 0, Start = S(0), End = S(1), Text = "x" }], CaptionStyle = new CaptionStyle { Font = "No Such Font 4711" } };

        string problem = Assert.Single(layer.Validate());

        Assert.StartsWith("captions.style.font: 'No Such Font 4711' is not installed; install it", problem, StringComparison.Ordinal);
    }
}
