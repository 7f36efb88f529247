using VideoKit.Text;

namespace VideoKit.Tests.Text;

public sealed class LyricSheetTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Parse_Lrc_LinesEndAtTheNextLineAndMetadataIsSkipped()
    {
        LyricSheet sheet = LyricSheet.Parse("[ar:Someone]\n[ti:Song]\n[00:01.50]First line\n[00:04.00]Second line\n[00:07.25]\n", LyricFormat.Lrc);

        Assert.Equal(2, sheet.Lines.Count);
        Assert.Equal(S(1.5), sheet.Lines[0].Start);
        Assert.Equal(S(4), sheet.Lines[0].End);
        Assert.Equal(S(7.25), sheet.Lines[1].End);   // the empty timed line ends it
        Assert.Equal("Second line", sheet.Lines[1].Text);
        Assert.Equal(4, sheet.Lines[1].SourceLine);
    }

    [Fact]
    public void Parse_EnhancedLrc_ReadsWordTimesAndTheClosingTag()
    {
        LyricSheet sheet = LyricSheet.Parse("[00:10.00]<00:10.00>Hold <00:10.40>on <00:11.10>tight<00:12.00>\n[00:13.00]<00:13.00>Next\n", LyricFormat.Lrc);

        LyricLine line = sheet.Lines[0];
        Assert.Equal("Hold on tight", line.Text);
        Assert.Equal([S(10), S(10.4), S(11.1)], line.Words.Select(w => w.Start));
        Assert.Equal(S(12), line.Words[2].End);
        Assert.Equal(S(12), line.End);
        Assert.True(sheet.HasWordTimes);
    }

    [Fact]
    public void Parse_LrcRepeatedStamps_RepeatsTheLineInTimeOrder()
    {
        LyricSheet sheet = LyricSheet.Parse("[00:05.00][00:20.00]Chorus\n[00:10.00]Verse\n", LyricFormat.Lrc);

        Assert.Equal(["Chorus", "Verse", "Chorus"], sheet.Lines.Select(l => l.Text));
        Assert.Equal(S(20), sheet.Lines[2].Start);
    }

    [Theory]
    [InlineData("[00:01.00]ok\n[00:6x.00]bad\n", 2, "bad timestamp '[00:6x.00]'")]
    [InlineData("[00:01.00]ok\n[00:75.00]bad\n", 2, "bad timestamp '[00:75.00]'")]
    [InlineData("[00:01.00]ok\n[00:02.00]<00:02.00>a <00:0z.5>b\n", 2, "bad word timestamp '<00:0z.5>'")]
    [InlineData("[00:01.00]one\nno stamp here\n", 2, "has no timestamp")]
    public void Parse_LrcBadTimestamp_NamesTheLine(string text, int line, string fragment)
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse(text, LyricFormat.Lrc, "song.lrc"));

        Assert.Equal(line, ex.LineNumber);
        Assert.StartsWith($"'song.lrc' line {line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LrcTwoLinesAtTheSameTime_IsAnOverlapAtTheLaterLine()
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse("[00:01.00]a\n[00:03.00]b\n[00:03.00]c\n", LyricFormat.Lrc, "x.lrc"));

        Assert.Equal("'x.lrc' line 3: overlaps line 2: both start at 00:03.00", ex.Message);
    }

    [Fact]
    public void Parse_LrcWordsRunningIntoTheNextLine_IsAnOverlap()
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse("[00:01.00]<00:01.00>a <00:02.00>b<00:05.00>\n[00:04.00]c\n", LyricFormat.Lrc, "x.lrc"));

        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("overlaps the next line (line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Srt_ReadsCuesAndDropsTags()
    {
        LyricSheet sheet = LyricSheet.Parse("1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i>\r\nworld\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n{\\an8}Bye\r\n", LyricFormat.Srt);

        Assert.Equal(2, sheet.Lines.Count);
        Assert.Equal("Hello\nworld", sheet.Lines[0].Text);
        Assert.Equal(S(2.5), sheet.Lines[0].End);
        Assert.Equal("Bye", sheet.Lines[1].Text);
        Assert.Equal(7, sheet.Lines[1].SourceLine);   // the timing line
    }

    [Fact]
    public void Parse_SrtOverlappingCue_NamesItsTimingLine()
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() =>
            LyricSheet.Parse("1\n00:00:01,000 --> 00:00:03,000\nA\n\n2\n00:00:02,000 --> 00:00:04,000\nB\n", LyricFormat.Srt, "s.srt"));

        Assert.Equal("'s.srt' line 6: overlaps line 2: starts at 00:02.00, before that one ends (00:03.00)", ex.Message);
    }

    // Cues out of file order are shown by their times (players do; Aegisub saves ASS events in any order); an overlap
    // is still refused, naming both lines.
    [Fact]
    public void Parse_SrtCuesOutOfOrder_AreSortedByTime_ButStillMayNotOverlap()
    {
        LyricSheet sheet = LyricSheet.Parse("1\n00:00:02,000 --> 00:00:03,000\nsecond\n\n2\n00:00:00,500 --> 00:00:01,500\nfirst\n", LyricFormat.Srt, "s.srt");
        LyricParseException ex = Assert.Throws<LyricParseException>(() =>
            LyricSheet.Parse("1\n00:00:02,000 --> 00:00:03,000\nB\n\n2\n00:00:00,500 --> 00:00:02,500\nA\n", LyricFormat.Srt, "s.srt"));

        Assert.Equal(["first", "second"], sheet.Lines.Select(l => l.Text));
        Assert.Equal([0, 1], sheet.Lines.Select(l => l.Index));
        Assert.Equal([6, 2], sheet.Lines.Select(l => l.SourceLine));
        Assert.Equal("'s.srt' line 2: overlaps line 6: starts at 00:02.00, before that one ends (00:02.50)", ex.Message);
    }

    [Fact]
    public void Parse_SrtBadTimestamp_NamesTheLine()
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse("1\n00:00:01,000 --> 00:00:0X,000\nA\n", LyricFormat.Srt, "s.srt"));

        Assert.Equal("'s.srt' line 2: bad timestamp '00:00:0X,000'; use hh:mm:ss,mmm", ex.Message);
    }

    [Fact]
    public void Parse_WebVtt_ReadsInlineWordTimestampsAndSkipsNotes()
    {
        const string Vtt = "WEBVTT\n\nNOTE a comment\nspanning lines\n\nintro\n00:01.000 --> 00:03.000 align:center\n<v Singer>Oh <00:01.500>my <00:02.200>love\n";
        LyricSheet sheet = LyricSheet.Parse(Vtt, LyricFormat.WebVtt);

        LyricLine line = Assert.Single(sheet.Lines);
        Assert.Equal("Oh my love", line.Text);
        Assert.Equal([S(1), S(1.5), S(2.2)], line.Words.Select(w => w.Start));
        Assert.Equal(S(3), line.Words[^1].End);
    }

    [Fact]
    public void Parse_WebVttBadTimestamp_NamesTheLine()
    {
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse("WEBVTT\n\n00:01.000 --> 00:61.000\nA\n", LyricFormat.WebVtt, "v.vtt"));

        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void Parse_AssKaraoke_ReadsWordTimesFromKTags()
    {
        const string Ass = "[Script Info]\nTitle: x\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n" +
            "Dialogue: 0,0:00:02.00,0:00:04.00,Default,,0,0,0,,{\\k50}Sha{\\kf30}la{\\k120}la\\Nnext\n";
        LyricSheet sheet = LyricSheet.Parse(Ass, LyricFormat.Ass);

        LyricLine line = Assert.Single(sheet.Lines);
        Assert.Equal("Shalala\nnext", line.Text);
        Assert.Equal([S(2), S(2.5), S(2.8)], line.Words.Select(w => w.Start));
        Assert.Equal(S(4), line.Words[2].End);
        Assert.Equal(6, line.SourceLine);
    }

    [Fact]
    public void Parse_AssBadTimestamp_NamesTheLine()
    {
        const string Ass = "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:02.00,0:0x:04.00,Default,,0,0,0,,Hi\n";
        LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Parse(Ass, LyricFormat.Ass, "a.ass"));

        Assert.Equal("'a.ass' line 3: bad timestamp '0:0x:04.00'; use h:mm:ss.cc", ex.Message);
    }

    [Fact]
    public void Load_NotUtf8_IsAnErrorNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Guid.NewGuid().ToString("N")[..8] + ".lrc");
        File.WriteAllBytes(path, [0x5B, 0x30, 0x30, 0xFF, 0xFE, 0x00, 0xC3]);
        try
        {
            LyricParseException ex = Assert.Throws<LyricParseException>(() => LyricSheet.Load(path));

            Assert.Equal($"The lyrics file '{path}' cannot be read: it is not UTF-8 text.", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFileAndUnknownExtension_AreClearErrors()
    {
        Assert.Equal("The lyrics file 'gone.lrc' does not exist.", Assert.Throws<FileNotFoundException>(() => LyricSheet.Load("gone.lrc")).Message);
        string txt = TestFiles.Touch("lyrics.txt");
        Assert.Contains("is not a lyrics file VideoKit reads; use .lrc, .srt, .vtt, .ass or .ssa", Assert.Throws<LyricParseException>(() => LyricSheet.Load(txt)).Message, StringComparison.Ordinal);
    }
}
