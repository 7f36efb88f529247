using System.Diagnostics;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.CliTests;

[Trait("Category", "FFmpeg")]
public sealed class RenderCommandTests
{
    [Fact]
    public async Task Render_Project_WritesTheVideoAndRefusesToOverwrite()
    {
        string folder = TestMedia.NewFolder("cli-render");
        File.Copy(TestMedia.Tone("cli-song.wav", 2), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-still.png", 64, 48), Path.Combine(folder, "still.png"));
        File.Copy(TestMedia.Clip("cli-clip.mp4", 96, 64, 25, 2), Path.Combine(folder, "clip.mp4"));
        string project = Path.Combine(folder, "video.json");
        await File.WriteAllTextAsync(project, """
            {
              "song": "song.wav",
              "output": { "width": 160, "height": 90, "fps": 25, "preset": "ultrafast" },
              "items": [
                { "image": "still.png", "duration": 1 },
                { "video": "clip.mp4", "in": 0.5, "duration": 1, "transition": { "type": "crossfade", "duration": 0.4 } }
              ]
            }
            """, TestContext.Current.CancellationToken);
        string output = Path.Combine(folder, "out.mp4");

        Cli.Result first = await Cli.RunAsync("render", project, "-o", output);
        Cli.Result second = await Cli.RunAsync("render", project, "-o", output);
        Cli.Result third = await Cli.RunAsync("render", project, "-o", output, "--overwrite");

        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith(output + ": 50 frames, 160x90 at 25 fps, 2.00 s", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"videokit: error: '{output}' already exists; set Overwrite (CLI: --overwrite) to replace it.", second.StandardError.Trim());
        Assert.Equal(0, third.ExitCode);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(info.PrimaryAudio);
        Assert.Equal(160, info.PrimaryVideo!.Width);
    }

    [Fact]
    public async Task Render_InvalidProject_PrintsEveryProblemOnOneLine()
    {
        string folder = TestMedia.NewFolder("cli-invalid");
        string project = Path.Combine(folder, "bad.json");
        await File.WriteAllTextAsync(project, """{ "duration": 2, "items": [ { "image": "nope.png", "duration": 0 } ] }""", TestContext.Current.CancellationToken);

        Cli.Result result = await Cli.RunAsync("render", project, "-o", Path.Combine(folder, "out.mp4"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"videokit: error: Project '{project}' is invalid (2 problems): items[0].image: 'nope.png' does not exist (looked for {folder}/nope.png); items[0].duration: must be > 0 (is 0 s)",
            result.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "out.mp4")));
    }

    [Fact]
    public async Task Render_DurationLongerThanTheSong_IsAProjectProblemAtDuration()
    {
        string folder = TestMedia.NewFolder("cli-long");
        File.Copy(TestMedia.Tone("cli-song.wav", 2), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-still.png", 64, 48), Path.Combine(folder, "still.png"));
        string project = Path.Combine(folder, "long.json");
        await File.WriteAllTextAsync(project, """{ "song": "song.wav", "duration": 20, "items": [ { "image": "still.png", "duration": 1 } ] }""", TestContext.Current.CancellationToken);

        Cli.Result result = await Cli.RunAsync("render", project, "-o", Path.Combine(folder, "out.mp4"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"videokit: error: Project '{project}' is invalid (1 problem): duration: 20 s must not be longer than the song (2.000 s)", result.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "out.mp4")));
    }

    [Fact]
    public async Task Render_Terminated_CancelsStopsFFmpegAndKeepsTheOldOutput()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-render-terminated");
        File.Copy(TestMedia.Tone("cli-long-song.wav", 60), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-big-still.png", 640, 360), Path.Combine(folder, "still.png"));
        string project = Path.Combine(folder, "video.json");
        await File.WriteAllTextAsync(project, """
            { "song": "song.wav", "output": { "width": 1280, "height": 720, "fps": 30 }, "items": [ { "image": "still.png", "duration": 60 } ] }
            """, ct);
        string output = Path.Combine(folder, "out.mp4");
        await File.WriteAllTextAsync(output, "a good earlier render", ct);

        using Process render = Cli.Start("render", project, "-o", output, "--overwrite");
        Task<string> stdout = render.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = render.StandardError.ReadToEndAsync(ct);
        var clock = Stopwatch.StartNew();
        string? temporary = null;
        while (temporary is null && !render.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, ct);
            temporary = Directory.EnumerateFiles(folder).FirstOrDefault(f => Path.GetFileName(f).StartsWith(".vk-", StringComparison.Ordinal));
        }

        Assert.True(temporary is not null && !render.HasExited, "the render was not seen writing: " + string.Join(", ", Directory.EnumerateFiles(folder).Select(Path.GetFileName)));
        using (Process kill = Process.Start("kill", ["-TERM", render.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        await render.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);
        _ = await stdout;

        Assert.Equal(130, render.ExitCode);
        Assert.Equal("videokit: cancelled.", (await stderr).Trim());
        Assert.False(File.Exists(temporary), "the temporary file was left behind");
        Assert.Equal("a good earlier render", await File.ReadAllTextAsync(output, ct));
        Assert.False(FFmpegStillWrites(temporary), "an FFmpeg process still writes the temporary file");
    }

    // Issue 15 item 4: the video is in place when the cut check starts; a cancel from then on keeps it and exits 0. The
    // signal follows the move as closely as the test can see it, but the check (a fraction of a second) may be over
    // before it lands: both outcomes are checked, the "cancelled during the check" one is not guaranteed to occur.
    [Fact]
    public async Task Render_TerminatedRightAfterTheMove_KeepsTheFileAndReportsItWritten()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-cut-check-terminated");
        Directory.CreateDirectory(Path.Combine(folder, "clips"));
        for (int i = 0; i < 4; i++)
        {
            File.Copy(Editing.EditingMedia.Clip(i, 320, 180, 30, 3), Path.Combine(folder, "clips", $"clip{i}.mp4"));
        }

        File.Copy(Editing.BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        File.WriteAllLines(Path.Combine(folder, "song.beats"), Editing.BeatFiles.Times("simu_techno_movement").Select(t => t.TotalSeconds.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));
        string project = Path.Combine(folder, "project.json");
        await File.WriteAllTextAsync(project, """
            {
              "song": "song.flac",
              "duration": 10,
              "output": { "width": 320, "height": 180, "fps": 30, "preset": "ultrafast" },
              "edit": { "cutEvery": { "beats": 1 }, "transition": "cut", "beatGrid": "song.beats", "order": "shuffle", "seed": 3 },
              "clips": ["clips/"]
            }
            """, ct);
        string output = Path.Combine(folder, "out.mp4");

        using Process render = Cli.Start("render", project, "-o", output);
        Task<string> stdout = render.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = render.StandardError.ReadToEndAsync(ct);

        // The video is moved into place just before the cut check starts: signal as soon as it appears.
        var clock = Stopwatch.StartNew();
        bool checking = false;
        while (!checking && !render.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(1, ct);
            checking = File.Exists(output);
        }

        Assert.True(checking, "the video was not seen moved into place: " + await stderr);
        _ = Kill(render.Id, 15); // SIGTERM at once (the process may have finished already: then there is nothing to cancel)

        await render.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);
        string written = await stdout, errors = await stderr;

        Assert.True(render.ExitCode == 0, errors);
        Assert.StartsWith(output + ": 300 frames", written, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(errors.Length > 0 ? "the signal landed during the cut check" : "the cut check finished before the signal");
        if (errors.Length > 0)
        {
            // The signal landed during the check: skipped, the file reported as written.
            Assert.Equal($"videokit: {output} was written; the cut check was cancelled.", errors.Trim());
            Assert.DoesNotContain("cuts:", written, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("cuts: ", written, StringComparison.Ordinal);
        }

        Assert.True(new FileInfo(output).Length > 0, "the written video was removed");
        Assert.Empty(Directory.EnumerateFiles(folder, ".vk-*"));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Whether any running process has <paramref name="path"/> on its command line.</summary>
    private static bool FFmpegStillWrites(string path)
    {
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(Path.GetFileName(path), StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return false;
    }
}
