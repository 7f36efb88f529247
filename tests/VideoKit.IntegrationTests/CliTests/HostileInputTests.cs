using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// One test per class of defect the hostile-input sweep (<c>tests/hostile-sweep/sweep.sh</c>) found: real FFmpeg,
/// files made at test time, the CLI run in-process. Each runs in a few seconds.
/// </summary>
[Collection(nameof(InProcessCliGroup))]
[Trait("Category", "FFmpeg")]
public sealed class HostileInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The mix's loudnorm: a song of constant level (a tone; a song shorter than the 3 s loudness-range window) made
    // FFmpeg fail with "Conversion failed!"; a silent one has no loudness to normalise to.
    [Fact]
    public async Task Mix_ToneSongAndSilentSong_RenderWithSound()
    {
        string dir = TestMedia.NewFolder("hostile-mix");
        Copy(TestMedia.Tone("hostile-mix-tone.wav", 2), dir, "tone.wav");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "2", Path.Combine(dir, "silent.wav"));
        Copy(TestMedia.Image("hostile-mix-still.png", 64, 48), dir, "still.png");
        string tone = Project(dir, "tone.json", """{ "song": "tone.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 2 } ], "audio": { "fadeIn": 0.2 } }""");
        string silent = Project(dir, "silent.json", """{ "song": "silent.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 2 } ], "audio": { "loudness": -14 } }""");

        Cli.Result toneRun = await InProcessCli.RunAsync("render", tone, "-o", Path.Combine(dir, "tone.mp4"));
        Cli.Result silentRun = await InProcessCli.RunAsync("render", silent, "-o", Path.Combine(dir, "silent.mp4"));

        Assert.True(toneRun.ExitCode == 0, toneRun.StandardError);
        Assert.True(silentRun.ExitCode == 0, silentRun.StandardError);
        Assert.Contains("videokit: warning: the audio mix is silent", silentRun.StandardError, StringComparison.Ordinal);
        Audio.LoudnessMeasurement loud = await Audio.AudioMixer.MeasureAsync(Path.Combine(dir, "tone.mp4"), cancellationToken: Token);
        Assert.InRange(loud.Integrated, -15.5, -12.5); // normalised to the default -14 LUFS
        Assert.NotNull((await MediaProbe.ProbeAsync(Path.Combine(dir, "silent.mp4"), cancellationToken: Token)).PrimaryAudio);
    }

    // A '%' that forms no image2 pattern ("50%off.png") made FFmpeg pick png_pipe, which refused '-pattern_type'.
    [Fact]
    public async Task PercentInNames_ThatIsNoSequencePattern_IsReadAsTheFileNamed()
    {
        string dir = Directory.CreateDirectory(Path.Combine(TestMedia.NewFolder("hostile-pct"), "100% [sic], 50%off")).FullName;
        Copy(TestMedia.Tone("hostile-pct-song.wav", 1), dir, "a%zsong.wav");
        Copy(TestMedia.Image("hostile-pct-still.png", 64, 48), dir, "50%off.png");
        Copy(TestMedia.Image("hostile-pct-still.jpg", 64, 48), dir, "x%t%d.jpg");
        string project = Project(dir, "p%.json", """{ "song": "a%zsong.wav", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "50%off.png", "duration": 0.5 }, { "image": "x%t%d.jpg", "duration": 0.5 } ] }""");

        Cli.Result render = await InProcessCli.RunAsync("render", project, "-o", Path.Combine(dir, "out%d.mp4"));
        Cli.Result frame = await InProcessCli.RunAsync("frame", project, "--at", "0.7", "-o", Path.Combine(dir, "f%s.png"));

        Assert.True(render.ExitCode == 0, render.StandardError);
        Assert.True(frame.ExitCode == 0, frame.StandardError);
        Assert.True(File.Exists(Path.Combine(dir, "out%d.mp4")));
        Assert.True(File.Exists(Path.Combine(dir, "f%s.png")));
    }

    // 'videokit frame' replaced inputs and existing images unasked, wrote an .mp4 or failed naming a temporary file for
    // a non-picture extension, and showed the last frame for any time past the end.
    [Fact]
    public async Task Frame_FollowsTheWriteRule_AndRefusesNonPicturesAndTimesPastTheEnd()
    {
        string dir = TestMedia.NewFolder("hostile-frame");
        Copy(TestMedia.Tone("hostile-frame-song.wav", 1), dir, "song.wav");
        string still = Copy(TestMedia.Image("hostile-frame-still.png", 64, 48), dir, "still.png");
        string project = Project(dir, "p.json", """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "duration": 1 } ] }""");
        string existing = Path.Combine(dir, "kept.png");
        File.WriteAllText(existing, "hand-made");
        byte[] stillBefore = SHA256.HashData(File.ReadAllBytes(still));

        Cli.Result overInput = await InProcessCli.RunAsync("frame", project, "--at", "0.5", "-o", still, "--overwrite");
        Cli.Result overExisting = await InProcessCli.RunAsync("frame", project, "--at", "0.5", "-o", existing);
        Cli.Result video = await InProcessCli.RunAsync("frame", project, "--at", "0.5", "-o", Path.Combine(dir, "f.mp4"));
        Cli.Result late = await InProcessCli.RunAsync("frame", project, "--at", "12.5", "-o", Path.Combine(dir, "late.png"));
        Cli.Result replaced = await InProcessCli.RunAsync("frame", project, "--at", "0.5", "-o", existing, "--overwrite");

        Assert.Equal(1, overInput.ExitCode);
        Assert.Contains("is the input", overInput.StandardError, StringComparison.Ordinal);
        Assert.Equal(stillBefore, SHA256.HashData(File.ReadAllBytes(still)));
        Assert.Equal(1, overExisting.ExitCode);
        Assert.Contains("already exists", overExisting.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, video.ExitCode);
        Assert.Equal($"videokit: error: '{Path.Combine(dir, "f.mp4")}' has the extension '.mp4', which is not a picture format; write the image to .png, .jpg, .bmp, .tiff or .webp.", video.StandardError.Trim());
        Assert.Equal(1, late.ExitCode);
        Assert.Contains("--at 12.5 s is past the end of the video", late.StandardError, StringComparison.Ordinal);
        Assert.Contains("(1 s long)", late.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, replaced.ExitCode);
        Assert.NotEqual("hand-made", File.ReadAllText(existing));
        Assert.Empty(Directory.GetFiles(dir, "f.mp4").Concat(Directory.GetFiles(dir, "late.png")).Concat(Directory.GetFiles(dir, ".vk-*")));
    }

    // A stitch wrote over its own part with --overwrite; a segment could write over a song that is a video file.
    [Fact]
    public async Task SegmentsAndStitch_NeverWriteOverTheirInputs()
    {
        string dir = TestMedia.NewFolder("hostile-stitch");
        string song = Path.Combine(dir, "song.mp4");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", song);
        Copy(TestMedia.Image("hostile-stitch-still.png", 64, 48), dir, "still.png");
        string project = Project(dir, "p.json", """{ "song": "song.mp4", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 1 } ] }""");
        string part = Path.Combine(dir, "part.mp4");
        Cli.Result segment = await InProcessCli.RunAsync("render", project, "--segment", "1/1", "-o", part);
        Assert.True(segment.ExitCode == 0, segment.StandardError);
        byte[] partBefore = SHA256.HashData(File.ReadAllBytes(part));
        byte[] songBefore = SHA256.HashData(File.ReadAllBytes(song));

        Cli.Result stitchOverPart = await InProcessCli.RunAsync("stitch", project, part, "-o", part, "--overwrite");
        Cli.Result segmentOverSong = await InProcessCli.RunAsync("render", project, "--segment", "1/1", "-o", song, "--overwrite");

        foreach (Cli.Result r in (Cli.Result[])[stitchOverPart, segmentOverSong])
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("is the input", r.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(partBefore, SHA256.HashData(File.ReadAllBytes(part)));
        Assert.Equal(songBefore, SHA256.HashData(File.ReadAllBytes(song)));
        Assert.Empty(Directory.GetFiles(dir, ".*"));
    }

    // Messages that misled: a file given as --out-dir, a plot named .svg written as PNG under that name, levels too small or of odd sizes not named, an empty file read as
    // "Invalid data", an empty -o answered with .NET's nameless argument check, raw control characters of a binary
    // beats file on the terminal.
    [Fact]
    public async Task Messages_NameTheFileAndWhatIsWrongWithIt()
    {
        string dir = TestMedia.NewFolder("hostile-messages");
        string song = Copy(TestMedia.Tone("hostile-msg-song.wav", 3), dir, "song.wav");
        string file = Path.Combine(dir, "beats");
        File.WriteAllText(file, "not a folder");
        string tiny = Directory.CreateDirectory(Path.Combine(dir, "tiny")).FullName;
        Copy(TestMedia.Image("hostile-msg-1x1.png", 64, 48), tiny, "0.png");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=1,scale=1:1", "-frames:v", "1", Path.Combine(tiny, "1.png"));
        string odd = Directory.CreateDirectory(Path.Combine(dir, "odd")).FullName;
        Copy(TestMedia.Image("hostile-msg-64.png", 64, 48), odd, "0.png");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=1,scale=63:47", "-frames:v", "1", Path.Combine(odd, "1.png")); // testsrc2 itself evens its size
        string empty = Path.Combine(dir, "empty.mp4");
        File.WriteAllBytes(empty, []);
        Copy(TestMedia.Clip("hostile-msg-clip.mp4", 64, 48, 10, 1), dir, "clip.mp4");
        File.WriteAllBytes(Path.Combine(dir, "grid.beats"), [0x1B, (byte)'[', (byte)'2', (byte)'J', 0x07, (byte)'x', (byte)'\n']);
        string project = Project(dir, "p.json", """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "edit": { "beatGrid": "grid.beats" }, "clips": ["clip.mp4"] }""");

        (string[] Args, string Expected)[] cases =
        [
            (["analyze", song, "--out-dir", file], $"videokit: error: --out-dir '{file}' is a file; give a folder (it is created when missing)."),
            (["analyze", song, "--plot", Path.Combine(dir, "grid.svg")], $"videokit: error: '{Path.Combine(dir, "grid.svg")}' has the extension '.svg'; the rhythm plot is written as PNG: name it NAME.png."),
            (["zoom", "frame", "--levels", tiny, "--factor", "2", "--at", "0", "--size", "32x24", "-o", Path.Combine(dir, "t.png")],
                $"videokit: error: Zoom level 1 '{Path.Combine(tiny, "1.png")}' is 1x1; levels must be at least 32x32 pixels."),
            (["zoom", "frame", "--levels", odd, "--factor", "2", "--at", "0", "--size", "32x24", "-o", Path.Combine(dir, "o.png")],
                $"videokit: error: Zoom level 1 '{Path.Combine(odd, "1.png")}' is 63x47, but level 0 '{Path.Combine(odd, "0.png")}' is 64x48; every level of a zoom sequence must be the same size."),
            (["probe", empty], $"videokit: error: '{empty}' is empty (0 bytes), not a media file."),
            (["render", project, "-o", " "], "videokit: error: --output is empty; give a value. See 'videokit render --help'."),
            (["render", project, "-o", Path.Combine(dir, "out.mp4")], "grid.beats' line 1: '\\x1B[2J\\x07x' is not a time in seconds"),
        ];
        foreach ((string[] args, string expected) in cases)
        {
            Cli.Result r = await InProcessCli.RunAsync(args);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains(expected, r.StandardError.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain(r.StandardError, c => char.IsControl(c) && c != '\n' && c != '\r');
            Assert.Single(r.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.False(File.Exists(Path.Combine(dir, "out.mp4")));
        Assert.False(File.Exists(Path.Combine(dir, "grid.svg")));

        // Through the cluster (a process: it hosts Orleans silos), the job's failure quotes the silo's exception,
        // whose .NET " (Parameter 'outputPath')" suffix was printed too.
        Copy(TestMedia.Image("hostile-msg-still.png", 64, 48), dir, "still.png");
        string plain = Project(dir, "plain.json", """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "duration": 1 } ] }""");
        Cli.Result cluster = await Cli.RunAsync("render", plain, "-o", Path.Combine(dir, "x.wav"), "--workers", "2");
        Assert.Equal(1, cluster.ExitCode);
        Assert.EndsWith("x.wav' has an extension FFmpeg cannot write video to; use .mp4, .mov, .mkv or .webm.", cluster.StandardError.Trim(), StringComparison.Ordinal);
    }

    // FFmpeg's closing lines ("Invalid argument", "Conversion failed!") were quoted instead of the line that says why.
    [Fact]
    public void FFmpegFailure_IsExplainedByItsTellingLine()
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=d=0.1", "-filter_complex", "[0:a]nosuchfilter_vk[out]", "-map", "[out]", "-f", "null", "-"])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string[] lines = p.StandardError.ReadToEnd().Split('\n');
        p.WaitForExit();

        Assert.NotEqual(0, p.ExitCode);
        Assert.Equal("No such filter: 'nosuchfilter_vk'", FFmpegProcess.Explain(lines));
    }

    // The samples take paths from their command line; a missing song or levels folder crashed them with a stack trace.
    [Fact]
    public async Task Samples_BadPaths_EndWithOneLineAndExitCode1()
    {
        string dir = TestMedia.NewFolder("hostile-samples");
        string clip = Copy(TestMedia.Clip("hostile-samples-clip.mp4", 64, 48, 10, 1), dir, "clip.mp4");
        string song = Copy(TestMedia.Tone("hostile-samples-song.wav", 3), dir, "song.wav");
        string gone = Path.Combine(dir, "gone.wav");

        Cli.Result montage = await RunSampleAsync("BeatMontage", Path.Combine(dir, "m.mp4"), gone, clip);
        Cli.Result zoom = await RunSampleAsync("ZoomOut", Path.Combine(dir, "no-levels"), song, Path.Combine(dir, "z.mp4"));

        Assert.Equal(1, montage.ExitCode);
        Assert.Equal($"VideoKit.Samples.BeatMontage: error: The audio file '{gone}' does not exist.", montage.StandardError.Trim());
        Assert.Equal(1, zoom.ExitCode);
        Assert.Equal($"VideoKit.Samples.ZoomOut: error: The zoom level folder '{Path.Combine(dir, "no-levels")}' does not exist.", zoom.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(dir, "m.mp4")) || File.Exists(Path.Combine(dir, "z.mp4")));
    }

    // An unknown output.pixelFormat failed ~1.6 s into FFmpeg with FFmpeg's words; one the encoder cannot take was
    // silently replaced by another. Both are now refused when the project is loaded, naming the file, the field, the
    // value and what this FFmpeg's encoder takes; valid ones (for the codec asked for) still load.
    [Fact]
    public async Task PixelFormat_UnknownOrNotEncodable_IsRefusedAtLoad_NamingFieldValueAndChoices()
    {
        string dir = TestMedia.NewFolder("hostile-pixfmt");
        Copy(TestMedia.Tone("hostile-pixfmt-song.wav", 1), dir, "song.wav");
        Copy(TestMedia.Image("hostile-pixfmt-still.png", 64, 48), dir, "still.png");
        string Output(string codec, string pixelFormat) =>
            $$"""{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10, "codec": "{{codec}}", "pixelFormat": "{{pixelFormat}}" }, "items": [ { "image": "still.png", "duration": 1 } ] }""";
        string unknown = Project(dir, "unknown.json", Output("h264", "yuv999p"));
        string notEncodable = Project(dir, "rgb.json", Output("h264", "rgb24"));

        Cli.Result unknownRun = await InProcessCli.RunAsync("render", unknown, "-o", Path.Combine(dir, "u.mp4"));
        Cli.Result rgbRun = await InProcessCli.RunAsync("render", notEncodable, "-o", Path.Combine(dir, "r.mp4"));
        ProjectFile tenBit = await ProjectFile.LoadAsync(Project(dir, "10bit.json", Output("h264", "yuv420p10le")), cancellationToken: Token);
        ProjectFile ffv1 = await ProjectFile.LoadAsync(Project(dir, "ffv1.json", Output("ffv1", "gbrp10le")), cancellationToken: Token);

        Assert.Equal(1, unknownRun.ExitCode);
        Assert.Contains($"Project '{unknown}' is invalid (1 problem): output.pixelFormat: \"yuv999p\" is not a pixel format FFmpeg knows; libx264 takes yuv420p, ", unknownRun.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, rgbRun.ExitCode);
        Assert.Contains("output.pixelFormat: libx264 cannot encode \"rgb24\"", rgbRun.StandardError, StringComparison.Ordinal);
        Assert.Contains("yuv444p", rgbRun.StandardError, StringComparison.Ordinal);
        Assert.Equal("yuv420p10le", tenBit.RenderOptions.PixelFormat);
        Assert.Equal("gbrp10le", ffv1.RenderOptions.PixelFormat);
        Assert.Empty(Directory.GetFiles(dir, "*.mp4").Concat(Directory.GetFiles(dir, ".vk-*")));
    }

    // Stills FFmpeg reads but that are unusual: 16-bit, grey, palette, palette with transparency (its transparent
    // half showed the colour hidden under alpha — bright green — instead of black), EXIF-rotated JPEG and PNG (shown
    // sideways). Each frame is compared with the picture FFmpeg makes of it independently.
    [Fact]
    public async Task UnusualStills_ShowTheirOwnPicture()
    {
        string dir = TestMedia.NewFolder("hostile-stills");
        Copy(TestMedia.Tone("hostile-stills-song.wav", 1), dir, "song.wav");
        string base64x48 = Copy(TestMedia.Image("hostile-stills-base.png", 64, 48), dir, "base.png");
        TestMedia.FFmpeg("-i", base64x48, "-q:v", "2", Path.Combine(dir, "base.jpg"));
        foreach (string format in (string[])["rgb48be", "rgba64be", "gray", "gray16be", "ya16be", "pal8"])
        {
            TestMedia.FFmpeg("-i", base64x48, "-pix_fmt", format, Path.Combine(dir, format + ".png"));
        }

        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=32x48:rate=1:duration=1,format=rgba,pad=64:48:0:0:color=white@0,split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse",
            "-frames:v", "1", Path.Combine(dir, "palette-alpha.png"));
        HostileImages.AddJpegOrientation(Path.Combine(dir, "base.jpg"), Path.Combine(dir, "exif6.jpg"), 6);
        HostileImages.AddPngOrientation(base64x48, Path.Combine(dir, "exif8.png"), 8);

        // What each should show: FFmpeg's own decode (turned as EXIF says, laid over black), or the CMYK colours.
        (string Still, string Size, string[] Expected)[] cases =
        [
            .. ((string[])["rgb48be", "rgba64be", "gray", "gray16be", "ya16be", "pal8"]).Select(f => (f + ".png", "64x48", (string[])["-i", Path.Combine(dir, f + ".png")])),
            ("palette-alpha.png", "64x48", ["-f", "lavfi", "-i", "color=black:size=64x48", "-i", Path.Combine(dir, "palette-alpha.png"), "-filter_complex", "[0][1]overlay=format=rgb"]),
            ("exif6.jpg", "48x64", ["-i", Path.Combine(dir, "base.jpg"), "-vf", "transpose=clock"]),
            ("exif8.png", "48x64", ["-i", base64x48, "-vf", "transpose=cclock"]),
        ];
        // One timeline per frame shape, a second per still (the library's one-frame render, as 'videokit frame' uses).
        foreach (IGrouping<string, (string Still, string Size, string[] Expected)> shape in cases.GroupBy(c => c.Size))
        {
            string[] wh = shape.Key.Split('x');
            var builder = new TimelineBuilder(new Resolution(int.Parse(wh[0], CultureInfo.InvariantCulture), int.Parse(wh[1], CultureInfo.InvariantCulture)), new FrameRate(10))
                .WithDuration(TimeSpan.FromSeconds(shape.Count()));
            foreach ((string still, int i) in shape.Select((c, i) => (c.Still, i)))
            {
                builder.AddImage(Path.Combine(dir, still), TimeSpan.FromSeconds(i), TimeSpan.FromSeconds(1));
            }

            Timeline timeline = builder.Build();
            foreach (((string still, _, string[] expected), int i) in shape.Select((c, i) => (c, i)))
            {
                string want = Path.Combine(dir, "want-" + still + ".png");
                TestMedia.FFmpeg([.. expected, "-frames:v", "1", "-pix_fmt", "rgb24", want]);
                using Frame got = await timeline.RenderFrameAsync(TimeSpan.FromSeconds(i + 0.5), cancellationToken: Token);
                using Frame reference = await ImageFile.LoadAsync(want, cancellationToken: Token);
                double psnr = ImageMetrics.Psnr(got, reference);
                Assert.True(psnr > 40, $"{still}: PSNR {psnr:0.0} dB against FFmpeg's picture");
            }
        }

    }

    // Clips and zoom levels that are not plain: an EXIF-rotated animated PNG played as a video clip was shown sideways
    // (a still given as a clip is refused, pointing to "image", as before);
    // a clip with alpha (QuickTime Animation; VP9 in WebM, whose alpha FFmpeg's own decoder drops) on the video track and
    // zoom levels with alpha showed the colour stored under their transparent parts (bright green here) instead of black,
    // as stills show it. An overlay clip keeps its alpha (VP9's too, read by libvpx).
    [Fact]
    public async Task UnusualClipsAndLevels_ShowTheirOwnPicture()
    {
        string dir = TestMedia.NewFolder("hostile-clips");
        string base64x48 = Copy(TestMedia.Image("hostile-stills-base.png", 64, 48), dir, "base.png");
        TestMedia.FFmpeg("-i", base64x48, "-q:v", "2", Path.Combine(dir, "base.jpg"));
        HostileImages.AddJpegOrientation(Path.Combine(dir, "base.jpg"), Path.Combine(dir, "exif6.jpg"), 6);
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=1", "-f", "apng", Path.Combine(dir, "anim.apng"));
        HostileImages.AddPngOrientation(Path.Combine(dir, "anim.apng"), Path.Combine(dir, "exif6.apng"), 6);
        // Left half a colour at half opacity, right half fully transparent over a hidden green.
        string alphaClip = Path.Combine(dir, "alpha.mov");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0x3080C0:size=32x48:rate=10:duration=1,format=rgba,colorchannelmixer=aa=0.5,pad=64:48:0:0:color=0x00FF00@0",
            "-c:v", "qtrle", "-pix_fmt", "argb", alphaClip);
        string vp9Clip = Path.Combine(dir, "alpha.webm"); // the same picture as VP9 with alpha (WebM alpha_mode)
        TestMedia.FFmpeg("-i", alphaClip, "-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-crf", "10", "-b:v", "0", "-auto-alt-ref", "0", vp9Clip);
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0xC86432@0.5:size=64x48,format=rgba", "-frames:v", "1", Path.Combine(dir, "semi.png"));
        string levels = Directory.CreateDirectory(Path.Combine(dir, "levels")).FullName;
        File.Copy(Path.Combine(dir, "semi.png"), Path.Combine(levels, "0.png"));
        File.Copy(Path.Combine(dir, "semi.png"), Path.Combine(levels, "1.png"));
        string white = TestMedia.Solid("hostile-clips-white.png", 64, 48, "white");

        Timeline turned = new TimelineBuilder(new Resolution(48, 64), new FrameRate(10)).WithDuration(TimeSpan.FromSeconds(1))
            .AddVideo(Path.Combine(dir, "exif6.apng"), TimeSpan.Zero, TimeSpan.FromSeconds(1)).Build();
        Timeline still = new TimelineBuilder(new Resolution(48, 64), new FrameRate(10)).WithDuration(TimeSpan.FromSeconds(1))
            .AddVideo(Path.Combine(dir, "exif6.jpg"), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.Zero, new ClipPlayback { Repeat = ClipRepeat.Loop }).Build();
        Timeline alpha = new TimelineBuilder(new Resolution(64, 48), new FrameRate(10)).WithDuration(TimeSpan.FromSeconds(2))
            .AddVideo(alphaClip, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddVideo(alphaClip, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.Zero, ClipPlayback.Normal, FitMode.BlurredFill) // the RGBA path
            .Build();
        Timeline overlay = new TimelineBuilder(new Resolution(64, 48), new FrameRate(10)).WithDuration(TimeSpan.FromSeconds(1))
            .AddImage(white, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddOverlayVideo(alphaClip, TimeSpan.Zero, TimeSpan.FromSeconds(1), OverlayPlacement.FullFrame).Build();
        Timeline vp9 = new TimelineBuilder(new Resolution(64, 48), new FrameRate(10)).WithDuration(TimeSpan.FromSeconds(2))
            .AddVideo(vp9Clip, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddImage(white, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
            .AddOverlayVideo(vp9Clip, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), OverlayPlacement.FullFrame).Build();
        Cli.Result zoom = await InProcessCli.RunAsync("zoom", "frame", "--levels", levels, "--factor", "2", "--at", "0", "--size", "64x48", "-o", Path.Combine(dir, "got-zoom.png"));

        // What each should show, made by FFmpeg independently: turned as EXIF says; laid over black; over white.
        (Timeline Timeline, double At, string Name, string[] Expected)[] cases =
        [
            (turned, 0.05, "turned", ["-i", Path.Combine(dir, "anim.apng"), "-vf", "transpose=clock"]),
            (alpha, 0.5, "alpha-yuv", ["-f", "lavfi", "-i", "color=black:size=64x48", "-i", alphaClip, "-filter_complex", "[0][1]overlay=format=rgb"]),
            (alpha, 1.5, "alpha-rgba", ["-f", "lavfi", "-i", "color=black:size=64x48", "-i", alphaClip, "-filter_complex", "[0][1]overlay=format=rgb"]),
            (overlay, 0.5, "overlay", ["-i", white, "-i", alphaClip, "-filter_complex", "[0][1]overlay=format=rgb"]),
            (vp9, 0.5, "vp9", ["-f", "lavfi", "-i", "color=black:size=64x48", "-c:v", "libvpx-vp9", "-i", vp9Clip, "-filter_complex", "[0][1]overlay=format=rgb"]),
            (vp9, 1.5, "vp9-overlay", ["-i", white, "-c:v", "libvpx-vp9", "-i", vp9Clip, "-filter_complex", "[0][1]overlay=format=rgb"]),
        ];
        foreach ((Timeline timeline, double at, string name, string[] expected) in cases)
        {
            string want = Path.Combine(dir, "want-" + name + ".png");
            TestMedia.FFmpeg([.. expected, "-frames:v", "1", "-pix_fmt", "rgb24", want]);
            using Frame got = await timeline.RenderFrameAsync(TimeSpan.FromSeconds(at), cancellationToken: Token);
            using Frame reference = await ImageFile.LoadAsync(want, cancellationToken: Token);
            double psnr = ImageMetrics.Psnr(got, reference);
            Assert.True(psnr > 30, $"{name}: PSNR {psnr:0.0} dB against FFmpeg's picture");
        }

        UnsupportedMediaException refused = await Assert.ThrowsAsync<UnsupportedMediaException>(() => still.RenderFrameAsync(TimeSpan.FromSeconds(0.5), cancellationToken: Token));
        Assert.Equal($"'{Path.Combine(dir, "exif6.jpg")}' is a still image, not a video; place it as an image (project: \"image\"; TimelineBuilder.AddImage).", refused.Message);
        Assert.True(zoom.ExitCode == 0, zoom.StandardError);
        using Frame level = await ImageFile.LoadAsync(Path.Combine(dir, "got-zoom.png"), cancellationToken: Token);
        Span<byte> pixel = level.GetRow(24).Slice(32 * 4, 4);
        Assert.InRange(pixel[0], 98, 102); // (200, 100, 50) at half opacity, over black
        Assert.InRange(pixel[1], 48, 52);
        Assert.InRange(pixel[2], 23, 27);
    }

    // A CMYK JPEG (Adobe, inverted, as Photoshop saves it), as a still and as zoom levels: each quadrant in its colour
    // (R = C'·K'/255, ... of the stored, inverted values).
    [Fact]
    public async Task CmykJpeg_AsStillAndAsZoomLevels_ShowsItsColours()
    {
        string dir = TestMedia.NewFolder("hostile-cmyk");
        Copy(TestMedia.Tone("hostile-stills-song.wav", 1), dir, "song.wav");
        HostileImages.WriteCmykJpeg(Path.Combine(dir, "cmyk.jpg"));
        string cmykProject = Project(dir, "cmyk.json", """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "cmyk.jpg", "duration": 1 } ] }""");
        string levels = Directory.CreateDirectory(Path.Combine(dir, "levels")).FullName;
        File.Copy(Path.Combine(dir, "cmyk.jpg"), Path.Combine(levels, "0.jpg"));
        File.Copy(Path.Combine(dir, "cmyk.jpg"), Path.Combine(levels, "1.jpg"));
        Cli.Result stillRun = await InProcessCli.RunAsync("frame", cmykProject, "--at", "0.5", "-o", Path.Combine(dir, "got-cmyk.png"));
        Cli.Result zoom = await InProcessCli.RunAsync("zoom", "frame", "--levels", levels, "--factor", "2", "--at", "0", "--size", "64x48", "-o", Path.Combine(dir, "got-zoom.png"));
        Assert.True(stillRun.ExitCode == 0, stillRun.StandardError);
        Assert.True(zoom.ExitCode == 0, zoom.StandardError);
        foreach (string got in (string[])["got-cmyk.png", "got-zoom.png"])
        {
            using Frame frame = await ImageFile.LoadAsync(Path.Combine(dir, got), cancellationToken: Token);
            for (int q = 0; q < 4; q++)
            {
                byte[] cmyk = HostileImages.CmykQuadrants[q];
                Span<byte> pixel = frame.GetRow((q / 2 * 24) + 12).Slice(((q % 2 * 32) + 16) * 4, 4);
                for (int c = 0; c < 3; c++)
                {
                    Assert.InRange(pixel[c], (cmyk[c] * cmyk[3] / 255) - 3, (cmyk[c] * cmyk[3] / 255) + 3);
                }
            }
        }
    }

    // A still that is no picture (empty, text named .png, a truncated JPEG) is refused with its name, and no video is left.
    [Fact]
    public async Task StillsThatAreNoPictures_AreRefusedByName()
    {
        string dir = TestMedia.NewFolder("hostile-nopicture");
        Copy(TestMedia.Tone("hostile-nopicture-song.wav", 1), dir, "song.wav");
        File.WriteAllBytes(Path.Combine(dir, "empty.png"), []);
        File.WriteAllText(Path.Combine(dir, "text.png"), "this is not a PNG\n");
        string whole = Copy(TestMedia.Image("hostile-nopicture.jpg", 320, 240), dir, "whole.jpg");
        File.WriteAllBytes(Path.Combine(dir, "cut.jpg"), File.ReadAllBytes(whole)[..(int)(new FileInfo(whole).Length * 2 / 3)]);
        foreach ((string still, string why) in ((string, string)[])[("empty.png", "is not an image FFmpeg can read: it is empty (0 bytes)"), ("text.png", "is not an image FFmpeg can read"), ("cut.jpg", "is damaged")])
        {
            string project = Project(dir, still + ".json", $$"""{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "{{still}}", "duration": 1 } ] }""");
            Cli.Result r = await InProcessCli.RunAsync("render", project, "-o", Path.Combine(dir, still + ".mp4"));
            Assert.Equal(1, r.ExitCode);
            Assert.Contains($"'{Path.Combine(dir, still)}' {why}", r.StandardError, StringComparison.Ordinal);
            Assert.Single(r.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Empty(Directory.GetFiles(dir, "*.mp4").Concat(Directory.GetFiles(dir, ".vk-*")));
    }

    // An output in a folder nobody may write to failed only when FFmpeg opened it, after the whole render; a missing
    // folder and an output that is an input are refused before any work too. The good output already there is kept.
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task UnwritableMissingOrInputOutput_IsRefusedBeforeAnyWork()
    {
        string dir = TestMedia.NewFolder("hostile-out");
        Copy(TestMedia.Tone("hostile-out-song.wav", 1), dir, "song.wav");
        string clip = Copy(TestMedia.Clip("hostile-out-clip.mp4", 64, 48, 10, 1), dir, "clip.mp4");
        string project = Project(dir, "p.json", """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "video": "clip.mp4", "duration": 1 } ] }""");
        string locked = Directory.CreateDirectory(Path.Combine(dir, "locked")).FullName;
        string good = Path.Combine(locked, "good.mp4");
        File.Copy(clip, good);
        byte[] goodBefore = SHA256.HashData(File.ReadAllBytes(good));
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        // Root writes into a read-only folder anyway; then a folder of a file system no one may create files in stands in.
        string unwritable = CanCreateFileIn(locked) ? "/sys" : locked;
        byte[] clipBefore = SHA256.HashData(File.ReadAllBytes(clip));

        try
        {
            Cli.Result readOnly = await InProcessCli.RunAsync("render", project, "-o", Path.Combine(unwritable, "good.mp4"), "--overwrite");
            Cli.Result missing = await InProcessCli.RunAsync("render", project, "-o", Path.Combine(dir, "no such", "out.mp4"));
            Cli.Result overInput = await InProcessCli.RunAsync("render", project, "-o", clip, "--overwrite");

            Assert.Equal(1, readOnly.ExitCode);
            Assert.Equal($"videokit: error: The output '{Path.Combine(unwritable, "good.mp4")}' cannot be written: the folder '{unwritable}' is not writable (no permission).", readOnly.StandardError.Trim());
            Assert.Equal(1, missing.ExitCode);
            Assert.Contains("The folder of the output", missing.StandardError, StringComparison.Ordinal);
            Assert.Equal(1, overInput.ExitCode);
            Assert.Contains("is the input", overInput.StandardError, StringComparison.Ordinal);
            Assert.Equal(goodBefore, SHA256.HashData(File.ReadAllBytes(good)));
            Assert.Equal(clipBefore, SHA256.HashData(File.ReadAllBytes(clip)));
            Assert.Equal(["good.mp4"], Directory.GetFiles(locked).Select(Path.GetFileName));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    // A 0.05 s song made a one-frame video of 0.1 s (longer than its song). Hand-placed items now need at least one
    // frame of song, said with the song's name; a beat edit needs 3 s for the analysis, as the analyzer says; a short
    // song of a few frames is still a valid short video.
    [Fact]
    public async Task SongShorterThanAFrame_IsRefusedNamingIt_AShortSongStillRenders()
    {
        string dir = TestMedia.NewFolder("hostile-short");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "sine=d=0.05", Path.Combine(dir, "blip.wav"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "sine=d=0.5", Path.Combine(dir, "half.wav"));
        Copy(TestMedia.Image("hostile-short-still.png", 64, 48), dir, "still.png");
        Copy(TestMedia.Clip("hostile-short-clip.mp4", 64, 48, 10, 1), dir, "clip.mp4");
        string Items(string song) => $$"""{ "song": "{{song}}", "output": { "width": 64, "height": 48, "fps": 10, "preset": "ultrafast" }, "items": [ { "image": "still.png", "duration": 1 } ] }""";
        string blip = Project(dir, "blip.json", Items("blip.wav"));
        string beatEdit = Project(dir, "edit.json", """{ "song": "blip.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "clips": ["clip.mp4"] }""");
        string half = Project(dir, "half.json", Items("half.wav"));

        Cli.Result blipRun = await InProcessCli.RunAsync("render", blip, "-o", Path.Combine(dir, "blip.mp4"));
        Cli.Result editRun = await InProcessCli.RunAsync("render", beatEdit, "-o", Path.Combine(dir, "edit.mp4"));
        Cli.Result halfRun = await InProcessCli.RunAsync("render", half, "-o", Path.Combine(dir, "half.mp4"));

        Assert.Equal(1, blipRun.ExitCode);
        Assert.Equal($"videokit: error: The song '{Path.Combine(dir, "blip.wav")}' is 0.05 s long, shorter than one frame at 10 fps (0.1 s); the video needs at least one frame of song.", blipRun.StandardError.Trim());
        Assert.Equal(1, editRun.ExitCode);
        Assert.Contains("blip.wav' is 0.05 s long; rhythm analysis needs at least 3 s of audio", editRun.StandardError, StringComparison.Ordinal);
        Assert.True(halfRun.ExitCode == 0, halfRun.StandardError);
        MediaInfo halfInfo = await MediaProbe.ProbeAsync(Path.Combine(dir, "half.mp4"), cancellationToken: Token);
        Assert.Equal(5, halfInfo.PrimaryVideo!.FrameCount);
        Assert.False(File.Exists(Path.Combine(dir, "blip.mp4")) || File.Exists(Path.Combine(dir, "edit.mp4")));
    }

    // Media of the wrong kind is named for what it is: a still given as a video said it "holds no video frames from 0 s
    // on"; a sound file as a video, and a video without sound as the song, say what stream is missing.
    [Fact]
    public async Task MediaOfTheWrongKind_IsNamedForWhatItIs()
    {
        string dir = TestMedia.NewFolder("hostile-kind");
        Copy(TestMedia.Tone("hostile-kind-song.wav", 1), dir, "song.wav");
        Copy(TestMedia.Image("hostile-kind-still.png", 64, 48), dir, "still.png");
        Copy(TestMedia.Clip("hostile-kind-silent.mp4", 64, 48, 10, 1), dir, "silent.mp4");
        const string Output = "\"output\": { \"width\": 64, \"height\": 48, \"fps\": 10 }";
        (string Json, string Expected)[] cases =
        [
            ($$"""{ "song": "song.wav", {{Output}}, "items": [ { "video": "still.png", "duration": 1 } ] }""",
                $"videokit: error: '{Path.Combine(dir, "still.png")}' is a still image, not a video; place it as an image (project: \"image\"; TimelineBuilder.AddImage)."),
            ($$"""{ "song": "song.wav", {{Output}}, "items": [ { "video": "song.wav", "duration": 1 } ] }""",
                $"videokit: error: '{Path.Combine(dir, "song.wav")}' has no video stream."),
            ($$"""{ "song": "silent.mp4", {{Output}}, "items": [ { "image": "still.png", "duration": 1 } ] }""",
                $"videokit: error: The song '{Path.Combine(dir, "silent.mp4")}' has no audio stream."),
        ];
        foreach (((string json, string expected), int i) in cases.Select((c, i) => (c, i)))
        {
            string project = Project(dir, $"p{i}.json", json);
            Cli.Result r = await InProcessCli.RunAsync("render", project, "-o", Path.Combine(dir, $"out{i}.mp4"));
            Assert.Equal(1, r.ExitCode);
            Assert.Equal(expected, r.StandardError.Trim());
        }

        Assert.Empty(Directory.GetFiles(dir, "out*").Concat(Directory.GetFiles(dir, ".vk-*")));
    }

    private static bool CanCreateFileIn(string folder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(folder, ".probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // A song without clips was ignored: the sample generated its own song and clips and rendered those instead.
    [Fact]
    public async Task BeatMontageSample_SongWithoutClips_IsAUsageError()
    {
        string dir = TestMedia.NewFolder("hostile-samples-noclips");
        string song = Copy(TestMedia.Tone("hostile-samples-noclips.wav", 3), dir, "song.wav");

        Cli.Result montage = await RunSampleAsync("BeatMontage", Path.Combine(dir, "m.mp4"), song);

        Assert.Equal(2, montage.ExitCode);
        Assert.StartsWith("usage: VideoKit.Samples.BeatMontage", montage.StandardError.Trim(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "m.mp4")));
    }

    /// <summary>Runs a built sample (artifacts/bin/VideoKit.Samples.NAME/&lt;config&gt;/) as a process.</summary>
    private static async Task<Cli.Result> RunSampleAsync(string name, params string[] args)
    {
        string config = Path.GetFileName(Path.GetDirectoryName(Cli.DllPath)!);
        string bin = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Cli.DllPath)!)!)!;
        return await Cli.RunDllAsync(Path.Combine(bin, "VideoKit.Samples." + name, config, "VideoKit.Samples." + name + ".dll"), args);
    }

    private static string Project(string dir, string name, string json)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Copy(string source, string folder, string name)
    {
        string target = Path.Combine(folder, name);
        File.Copy(source, target, overwrite: true);
        return target;
    }
}
