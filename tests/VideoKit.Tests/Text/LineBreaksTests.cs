using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class LineBreaksTests
{
    private const string B = LineBreaks.Opportunity;

    [Theory]
    [InlineData("君の名前", "君" + B + "の" + B + "名" + B + "前")]
    [InlineData("我们唱歌", "我" + B + "们" + B + "唱" + B + "歌")]
    [InlineData("Hello world", "Hello world")]                                  // spaces already wrap
    [InlineData("너의 이름을", "너의 이름을")]                                  // Korean wraps at its spaces
    [InlineData("สวัสดี", "สวัสดี")]                                             // Thai needs a dictionary: left alone
    [InlineData("愛 love 愛", "愛 love 愛")]
    public void AllowCjkBreaks_PutsAnInvisibleSpaceBetweenCjkCharactersOnly(string text, string expected) =>
        Assert.Equal(expected, LineBreaks.AllowCjkBreaks(text));

    [Theory]
    [InlineData("ちょっと", "ち" + "ょ" + "っ" + B + "と")]                     // never before a small kana
    [InlineData("ラーメン", "ラ" + "ー" + B + "メ" + B + "ン")]                  // nor before the prolonged sound mark
    [InlineData("歌う。「夢」", "歌" + B + "う" + "。" + B + "「" + "夢" + "」")] // nor before closing punctuation, after an opening bracket
    public void AllowCjkBreaks_KeepsJapaneseLineBreakingRules(string text, string expected) =>
        Assert.Equal(expected, LineBreaks.AllowCjkBreaks(text));

    [Fact]
    public void AllowCjkBreaks_OverrideBlocksAndEscapes_AreKeptWhole()
    {
        // A tag block between two characters is passed through (the break goes before it); an escaped brace or \N
        // separates them.
        Assert.Equal("{\\fad(200,0)}光" + B + "{\\1c&H0000FF&}の\\N中", LineBreaks.AllowCjkBreaks("{\\fad(200,0)}光{\\1c&H0000FF&}の\\N中"));
        Assert.Equal("光\\{中", LineBreaks.AllowCjkBreaks("光\\{中"));
    }

    [Fact]
    public void AllowCjkBreaks_KaraokeLine_BreaksBetweenTimedWordsOnly()
    {
        // libass times karaoke per run: a scaled space inside a word would start a run highlighted only when the word ends.
        Assert.Equal("{\\k50}夜空の" + B + "{\\k25}星" + B + "{\\kf40}光", LineBreaks.AllowCjkBreaks("{\\k50}夜空の{\\k25}星{\\kf40}光"));
    }

    [Fact]
    public void AllowCjkBreaks_IdeographsBeyondTheBmp_AreCjk() =>
        Assert.Equal("𠀋" + B + "𠀋", LineBreaks.AllowCjkBreaks("𠀋𠀋"));
}
