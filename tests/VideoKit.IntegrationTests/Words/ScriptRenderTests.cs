using System.Text;
using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Text;

namespace VideoKit.IntegrationTests.Words;

/// <summary>
/// Lyrics in the world's common writing systems, rendered for real (libass through FFmpeg, the path a project render
/// takes): no character may be reported missing (libass's own "no font has this glyph" report, which the render turns
/// into a warning), the ink must have a plausible extent inside the safe margins, right-to-left lines must start at the
/// right, and lines without spaces must wrap. Small frames at 10 fps keep each render to a few frames.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class ScriptRenderTests
{
    private const int Width = 320, Height = 180;
    private const int Margin = 16;               // 5 % of the width: the landscape safe margin
    private static readonly Resolution s_size = new(Width, Height);
    private static readonly FrameRate s_rate = new(10);

    public static TheoryData<string, string, string, string> Scripts => new()
    {
        // script, lyric line, characters an installed font must have, the package build.sh installs for them
        { "Japanese", "君の名前を呼んでいる", "君の呼", "fonts-droid-fallback" },
        { "Chinese", "我们一起唱这首歌", "我们歌", "fonts-droid-fallback" },
        { "Korean", "너의 이름을 불러", "너의름", "fonts-droid-fallback" },
        { "Arabic", "سلام عليكم يا حبيبي", "سلامع", "fonts-noto-core" },
        { "Hebrew", "שלום עולם אני שר", "שלום", "fonts-noto-core" },
        { "Hindi", "नमस्ते दुनिया, मैं गाता हूँ", "नमस्ते", "fonts-noto-core" },
        { "Russian", "Привет, мир! Я пою", "ПриЯ", "fonts-noto-core" },
        { "Greek", "Γειά σου κόσμε, τραγουδώ", "Γειάώ", "fonts-noto-core" },
        { "Vietnamese", "Người ơi, đừng quên ặ ẫ ự", "ườơđặẫự", "fonts-noto-core" },
        { "Thai", "สวัสดีชาวโลก ฉันร้องเพลง", "สวัดี้", "fonts-noto-core" },
        { "Emoji", "I love you ❤️ 🎵🎶😀", "❤🎵🎶😀", "fonts-symbola" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Captions_EachScript_DrawEveryGlyphOnOneLineInsideTheMargins(string script, string line, string sample, string package)
    {
        ScriptFonts.Require(script, sample, package);
        var style = new CaptionStyle { Size = 0.1 };

        (Ink ink, RenderResult result) = await RenderInkAsync("script-" + script, Sheet(line), style);

        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("text:", StringComparison.Ordinal));
        double em = 0.1 * Height;
        Assert.True(ink.Count > 200, $"{script}: only {ink.Count} pixels of ink");
        Assert.True(ink.Width >= 0.2 * Width, $"{script}: the ink is {ink.Width} px wide, less than a fifth of the frame");
        Assert.True(ink.MinX >= Margin - 2 && ink.MaxX <= Width - Margin + 1, $"{script}: the ink spans x {ink.MinX}..{ink.MaxX}, outside the margins {Margin}..{Width - Margin}");
        Assert.True(ink.Height >= 0.5 * em && ink.Height <= 2.5 * em, $"{script}: the ink is {ink.Height} px tall for an {em} px font (one line expected)");
        Assert.True(ink.MinY > Height / 2, $"{script}: ink at y {ink.MinY}, above the bottom half");
    }

    [Fact]
    public async Task Captions_CharacterNoFontHas_IsAWarningNamingTheLineAndTheCharacter()
    {
        // U+F0000 is private use: no installed font has it, so libass draws the empty box and reports it.
        var logged = new List<string>();
        (_, RenderResult result) = await RenderInkAsync("script-missing", Sheet("la \U000F0000 la", second: "fine"), new CaptionStyle { Size = 0.1 }, logged);

        string warning = Assert.Single(result.Warnings, w => w.StartsWith("text:", StringComparison.Ordinal));
        Assert.StartsWith("text: caption line 1 (at 0:00:00.00, source line 1) \"la \U000F0000 la\" has the character U+F0000", warning, StringComparison.Ordinal);
        Assert.Contains(warning, logged);
        Assert.True(File.Exists(result.OutputPath));
    }

    public static TheoryData<string, string[], string, string> RightToLeft => new()
    {
        { "Arabic", ["سلام ", "عليكم ", "يا ", "حبيبي"], "سلامعيكحب", "fonts-noto-core" },
        { "Hebrew", ["שלום ", "עולם ", "אני ", "שר"], "שלוםעאנר", "fonts-noto-core" },
    };

    [Theory]
    [MemberData(nameof(RightToLeft))]
    public async Task Karaoke_RightToLeftLine_FirstWordIsAtTheRightEnd(string script, string[] words, string sample, string package)
    {
        ScriptFonts.Require(script, sample, package);
        // The first word is sung (red) from 0 s, the others from 0.25 s on: at 0.1 s the red ink is the first word.
        var lrc = new StringBuilder("[00:00.00]");
        for (int i = 0; i < words.Length; i++)
        {
            lrc.Append(System.Globalization.CultureInfo.InvariantCulture, $"<00:00.{(i == 0 ? 0 : 25 + (10 * i)):00}>").Append(words[i]);
        }

        lrc.Append("<00:00.90>\n");
        var style = new CaptionStyle { Size = 0.14, Color = "#FFFFFF", HighlightColor = "#FF0000", Outline = 0, Position = TextPosition.Middle };
        var text = new TextLayer { Captions = LyricSheet.Parse(lrc.ToString(), LyricFormat.Lrc).Lines, Karaoke = true, CaptionStyle = style };

        using Frame frame = await RenderFrameAsync("rtl-" + script, text);

        (int n, int min, int max) red = Span(frame, 240, 20, 20, 40), white = Span(frame, 245, 245, 245, 20);
        Assert.True(red.n > 30 && white.n > 30, $"{script}: {red.n} red and {white.n} white pixels");
        Assert.True(red.min > white.max, $"{script}: the first word (red, x {red.min}..{red.max}) is not right of the rest (white, x {white.min}..{white.max})");
    }

    [Fact]
    public async Task Karaoke_CjkWordsOfSeveralCharacters_TurnWholeWordsAtTheirTimes()
    {
        ScriptFonts.Require("Japanese", "夜空の星光中へ", "fonts-droid-fallback");
        // Two words of four characters: at 0.1 s the first is sung (red) and the second not yet (white), each whole.
        var style = new CaptionStyle { Size = 0.14, Color = "#FFFFFF", HighlightColor = "#FF0000", Outline = 0, Position = TextPosition.Middle };
        var text = new TextLayer { Captions = LyricSheet.Parse("[00:00.00]<00:00.00>夜空の星<00:00.25>光の中へ<00:00.90>\n", LyricFormat.Lrc).Lines, Karaoke = true, CaptionStyle = style };

        using Frame frame = await RenderFrameAsync("karaoke-cjk", text);

        // The same tolerance for both colours: a pixel counts from about 70 % coverage over the grey, red or white alike.
        (int n, int min, int max) red = Span(frame, 255, 0, 0, 60), white = Span(frame, 255, 255, 255, 60);
        Assert.True(red.n > 0.6 * white.n && white.n > 0.6 * red.n, $"{red.n} red and {white.n} white pixels: a word is not turned whole");
        Assert.True(red.max < white.min, $"the first word (red, x {red.min}..{red.max}) is not left of the second (white, x {white.min}..{white.max})");
    }

    [Fact]
    public async Task Captions_HebrewLineEndingInPunctuation_PutsItAtTheLeftEnd()
    {
        ScriptFonts.Require("Hebrew", "שלום", "fonts-noto-core");
        var style = new CaptionStyle { Size = 0.14, Position = TextPosition.Middle };

        // The same words with and without "!!!": a right-to-left line ends on the left, so the words move right by half its width.
        (Ink bare, _) = await RenderInkAsync("rtl-bare", Sheet("שלום עולם"), style);
        (Ink marked, _) = await RenderInkAsync("rtl-marked", Sheet("שלום עולם!!!"), style);

        int shift = BestShift(bare.Columns, marked.Columns, 30);
        Assert.True(shift >= 3, $"the words moved {shift} px (positive: right, the marks on the left)");
    }

    public static TheoryData<string, string, bool> LongLines => new()
    {
        { "Japanese", "夜空に輝く星たちが静かに僕らの未来を照らしている今この瞬間を忘れない", false },
        { "Chinese", "我们一起唱着这首歌直到天亮也不会停下来因为这是我们的青春", false },
        { "Japanese karaoke", "夜空に輝く星たちが静かに僕らの未来を照らしている今この瞬間を忘れない", true },
    };

    [Theory]
    [MemberData(nameof(LongLines))]
    public async Task Captions_LongLineWithoutSpaces_WrapsInsideTheMargins(string script, string line, bool karaoke)
    {
        ScriptFonts.Require(script, "夜我们", "fonts-droid-fallback");
        string lrc = karaoke
            ? "[00:00.00]" + string.Concat(line.Select((c, i) => FormattableString.Invariant($"<00:00.{i:00}>{c}"))) + "<00:00.90>\n"
            : "[00:00.00]" + line + "\n[00:00.90]\n";
        var text = new TextLayer { Captions = LyricSheet.Parse(lrc, LyricFormat.Lrc).Lines, Karaoke = karaoke, CaptionStyle = new CaptionStyle { Size = 0.1 } };

        (Ink ink, RenderResult result) = await RenderInkAsync("wrap-" + script.Replace(' ', '-'), text);

        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("text:", StringComparison.Ordinal));
        Assert.True(ink.MinX >= Margin - 2 && ink.MaxX <= Width - Margin + 1, $"{script}: the ink spans x {ink.MinX}..{ink.MaxX}, outside the margins {Margin}..{Width - Margin}");
        Assert.True(ink.Bands >= 2, $"{script}: {ink.Bands} line(s) of text; the line should wrap");
        Assert.True(ink.Width >= 0.6 * (Width - (2 * Margin)), $"{script}: the wrapped lines are only {ink.Width} px wide");
    }

    [Fact]
    public async Task Captions_VietnameseWithCombiningMarks_LookLikeThePrecomposedLetters()
    {
        ScriptFonts.Require("Vietnamese", "\u0323\u0302\u0303\u031B", "fonts-noto-core");
        const string Composed = "Tiếng Việt ặ ẫ ự";
        var style = new CaptionStyle { Size = 0.12, Position = TextPosition.Middle };

        using Frame composed = await RenderFrameAsync("vi-nfc", new TextLayer { Captions = Sheet(Composed), CaptionStyle = style });
        using Frame decomposed = await RenderFrameAsync("vi-nfd", new TextLayer { Captions = Sheet(Composed.Normalize(NormalizationForm.FormD)), CaptionStyle = style });

        double difference = WordsMedia.MeanDifference(composed, decomposed, 0, 40, Width, 140);
        Assert.True(difference < 0.5, $"the decomposed marks render {difference:0.###} away from the composed letters");
    }

    private static IReadOnlyList<LyricLine> Sheet(string line, string? second = null) =>
        LyricSheet.Parse($"[00:00.00]{line}\n[00:00.50]{second}\n[00:00.90]\n", LyricFormat.Lrc).Lines;

    private static Task<(Ink, RenderResult)> RenderInkAsync(string name, IReadOnlyList<LyricLine> lines, CaptionStyle style, List<string>? log = null) =>
        RenderInkAsync(name, new TextLayer { Captions = lines, CaptionStyle = style }, log);

    private static async Task<(Ink, RenderResult)> RenderInkAsync(string name, TextLayer text, List<string>? log = null)
    {
        (List<Frame> frames, RenderResult result) = await RenderAsync(name, text, log);
        try
        {
            return (Ink.Of(frames[1]), result);
        }
        finally
        {
            WordsMedia.DisposeAll(frames);
        }
    }

    private static async Task<Frame> RenderFrameAsync(string name, TextLayer text)
    {
        (List<Frame> frames, _) = await RenderAsync(name, text, null);
        WordsMedia.DisposeAll(frames.Where((_, i) => i != 1));
        return frames[1];
    }

    /// <summary>0.3 s (3 frames) of the grey still with the text; frame 1 is at 0.1 s.</summary>
    private static async Task<(List<Frame>, RenderResult)> RenderAsync(string name, TextLayer text, List<string>? log)
    {
        string still = TestMedia.Solid("caption-grey.png", Width, Height, "0x405060");
        string output = Path.Combine(TestMedia.NewFolder(name), name + ".mkv");
        Timeline timeline = new TimelineBuilder(s_size, s_rate).WithDuration(TimeSpan.FromSeconds(0.3))
            .AddImage(still, TimeSpan.Zero, TimeSpan.FromSeconds(0.3)).WithText(text).Build();
        var options = new RenderOptions { Codec = VideoCodec.Ffv1, Options = new VideoKitOptions { Log = log is null ? null : log.Add } };
        RenderResult result = await timeline.RenderAsync(output, options, cancellationToken: TestContext.Current.CancellationToken);
        return (await WordsMedia.ReadAllAsync(output), result);
    }

    /// <summary>How many pixels are near a colour, and the x range they span.</summary>
    private static (int Count, int MinX, int MaxX) Span(Frame f, int r, int g, int b, int tolerance)
    {
        int n = 0, min = int.MaxValue, max = -1;
        for (int y = 0; y < f.Height; y++)
        {
            ReadOnlySpan<byte> row = f.GetRow(y);
            for (int x = 0; x < f.Width; x++)
            {
                if (Math.Abs(row[4 * x] - r) <= tolerance && Math.Abs(row[(4 * x) + 1] - g) <= tolerance && Math.Abs(row[(4 * x) + 2] - b) <= tolerance)
                {
                    n++;
                    min = Math.Min(min, x);
                    max = Math.Max(max, x);
                }
            }
        }

        return (n, min, max);
    }

    /// <summary>The shift (pixels, positive = right) that best lays <paramref name="a"/>'s column profile onto <paramref name="b"/>'s.</summary>
    private static int BestShift(int[] a, int[] b, int range)
    {
        int best = 0;
        long bestScore = long.MinValue;
        for (int s = -range; s <= range; s++)
        {
            long score = 0;
            for (int x = 0; x < a.Length; x++)
            {
                int bx = x + s;
                if (bx >= 0 && bx < b.Length)
                {
                    score += (long)a[x] * b[bx];
                }
            }

            if (score > bestScore)
            {
                (best, bestScore) = (s, score);
            }
        }

        return best;
    }

    /// <summary>The text's ink: pixels far from the background (the still's colour, read in a corner no text reaches).</summary>
    private sealed record Ink(int Count, int MinX, int MaxX, int MinY, int MaxY, int Bands, int[] Columns)
    {
        public int Width => MaxX - MinX + 1;

        public int Height => MaxY - MinY + 1;

        public static Ink Of(Frame f)
        {
            ReadOnlySpan<byte> corner = f.GetRow(2).Slice(4 * 2, 4);
            (int r, int g, int b) = (corner[0], corner[1], corner[2]);
            int count = 0, minX = int.MaxValue, maxX = -1, minY = int.MaxValue, maxY = -1, bands = 0;
            int[] columns = new int[f.Width];
            bool previousRowInked = false;
            for (int y = 0; y < f.Height; y++)
            {
                ReadOnlySpan<byte> row = f.GetRow(y);
                bool inked = false;
                for (int x = 0; x < f.Width; x++)
                {
                    int d = Math.Max(Math.Abs(row[4 * x] - r), Math.Max(Math.Abs(row[(4 * x) + 1] - g), Math.Abs(row[(4 * x) + 2] - b)));
                    if (d > 40)
                    {
                        count++;
                        columns[x]++;
                        inked = true;
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y);
                        maxY = Math.Max(maxY, y);
                    }
                }

                if (inked && !previousRowInked)
                {
                    bands++;
                }

                previousRowInked = inked;
            }

            return new Ink(count, minX, maxX, minY, maxY, bands, columns);
        }
    }
}
