using System.Diagnostics;
using System.Security.Cryptography;
using VideoKit.Media;

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
        Assert.Equal($"VideoKit.Samples.BeatMontage: error: The media file '{gone}' does not exist.", montage.StandardError.Trim());
        Assert.Equal(1, zoom.ExitCode);
        Assert.Equal($"VideoKit.Samples.ZoomOut: error: The zoom level folder '{Path.Combine(dir, "no-levels")}' does not exist.", zoom.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(dir, "m.mp4")) || File.Exists(Path.Combine(dir, "z.mp4")));
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
