using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class MissingGlyphsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Theory]
    [InlineData("[Parsed_ass_0 @ 0x55649ef86f80] fontselect: failed to find any fallback with glyph 0x1F3B5 for font: (Noto Sans, 400, 0)", 0x1F3B5)]
    [InlineData("[Parsed_ass_0 @ 0x55649ef86f80] Glyph 0x1F972 not found in font for (Noto Sans, 700, 0)", 0x1F972)]
    public void TryParse_LibassNoGlyphLines_GiveTheCharacter(string line, int expected)
    {
        Assert.True(MissingGlyphs.TryParse(line, out int codePoint));
        Assert.Equal(expected, codePoint);
    }

    [Theory]
    [InlineData("[Parsed_ass_0 @ 0x55649ef86f80] Glyph 0x2764 not found, selecting one more font for (Noto Sans, 400, 0)")]   // a fallback is then found
    [InlineData("[Parsed_ass_0 @ 0x55649ef86f80] Glyph 0x1F600 not found, broken font? Trying all charmaps")]
    [InlineData("[rawvideo @ 0x559495803b40] Thread message queue blocking; consider raising the thread_queue_size option (current value: 8)")]
    public void TryParse_OtherLines_AreNotMissingGlyphs(string line) => Assert.False(MissingGlyphs.TryParse(line, out _));

    [Fact]
    public void Observe_TakesGlyphLinesAndLeavesTheRest()
    {
        var glyphs = new MissingGlyphs();

        Assert.True(glyphs.Observe("[Parsed_ass_0 @ 0x1] fontselect: failed to find any fallback with glyph 0x1F3B6 for font: (Noto Sans, 400, 0)"));
        Assert.True(glyphs.Observe("[Parsed_ass_0 @ 0x1] fontselect: failed to find any fallback with glyph 0x1F3B5 for font: (Noto Sans, 400, 0)"));
        Assert.True(glyphs.Observe("[Parsed_ass_0 @ 0x1] Glyph 0x1F600 not found, broken font? Trying all charmaps"));
        Assert.False(glyphs.Observe("[Parsed_ass_0 @ 0x1] Unable to open /tmp/x.ass"));   // an error stays in FFmpeg's error tail

        Assert.Equal([0x1F3B5, 0x1F3B6], glyphs.CodePoints);
    }

    [Fact]
    public void Warnings_NameEachLineWithItsMissingCharacters()
    {
        var layer = new TextLayer
        {
            Captions = LyricSheet.Parse("[00:01.00]so happy 🥲\n[00:02.50]plain line\n[00:04.00]🥲 again 🎵\n[00:06.00]\n", LyricFormat.Lrc).Lines,
            Overlays = [new TextOverlay { Text = "Title 🎵", Start = S(0), Duration = S(1) }],
        };

        IReadOnlyList<string> warnings = MissingGlyphs.Warnings(layer, [0x1F3B5, 0x1F972], S(0), S(10));

        Assert.Equal(3, warnings.Count);
        Assert.StartsWith("text: caption line 1 (at 0:00:01.00, source line 1) \"so happy 🥲\" has the character U+1F972 (🥲) that no installed font has; libass draws it as an empty box.", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("text: caption line 3 (at 0:00:04.00, source line 3) \"🥲 again 🎵\" has the characters U+1F3B5 (🎵), U+1F972 (🥲) that no installed font has; libass draws them as empty boxes.", warnings[1], StringComparison.Ordinal);
        Assert.StartsWith("text: text item 0 (at 0:00:00.00) \"Title 🎵\" has the character U+1F3B5", warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_OnlyLinesInTheRenderedRange_AndTheRestOnce()
    {
        var layer = new TextLayer { Captions = LyricSheet.Parse("[00:01.00]a 🥲\n[00:05.00]b 🥲\n[00:06.00]\n", LyricFormat.Lrc).Lines };

        IReadOnlyList<string> warnings = MissingGlyphs.Warnings(layer, [0x1F972, 0x4E00], S(5), S(8));

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("text: caption line 2 ", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("text: the text has the character U+4E00 (一) that no installed font has; libass draws it as an empty box. Install a font that has it (Debian: fonts-noto-cjk or the smaller fonts-droid-fallback", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_NothingMissing_IsNoWarning() =>
        Assert.Empty(MissingGlyphs.Warnings(new TextLayer(), [], S(0), S(1)));
}
