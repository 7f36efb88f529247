using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Text;

namespace VideoKit.IntegrationTests.Words;

/// <summary>Tests that set the process's <c>FONTCONFIG_FILE</c> (inherited by every FFmpeg started meanwhile) run one
/// at a time.</summary>
[CollectionDefinition(nameof(FontConfigGroup), DisableParallelization = true)]
public sealed class FontConfigGroup
{
}

/// <summary>A font that only the fonts folder has is used as fallback for characters the style's font lacks.</summary>
[Trait("Category", "FFmpeg")]
[Collection(nameof(FontConfigGroup))]
public sealed class FontsFolderFallbackTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task Captions_ThaiLineInDejaVuSans_FallBackOnAThaiFontThatOnlyTheFontsFolderHas()
    {
        ScriptFonts.Require("Thai", "สวัสดี", "fonts-noto-core");
        string thai = FontFile("Noto Sans Thai");
        string dejaVu = FontFile("DejaVu Sans");
        string folder = TestMedia.NewFolder("fonts-folder-fallback");
        string fonts = Directory.CreateDirectory(Path.Combine(folder, "fonts")).FullName;
        File.Copy(thai, Path.Combine(fonts, "ThaiOnlyHere.ttf"));

        // The "system" configuration fontconfig sees knows only DejaVu (no Thai), so the Thai font exists for FFmpeg
        // only in the project's fonts folder.
        string system = Path.Combine(folder, "system-fonts.conf");
        File.WriteAllText(system, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
            <fontconfig>
              <dir>{Path.GetDirectoryName(dejaVu)}</dir>
              <cachedir>{Path.Combine(folder, "cache")}</cachedir>
            </fontconfig>
            """);
        string? before = Environment.GetEnvironmentVariable("FONTCONFIG_FILE");
        Environment.SetEnvironmentVariable("FONTCONFIG_FILE", system);
        try
        {
            string still = TestMedia.Solid("fallback-grey.png", 320, 180, "0x405060");
            LyricSheet sheet = LyricSheet.Parse("[00:00.00]สวัสดี\n[00:01.00]\n", LyricFormat.Lrc);
            var style = new CaptionStyle { Font = "DejaVu Sans", Size = 0.2, Position = TextPosition.Middle };
            async Task<(RenderResult Result, Frame Frame)> RenderAsync(string name, string? fontsFolder)
            {
                Timeline timeline = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30).WithDuration(S(1)).AddImage(still, TimeSpan.Zero, S(1))
                    .WithText(new TextLayer { Captions = sheet.Lines, CaptionStyle = style, FontsFolder = fontsFolder }).Build();
                string output = Path.Combine(folder, name + ".mkv");
                RenderResult result = await timeline.RenderAsync(output, new RenderOptions { Codec = VideoCodec.Ffv1 }, cancellationToken: TestContext.Current.CancellationToken);
                List<Frame> frames = await WordsMedia.ReadAllAsync(output);
                Frame middle = frames[15];
                WordsMedia.DisposeAll(frames.Where(f => f != middle));
                return (result, middle);
            }

            (RenderResult withoutFolder, Frame boxes) = await RenderAsync("no-folder", null);
            (RenderResult withFolder, Frame drawn) = await RenderAsync("with-folder", fonts);
            using (boxes)
            using (drawn)
            {
                // Without the folder the restricted configuration really has no Thai: libass reports missing glyphs.
                Assert.Contains(withoutFolder.Warnings, w => w.Contains("U+0E2A", StringComparison.Ordinal));
                Assert.DoesNotContain(withFolder.Warnings, w => w.Contains("no installed font", StringComparison.Ordinal));
                Assert.True(WordsMedia.MeanDifference(drawn, boxes, 0, 60, 320, 120) > 2, "the Thai line looks the same as the boxes drawn without the folder");

                // The preview frame falls back the same way.
                Timeline preview = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30).WithDuration(S(1)).AddImage(still, TimeSpan.Zero, S(1))
                    .WithText(new TextLayer { Captions = sheet.Lines, CaptionStyle = style, FontsFolder = fonts }).Build();
                using Frame frame = await preview.RenderFrameAsync(S(0.5), cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(WordsMedia.MeanDifference(frame, drawn, 0, 60, 320, 120) < 1, "the preview frame differs from the rendered one");
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("FONTCONFIG_FILE", before);
        }
    }

    private static string FontFile(string family)
    {
        var start = new System.Diagnostics.ProcessStartInfo("fc-match", ["-f", "%{file}", family]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string file = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(File.Exists(file), $"fc-match found no file for {family}");
        return file;
    }
}
