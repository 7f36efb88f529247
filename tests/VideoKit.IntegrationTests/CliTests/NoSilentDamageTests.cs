using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// Issue 15, item by item: damaged inputs are caught, no command replaces a file unasked, every error is one clear
/// line. Real FFmpeg, files made (and truncated) at test time; the CLI runs in-process.
/// </summary>
[Collection(nameof(InProcessCliGroup))]
[Trait("Category", "FFmpeg")]
public sealed class NoSilentDamageTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // 1. A truncated song: refused by default; accepted, the video is as long as what decodes.
    [Fact]
    public async Task Item1_TruncatedFlac_RefusedThenRenderedAtTheLengthThatDecodes()
    {
        string dir = TestMedia.NewFolder("damage-song");
        string song = Truncate(TestMedia.Tone("damage-3s.flac", 3), Path.Combine(dir, "song.flac"), 0.5);
        File.Copy(TestMedia.Image("damage-still.png", 64, 48), Path.Combine(dir, "still.png"));
        string project = Path.Combine(dir, "p.json");
        File.WriteAllText(project, """{ "song": "song.flac", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 3 } ] }""");
        string output = Path.Combine(dir, "out.mp4");

        Cli.Result refused = await InProcessCli.RunAsync("render", project, "-o", output);
        bool writtenWhenRefused = File.Exists(output);
        Cli.Result accepted = await InProcessCli.RunAsync("render", project, "-o", output, "--accept-damaged");

        Assert.False(writtenWhenRefused);
        Assert.Equal(1, refused.ExitCode);
        Assert.Matches(@"^videokit: error: '.*song\.flac' is damaged near [0-9.]+ s .*it decodes to [0-9.]+ s of the 3 s its header says.*--accept-damaged", refused.StandardError.Trim());
        Assert.Equal(0, accepted.ExitCode);
        Assert.Contains("videokit: warning: ", accepted.StandardError, StringComparison.Ordinal);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: Token);
        Assert.InRange(info.Duration.TotalSeconds, 0.8, 2.0); // what decodes (about 1.2 s), not the header's 3 s
    }

    // 2. A truncated JPEG and a truncated MP4: FFmpeg's decode errors are caught, with the file and where.
    [Fact]
    public async Task Item2_TruncatedJpegAndMp4_AreReportedWithFileAndPlace()
    {
        string dir = TestMedia.NewFolder("damage-media");
        string jpeg = Path.Combine(dir, "photo.jpg");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=1", "-frames:v", "1", Path.Combine(dir, "whole.jpg"));
        Truncate(Path.Combine(dir, "whole.jpg"), jpeg, 0.66);
        string mp4 = Path.Combine(dir, "clip.mp4");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", Path.Combine(dir, "whole.mp4"));
        Truncate(Path.Combine(dir, "whole.mp4"), mp4, 0.4);

        DamagedMediaException photo = await Assert.ThrowsAsync<DamagedMediaException>(() => ImageFile.LoadAsync(jpeg, cancellationToken: Token));
        Assert.StartsWith($"'{jpeg}' is damaged", photo.Message, StringComparison.Ordinal);

        var warnings = new List<string>();
        var accept = new VideoKitOptions { AcceptDamagedInput = true, Log = warnings.Add };
        using (Frame loaded = await ImageFile.LoadAsync(jpeg, accept, Token))
        {
            Assert.Equal(320, loaded.Width);
        }

        Assert.Single(warnings);

        DamagedMediaException clip = await Assert.ThrowsAsync<DamagedMediaException>(async () =>
        {
            await foreach (Frame f in VideoDecoder.ReadFramesAsync(mp4, cancellationToken: Token))
            {
                f.Dispose();
            }
        });
        Assert.Matches(@"'.*clip\.mp4' is damaged near frame \d+ \([0-9.]+ s\)", clip.Message);
        Assert.Equal(mp4, clip.Path);
    }

    // 3. No command replaces a file unasked: zoom frame -o, zoom align --json, analyze --json, analyze --out-dir.
    [Fact]
    public async Task Item3_ExistingOutputs_AreKeptUnlessOverwrite()
    {
        string dir = TestMedia.NewFolder("keep");
        string levels = Levels(dir);
        string song = Copy(TestMedia.Tone("keep-song.wav", 1), dir, "song.wav");
        string frame = Keep(dir, "frame.png");
        string alignJson = Keep(dir, "align.json");
        string analyzeJson = Keep(dir, "analysis.json");
        string beats = Keep(dir, "song.beats");

        Cli.Result[] results =
        [
            await InProcessCli.RunAsync("zoom", "frame", "--levels", levels, "--factor", "2", "--at", "0", "--size", "32x24", "-o", frame),
            await InProcessCli.RunAsync("zoom", "align", "--levels", levels, "--factor", "2", "--json", alignJson),
            await InProcessCli.RunAsync("analyze", song, "--json", analyzeJson),
            await InProcessCli.RunAsync("analyze", song, "--out-dir", dir),
        ];

        foreach (Cli.Result r in results)
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Matches("^videokit: error: '.*' already exists; set Overwrite \\(CLI: --overwrite\\) to replace it\\.$", r.StandardError.Trim());
        }

        foreach (string kept in (string[])[frame, alignJson, analyzeJson, beats])
        {
            Assert.Equal("hand-made", File.ReadAllText(kept));
        }

        Cli.Result replaced = await InProcessCli.RunAsync("zoom", "frame", "--levels", levels, "--factor", "2", "--at", "0", "--size", "32x24", "-o", frame, "--overwrite");
        Assert.Equal(0, replaced.ExitCode);
        Assert.NotEqual("hand-made", File.ReadAllText(frame));
        Assert.Empty(Directory.GetFiles(dir, ".vk-*"));
    }

    // 5. Large levels are scaled while FFmpeg decodes; an impossible header size is refused before decoding.
    [Fact]
    public async Task Item5_LevelsOverTheLimitAreScaledOnLoad_AndImpossibleSizesRefused()
    {
        Assert.Equal(new Resolution(8000, 6000), ZoomSequence.LoadSize(8000, 6000, 48_000_000));
        Resolution scaled = ZoomSequence.LoadSize(8000, 6000, ZoomSequence.MaxLevelPixels);
        Assert.True((long)scaled.Width * scaled.Height <= ZoomSequence.MaxLevelPixels);
        Assert.InRange(scaled.Width / (double)scaled.Height, 1.32, 1.34);

        string dir = TestMedia.NewFolder("big-levels");
        string big = Path.Combine(dir, "a.jpg");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=gray:size=8200x4200:rate=1", "-frames:v", "1", "-q:v", "9", big);
        File.Copy(big, Path.Combine(dir, "b.jpg"));
        using (ZoomSequence sequence = await ZoomSequence.LoadAsync([big, Path.Combine(dir, "b.jpg")], null, cancellationToken: Token))
        {
            Frame level = sequence.Levels[0];
            Assert.True((long)level.Width * level.Height <= ZoomSequence.MaxLevelPixels, $"{level.Width}x{level.Height}");
            Assert.InRange(level.Width, 8000, 8192);
        }

        string huge = Path.Combine(dir, "huge.png");
        WritePngClaiming(TestMedia.Image("huge-src.png", 32, 24), huge, 50_000, 50_000);
        Cli.Result probe = await InProcessCli.RunAsync("probe", huge);
        Assert.Equal(1, probe.ExitCode);
        Assert.Equal($"videokit: error: '{huge}' declares a picture FFmpeg cannot decode: Picture size 50000x50000 is invalid.", probe.StandardError.Trim());
    }

    // 5. Levels larger than the output needs are decoded at about twice the output (all alike, still aligned).
    [Fact]
    public async Task Item5_LevelsLargerThanTheOutputNeeds_AreLoadedCapped_AndRenderTheInnermostLevel()
    {
        Assert.Null(ZoomSequence.NeededSize(640, 400, new Resolution(320, 180), 2));
        Assert.Equal(new Resolution(640, 400), ZoomSequence.NeededSize(4000, 2500, new Resolution(320, 180), 2));

        // Four 4000x2500 levels, each a 2x zoom of the next: centre crops of one picture, enlarged.
        string dir = TestMedia.NewFolder("capped-levels");
        string levels = Directory.CreateDirectory(Path.Combine(dir, "levels")).FullName;
        string picture = Path.Combine(dir, "base.png");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "mandelbrot=size=1600x1000:rate=1", "-frames:v", "1", picture);
        for (int k = 0; k < 4; k++)
        {
            int w = 1600 >> (3 - k), h = 1000 >> (3 - k);
            TestMedia.FFmpeg("-i", picture, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={w}:{h},scale=4000:2500:flags=bicubic"), "-q:v", "2", Path.Combine(levels, $"{k + 1}.jpg"));
        }

        // The innermost level as the output shows it: covering 320x180, cropped, by FFmpeg from the full-size file.
        string reference = Path.Combine(dir, "reference.png");
        TestMedia.FFmpeg("-i", Path.Combine(levels, "1.jpg"), "-vf", "scale=320:200:flags=area,crop=320:180", reference);
        using Frame expected = await ImageFile.LoadAsync(reference, cancellationToken: Token);

        var output = new Resolution(320, 180);
        using (ZoomSequence sequence = await ZoomSequence.LoadForOutputAsync(levels, 2, output, null, Token))
        {
            Assert.All(sequence.Levels, level => Assert.Equal((640, 400), (level.Width, level.Height)));
            using var compositor = new ZoomCompositor(sequence, ZoomAligner.Align(sequence, cancellationToken: Token));
            using var frame = new Frame(output.Width, output.Height);
            compositor.RenderFrame(0, frame);
            double psnr = ImageMetrics.Psnr(frame, expected);
            TestContext.Current.TestOutputHelper?.WriteLine($"z = 0: {psnr:0.00} dB");
            Assert.True(psnr >= 30, $"z = 0 against the innermost level: PSNR {psnr:0.00} dB, expected >= 30 dB");
        }

        // The whole one-call render works on these levels; its first frame (held at z = 0) is the innermost level.
        string video = Path.Combine(dir, "zoom.mp4");
        ZoomVideoResult result = await ZoomVideo.RenderAsync(levels, TestMedia.Tone("capped-3s.wav", 3), video, new ZoomVideoOptions
        {
            Size = output,
            FrameRate = new FrameRate(10, 1),
            ZoomFactor = 2,
            BeatsPerMinute = 120,
            Path = new ZoomPathOptions { HoldStart = TimeSpan.FromSeconds(0.5) },
            Render = new RenderOptions { Preset = "ultrafast", Crf = 12 },
        }, cancellationToken: Token);
        Assert.Equal(30, CountFrames(result.Render.OutputPath));
        string first = Path.Combine(dir, "first.png");
        TestMedia.FFmpeg("-i", video, "-frames:v", "1", first);
        using Frame firstFrame = await ImageFile.LoadAsync(first, cancellationToken: Token);
        double firstPsnr = ImageMetrics.Psnr(firstFrame, expected);
        TestContext.Current.TestOutputHelper?.WriteLine($"first frame: {firstPsnr:0.00} dB");
        // Lower than the frame itself: H.264 with 4:2:0 chroma on a colourful fractal.
        Assert.True(firstPsnr >= 25, $"first frame against the innermost level: PSNR {firstPsnr:0.00} dB, expected >= 25 dB");
    }

    // 6. Valid inputs accepted: a project with a UTF-8 BOM, a 244-byte output name, a still named with '%d'.
    [Fact]
    public async Task Item6_BomProject_LongOutputName_PercentStill_AreAccepted()
    {
        string dir = TestMedia.NewFolder("valid");
        Copy(TestMedia.Tone("valid-song.wav", 1), dir, "song.wav");
        Copy(TestMedia.Image("valid-still.png", 64, 48), dir, "shot%d.png");
        string project = Path.Combine(dir, "p.json");
        byte[] json = System.Text.Encoding.UTF8.GetBytes("""{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "shot%d.png", "duration": 1 } ] }""");
        File.WriteAllBytes(project, [0xEF, 0xBB, 0xBF, .. json]);
        string output = Path.Combine(dir, new string('v', 240) + ".mp4");
        Assert.Equal(244, System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(output)));

        Cli.Result r = await InProcessCli.RunAsync("render", project, "-o", output);

        Assert.True(r.ExitCode == 0, r.StandardError);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: Token);
        Assert.Equal(64, info.PrimaryVideo!.Width);
        using Frame still = await ImageFile.LoadAsync(Path.Combine(dir, "shot%d.png"), cancellationToken: Token);
        Assert.Equal(48, still.Height);
    }

    // 7. No crash: --first-beat 1e300; zoom align without --factor on 3.05x steps.
    [Fact]
    public async Task Item7_FormerCrashes_AreOneLineErrors()
    {
        string dir = TestMedia.NewFolder("crash");
        string levels = Levels(dir, step: 3.05);
        string song = Copy(TestMedia.Tone("crash-song.wav", 1), dir, "song.wav");

        Cli.Result beat = await InProcessCli.RunAsync("zoom", "render", "--levels", levels, "--song", song, "--first-beat", "1e300", "-o", Path.Combine(dir, "z.mp4"));
        Cli.Result align = await InProcessCli.RunAsync("zoom", "align", "--levels", levels);

        Assert.Equal(1, beat.ExitCode);
        Assert.Equal("videokit: error: --first-beat 1E+300 is not a time in the song: use 0 to 86400 seconds.", beat.StandardError.Trim());
        Assert.Contains(align.ExitCode, (int[])[0, 1]);
        string[] lines = align.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(align.ExitCode == 0 || (lines.Length == 1 && lines[0].StartsWith("videokit: error: ", StringComparison.Ordinal)), align.StandardError);
    }

    // 4. Ctrl+C during the cut check, after the video was moved into place: reported as written, exit 0, file kept.
    [Fact]
    public async Task Item4_CtrlCDuringTheCutCheck_KeepsTheVideoAndReportsItWritten()
    {
        string dir = TestMedia.NewFolder("cut-check-cancel");
        Copy(TestMedia.Tone("cut-check-song.wav", 30), dir, "song.wav");
        Copy(TestMedia.Clip("cut-check-a.mp4", 320, 180, 25, 12), dir, "a.mp4");
        Copy(TestMedia.Clip("cut-check-b.mp4", 320, 180, 25, 12, "smptebars"), dir, "b.mp4");
        File.WriteAllText(Path.Combine(dir, "song.beats"), string.Join('\n', Enumerable.Range(1, 58).Select(i => (i * 0.5).ToString("0.0", CultureInfo.InvariantCulture))));
        string project = Path.Combine(dir, "edit.json");
        File.WriteAllText(project, """{ "song": "song.wav", "output": { "width": 320, "height": 180, "fps": 25 }, "edit": { "beatGrid": "song.beats", "cutEvery": { "beats": 2 } }, "clips": ["a.mp4", "b.mp4"] }""");
        string output = Path.Combine(dir, "out.mp4");

        // Started so that it takes SIGINT even when this test run was started in the background (SIGINT ignored).
        using Process render = Cli.StartInterruptible("render", project, "-o", output);
        Task<string> stdout = render.StandardOutput.ReadToEndAsync(Token);
        var stderr = new System.Text.StringBuilder();
        bool checking = false;
        while (await render.StandardError.ReadLineAsync(Token) is { } line)
        {
            stderr.AppendLine(line);
            if (!checking && line.Contains("checking its cuts", StringComparison.Ordinal))
            {
                checking = true;
                using Process interrupt = Process.Start("kill", ["-INT", render.Id.ToString(CultureInfo.InvariantCulture)]);
                await interrupt.WaitForExitAsync(Token);
            }
        }

        await render.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        string printed = await stdout;

        Assert.True(checking, "the cut check never started: " + stderr);
        Assert.Equal(0, render.ExitCode);
        Assert.Contains($"videokit: {output} was written; the cut check was cancelled.", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("videokit: cancelled.", stderr.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(output + ": ", printed, StringComparison.Ordinal);
        Assert.Equal(30 * 25, CountFrames(output));
    }

    // 8. The output is never an input, even with --overwrite.
    [Fact]
    public async Task Item8_OutputSameAsInput_IsRefusedEvenWithOverwrite()
    {
        string dir = TestMedia.NewFolder("same");
        string clip = Copy(TestMedia.Clip("same-clip.mp4", 64, 48, 10, 0.5), dir, "clip.mp4");
        byte[] before = SHA256.HashData(File.ReadAllBytes(clip));
        string viaDots = Path.Combine(dir, "..", Path.GetFileName(dir), "clip.mp4");

        Cli.Result interpolate = await InProcessCli.RunAsync("interpolate", clip, "--fps", "20", "-o", viaDots, "--overwrite");
        Cli.Result retime = await InProcessCli.RunAsync("retime", clip, "--speed", "2", "-o", clip, "--overwrite");

        foreach (Cli.Result r in (Cli.Result[])[interpolate, retime])
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("is the input", r.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(clip)));
    }

    // 9. Messages that said the wrong thing now name the input and the problem.
    [Fact]
    public async Task Item9_Messages_NameTheInputAndTheProblem()
    {
        string dir = TestMedia.NewFolder("messages");
        string clip = Copy(TestMedia.Clip("msg-clip.mp4", 64, 48, 10, 0.5), dir, "clip.mp4");
        string noise = Path.Combine(dir, "noise.flac");
        File.WriteAllBytes(noise, RandomNumberGenerator.GetBytes(50_000));

        (string[] Args, string Expected)[] cases =
        [
            (["interpolate", clip, "--fps", "0.0001", "-o", Path.Combine(dir, "x.mp4")], "videokit: error: --fps '0.0001' is not a frame rate"),
            (["analyze", noise], $"videokit: error: '{noise}' is not audio FFmpeg can decode"),
            (["analyze", clip], $"videokit: error: '{clip}' has no audio stream."),
            (["zoom", "render", "--levels", clip, "--song", noise, "-o", Path.Combine(dir, "z.mp4")], $"videokit: error: --levels '{clip}' is a file"),
            (["analyze", noise, "--json", "no/such/a.json"], "videokit: error: The folder of the output 'no/such/a.json' does not exist."),
        ];
        foreach ((string[] args, string expected) in cases)
        {
            Cli.Result r = await InProcessCli.RunAsync(args);
            Assert.Equal(1, r.ExitCode);
            Assert.StartsWith(expected, r.StandardError.Trim(), StringComparison.Ordinal);
            Assert.Single(r.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    // 9. A one-beat beats file names edit.beatGrid and the file; a 2x2 output never announces frames it does not hold.
    [Fact]
    public async Task Item9_OneBeatGridAndTinyOutput_AreReportedTruthfully()
    {
        string dir = TestMedia.NewFolder("truthful");
        Copy(TestMedia.Tone("truthful-song.wav", 2), dir, "song.wav");
        Copy(TestMedia.Clip("truthful-clip.mp4", 64, 48, 10, 1), dir, "a.mp4");
        Copy(TestMedia.Image("truthful-still.png", 64, 48), dir, "s.png");
        File.WriteAllText(Path.Combine(dir, "one.beats"), "0.5\n");
        string edit = Path.Combine(dir, "edit.json");
        File.WriteAllText(edit, """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "edit": { "beatGrid": "one.beats" }, "clips": ["a.mp4"] }""");
        string tiny = Path.Combine(dir, "tiny.json");
        File.WriteAllText(tiny, """{ "song": "song.wav", "duration": 1, "output": { "width": 2, "height": 2, "fps": 30 }, "items": [ { "image": "s.png", "duration": 1 } ] }""");
        string tinyOut = Path.Combine(dir, "tiny.mp4");

        Cli.Result oneBeat = await InProcessCli.RunAsync("render", edit, "-o", Path.Combine(dir, "e.mp4"));
        Cli.Result small = await InProcessCli.RunAsync("render", tiny, "-o", tinyOut);

        Assert.Equal(1, oneBeat.ExitCode);
        Assert.Contains("edit.beatGrid", oneBeat.StandardError, StringComparison.Ordinal);
        Assert.Contains("'one.beats' has only one beat", oneBeat.StandardError, StringComparison.Ordinal);
        if (small.ExitCode == 0)
        {
            Assert.StartsWith(tinyOut + ": 30 frames", small.StandardOutput, StringComparison.Ordinal);
            Assert.Equal(30, CountFrames(tinyOut));
        }
        else
        {
            Assert.Matches(@"^videokit: error: FFmpeg encoded \d+ of the 30 frames", small.StandardError.Trim());
            Assert.False(File.Exists(tinyOut));
        }
    }

    // 9 (last). A temporary file left by a SIGKILLed render is swept by the next write into that folder.
    [Fact]
    public async Task Item9_StaleTemporaryFileOfAKilledRender_IsSweptNextTime()
    {
        string dir = TestMedia.NewFolder("stale");
        Copy(TestMedia.Tone("stale-song.wav", 20), dir, "song.wav");
        Copy(TestMedia.Clip("stale-clip.mp4", 320, 240, 25, 20), dir, "clip.mp4");
        string project = Path.Combine(dir, "p.json");
        File.WriteAllText(project, """{ "song": "song.wav", "output": { "width": 640, "height": 480, "fps": 25, "preset": "veryslow" }, "items": [ { "video": "clip.mp4", "duration": 20 } ] }""");
        string foreign = Path.Combine(dir, ".someone-else.tmp.mp4");
        File.WriteAllText(foreign, "not ours");

        using (Process render = Cli.Start("render", project, "-o", Path.Combine(dir, "out.mp4")))
        {
            var clock = Stopwatch.StartNew();
            while (Directory.GetFiles(dir, ".vk-*").Length == 0 && clock.Elapsed < TimeSpan.FromSeconds(60) && !render.HasExited)
            {
                await Task.Delay(50, Token);
            }

            render.Kill(entireProcessTree: false); // SIGKILL of the tool only, as a crash would
            await render.WaitForExitAsync(Token);
        }

        await Task.Delay(300, Token); // the orphaned FFmpeg sees its pipe close and exits
        string[] stale = Directory.GetFiles(dir, ".vk-*");
        Assert.Single(stale);

        Cli.Result next = await InProcessCli.RunAsync("analyze", Path.Combine(dir, "song.wav"), "--json", Path.Combine(dir, "a.json"));

        Assert.False(File.Exists(stale[0]), "the stale temporary file is still there");
        Assert.True(File.Exists(foreign), "a file that is not ours was removed");
        _ = next;
    }

    private static int CountFrames(string video)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", video])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return int.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }

    private static string Truncate(string source, string target, double fraction)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes[..(int)(bytes.Length * fraction)]);
        return target;
    }

    private static string Keep(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, "hand-made");
        return path;
    }

    private static string Copy(string source, string folder, string name)
    {
        string target = Path.Combine(folder, name);
        File.Copy(source, target, overwrite: true);
        return target;
    }

    /// <summary>Three 96x96 levels cut from one mandelbrot picture, each <paramref name="step"/> times wider than the last.</summary>
    private static string Levels(string dir, double step = 2)
    {
        string levels = Directory.CreateDirectory(Path.Combine(dir, "levels")).FullName;
        string big = Path.Combine(dir, "big.png");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "mandelbrot=size=600x600:rate=1", "-frames:v", "1", big);
        for (int k = 0; k < 3; k++)
        {
            int side = (int)Math.Round(600 / Math.Pow(step, 2 - k));
            TestMedia.FFmpeg("-i", big, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={side}:{side},scale=96:96"), Path.Combine(levels, $"{k}.png"));
        }

        return levels;
    }

    /// <summary>A copy of a PNG whose header claims another size (CRC fixed, so only the size is wrong).</summary>
    private static void WritePngClaiming(string source, string target, int width, int height)
    {
        byte[] png = File.ReadAllBytes(source);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        uint crc = HostileImages.Crc32(png.AsSpan(12, 17));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), crc);
        File.WriteAllBytes(target, png);
    }
}
