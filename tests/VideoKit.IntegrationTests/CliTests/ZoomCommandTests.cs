using System.Globalization;
using System.Text.Json;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.CliTests;

[Trait("Category", "FFmpeg")]
public sealed class ZoomCommandTests
{
    /// <summary>Three levels made by FFmpeg from a photo: centred crops of 512·2^k × 320·2^k scaled to 512×320.</summary>
    private static string Levels()
    {
        string folder = TestMedia.NewFolder("zoom-cli");
        string photo = Path.Combine(TestMedia.DataFolder, "images", "Garden.jpg");

        for (int k = 0; k < 3; k++)
        {
            int w = 512 << k, h = 320 << k;
            TestMedia.FFmpeg("-i", photo, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={w}:{h}:(iw-{w})/2:(ih-{h})/2,scale=512:320:flags=lanczos"), "-frames:v", "1", "-update", "1", Path.Combine(folder, $"level{k + 1}.png"));
        }

        return folder;
    }

    [Fact]
    public async Task Align_CentredLevels_WritesScaleAndCentreJson()
    {
        string folder = Levels();
        string json = Path.Combine(folder, "align.json");

        Cli.Result result = await Cli.RunAsync("zoom", "align", "--levels", folder, "--json", json);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        foreach (JsonElement step in doc.RootElement.EnumerateArray())
        {
            Assert.InRange(step.GetProperty("scale").GetDouble(), 1.996, 2.004);
            Assert.InRange(step.GetProperty("centerX").GetDouble(), 255.5, 256.5);
            Assert.InRange(step.GetProperty("centerY").GetDouble(), 159.5, 160.5);
        }

        Assert.Equal(1, doc.RootElement[0].GetProperty("level").GetInt32());
    }

    [Fact]
    public async Task Align_OrderAuto_FindsTheOrderOfMisnamedLevels()
    {
        string folder = Levels();
        // Natural order of names would be 3, 1, 2 (outermost first): wrong.
        File.Move(Path.Combine(folder, "level3.png"), Path.Combine(folder, "a.png"));
        string json = Path.Combine(folder, "align.json");

        Cli.Result result = await Cli.RunAsync("zoom", "align", "--levels", folder, "--factor", "2", "--order", "auto", "--json", json);

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        Assert.Equal(Path.Combine(folder, "level1.png"), doc.RootElement[0].GetProperty("inner").GetString());
        Assert.Equal(Path.Combine(folder, "level2.png"), doc.RootElement[0].GetProperty("outer").GetString());
        Assert.Equal(Path.Combine(folder, "a.png"), doc.RootElement[1].GetProperty("outer").GetString());
        Assert.InRange(doc.RootElement[1].GetProperty("scale").GetDouble(), 1.996, 2.004);
    }

    [Fact]
    public async Task Frame_OrderAutoAtZero_ShowsTheInnermostLevel()
    {
        string folder = Levels();
        // By name the innermost level would come last.
        File.Move(Path.Combine(folder, "level1.png"), Path.Combine(folder, "z.png"));
        string png = Path.Combine(folder, "frame.png");

        Cli.Result result = await Cli.RunAsync("zoom", "frame", "--levels", folder, "--factor", "2", "--order", "auto", "--at", "0", "--size", "512x320", "-o", png);

        Assert.True(result.ExitCode == 0, result.StandardError);
        using Frame frame = await ImageFile.LoadAsync(png, cancellationToken: TestContext.Current.CancellationToken);
        using Frame innermost = await ImageFile.LoadAsync(Path.Combine(folder, "z.png"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(ImageMetrics.Psnr(frame, innermost) >= 40, $"{ImageMetrics.Psnr(frame, innermost):0.0} dB against the innermost level");
    }

    [Fact]
    public async Task Frame_UnknownOrder_FailsNamingTheChoices()
    {
        string folder = Levels();

        Cli.Result result = await Cli.RunAsync("zoom", "frame", "--levels", folder, "--order", "sideways", "--at", "0", "--size", "64x40", "-o", Path.Combine(folder, "f.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--order 'sideways' is not an order: use name or auto.", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frame_FractionalZoom_WritesImageOfRequestedSize()
    {
        string folder = Levels();
        string png = Path.Combine(folder, "frame.png");

        Cli.Result result = await Cli.RunAsync("zoom", "frame", "--levels", folder, "--factor", "2", "--at", "1.25", "--size", "320x180", "-o", png);

        Assert.True(result.ExitCode == 0, result.StandardError);
        MediaInfo info = await MediaProbe.ProbeAsync(png, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(320, info.PrimaryVideo!.Width);
        Assert.Equal(180, info.PrimaryVideo.Height);
        Assert.Contains("frame.png: 320x180, zoom position 1.25 of 0 to", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_LevelsAndSong_WritesVideoWithTheSong()
    {
        string folder = Levels();
        string song = TestMedia.Tone("zoom-song.wav", 4.2);
        string mp4 = Path.Combine(folder, "zoom.mp4");

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--size", "320x200", "--fps", "12", "--bpm", "120", "-o", mp4);

        Assert.True(result.ExitCode == 0, result.StandardError);
        MediaInfo info = await MediaProbe.ProbeAsync(mp4, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(320, info.PrimaryVideo!.Width);
        Assert.Equal(200, info.PrimaryVideo.Height);
        Assert.NotNull(info.PrimaryAudio);
        Assert.InRange(info.Duration.TotalSeconds, 4.0, 4.5);
        Assert.Contains("320x200 at 12 fps,", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OrderAuto_OpensOnTheInnermostLevel()
    {
        string folder = Levels();
        // By name the innermost level would come last.
        File.Move(Path.Combine(folder, "level1.png"), Path.Combine(folder, "z.png"));
        string song = TestMedia.Tone("zoom-order-song.wav", 4.2);
        string mp4 = Path.Combine(folder, "zoom.mp4");
        string first = Path.Combine(folder, "first.png");

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--order", "auto", "--size", "512x320", "--fps", "12", "--bpm", "120", "-o", mp4);

        Assert.True(result.ExitCode == 0, result.StandardError);
        TestMedia.FFmpeg("-i", mp4, "-frames:v", "1", "-update", "1", first);
        using Frame frame = await ImageFile.LoadAsync(first, cancellationToken: TestContext.Current.CancellationToken);
        using Frame innermost = await ImageFile.LoadAsync(Path.Combine(folder, "z.png"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(ImageMetrics.Psnr(frame, innermost) >= 30, $"{ImageMetrics.Psnr(frame, innermost):0.0} dB against the innermost level");
    }

    [Fact]
    public async Task Align_LevelOfAnotherSize_FailsNamingTheFile()
    {
        string folder = Levels();
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=512x300:rate=1", "-frames:v", "1", "-update", "1", Path.Combine(folder, "level4.png"));

        Cli.Result result = await Cli.RunAsync("zoom", "align", "--levels", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("level4.png' is 512x300, but level 0", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("must be the same size", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Align_UnrelatedLevelInTheMiddle_FailsOnOneLineNamingBothFiles(bool factorGiven)
    {
        string folder = TestMedia.NewFolder("zoom-cli-bad");
        string garden = Path.Combine(TestMedia.DataFolder, "images", "Garden.jpg"), storm = Path.Combine(TestMedia.DataFolder, "images", "Storm.jpg");
        foreach (int k in (int[])[0, 1, 3])
        {
            int w = 320 << k, h = 200 << k;
            TestMedia.FFmpeg("-i", garden, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={w}:{h}:(iw-{w})/2:(ih-{h})/2,scale=320:200:flags=lanczos"), "-frames:v", "1", "-update", "1", Path.Combine(folder, $"level{k + 1}.png"));
        }

        TestMedia.FFmpeg("-i", storm, "-vf", "scale=320:200:flags=lanczos", "-frames:v", "1", "-update", "1", Path.Combine(folder, "level3.png"));
        string[] args = ["zoom", "align", "--levels", folder, "--json", "-", .. factorGiven ? (string[])["--factor", "2"] : []];

        Cli.Result result = await Cli.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"videokit: error: Zoom levels 1 '{Path.Combine(folder, "level2.png")}' and 2 '{Path.Combine(folder, "level3.png")}' do not match: ", line, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput.Trim());
    }

    [Fact]
    public async Task Frame_AtOutsideTheSequence_FailsWithACleanMessage()
    {
        string folder = Levels();

        Cli.Result result = await Cli.RunAsync("zoom", "frame", "--levels", folder, "--at", "4.5", "--size", "64x40", "-o", Path.Combine(folder, "f.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("videokit: error: --at 4.5 is outside the sequence: use 0 to 2.", result.StandardError.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task Render_LevelsPerBarNotAbove0_FailsWithACleanMessage(string perBar)
    {
        string folder = TestMedia.NewFolder("zoom-cli-perbar");
        string song = TestMedia.Tone("zoom-perbar-song.wav", 4.2);

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--levels-per-bar", perBar, "-o", Path.Combine(folder, "z.mp4"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"videokit: error: --levels-per-bar {perBar} is not a rate: use a number above 0 and at most 16 (1 = a level per bar, 0.5 = a level every two bars).", result.StandardError.Trim());
    }

    [Fact]
    public async Task Render_LevelsPerBarThatDoesNotFit_WarnsWithWhatWasUsed()
    {
        string folder = Levels();
        // 6 s at 120 BPM: downbeats at 0, 2 and 4 s, so 2 bars; 2 steps at 0.5 levels per bar would need 4.
        string song = TestMedia.Tone("zoom-fit-song.wav", 6);

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--bpm", "120", "--levels-per-bar", "0.5", "--size", "160x100", "--fps", "8", "-o", Path.Combine(folder, "z.mp4"));

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("videokit: warning: 0.5 levels per bar does not fit: 2 zoom steps would need 16 beats, but the song has 8 beats (2 bars) between its first and last downbeat, so the levels were spread over the 2 bars instead (about 1 levels per bar).", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SilentSong_WarnsAndZoomsSteadily()
    {
        string folder = Levels();
        string song = Path.Combine(TestMedia.NewFolder("zoom-silence"), "silence.wav");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "4", song);
        string mp4 = Path.Combine(folder, "z.mp4");

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--size", "160x100", "--fps", "8", "-o", mp4);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"videokit: warning: No beat found in '{song}'; zooming at a steady speed.", result.StandardError, StringComparison.Ordinal);
        MediaInfo info = await MediaProbe.ProbeAsync(mp4, cancellationToken: TestContext.Current.CancellationToken);
        Assert.InRange(info.Duration.TotalSeconds, 3.8, 4.3);
    }

    [Fact]
    public async Task Render_SongShorterThan3Seconds_FailsNamingTheSong()
    {
        string folder = Levels();
        string song = TestMedia.Tone("zoom-short-song.wav", 2);

        Cli.Result result = await Cli.RunAsync("zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--size", "160x100", "-o", Path.Combine(folder, "z.mp4"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"videokit: error: '{song}' is 2 s long; a zoom music video needs at least 3 s of audio.", result.StandardError.Trim());
    }

    [Fact]
    public async Task Render_ExistingOutput_RefusesWithoutOverwriteAndReplacesWithIt()
    {
        string folder = Levels();
        string song = TestMedia.Tone("zoom-overwrite-song.wav", 4.2);
        string mp4 = Path.Combine(folder, "z.mp4");
        await File.WriteAllTextAsync(mp4, "keep me", TestContext.Current.CancellationToken);
        string[] args = ["zoom", "render", "--levels", folder, "--song", song, "--factor", "2", "--bpm", "120", "--size", "160x100", "--fps", "8", "-o", mp4];

        Cli.Result refused = await Cli.RunAsync(args);
        Cli.Result replaced = await Cli.RunAsync([.. args, "--overwrite"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"videokit: error: '{mp4}' already exists; set Overwrite (CLI: --overwrite) to replace it.", refused.StandardError.Trim());
        Assert.True(replaced.ExitCode == 0, replaced.StandardError);
        MediaInfo info = await MediaProbe.ProbeAsync(mp4, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(160, info.PrimaryVideo!.Width);
    }
}
