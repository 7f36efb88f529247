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
        Assert.Equal(string.Empty, first.StandardError); // the clip ends exactly at the song's end: nothing is cut
        Assert.Equal(1, second.ExitCode);
        Assert.Equal($"videokit: error: '{output}' already exists; set Overwrite (CLI: --overwrite) to replace it.", second.StandardError.Trim());
        Assert.Equal(0, third.ExitCode);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(info.PrimaryAudio);
        Assert.Equal(160, info.PrimaryVideo!.Width);
    }

    [Fact]
    public async Task Render_ItemsPastTheSongsEnd_WarnNamingEachItemAndBothLengths()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-past-end");
        File.Copy(TestMedia.Tone("cli-song.wav", 2), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-still.png", 64, 48), Path.Combine(folder, "still.png"));
        string project = Path.Combine(folder, "video.json");
        // A 2 s song: the second still is cut after 0.5 s of its 1.5 s, the third starts after the end.
        await File.WriteAllTextAsync(project, """
            {
              "song": "song.wav",
              "output": { "width": 160, "height": 90, "fps": 25, "preset": "ultrafast" },
              "items": [
                { "image": "still.png", "duration": 1.5 },
                { "image": "still.png", "duration": 1.5 },
                { "image": "still.png", "start": 3.5, "duration": 0.5 }
              ]
            }
            """, ct);
        string output = Path.Combine(folder, "out.mp4");

        Cli.Result text = await Cli.RunAsync("render", project, "-o", output);
        Cli.Result json = await Cli.RunAsync("render", project, "-o", output, "--overwrite", "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith(output + ": 50 frames", text.StandardOutput, StringComparison.Ordinal);
        string[] expected =
        [
            "items[1] 'still.png' (1.5 s to 3 s) runs past the video's end at 2 s (the song's length); its last 1 s are not shown",
            "items[2] 'still.png' (3.5 s to 4 s) starts at or after the video's end at 2 s (the song's length); it is not shown",
        ];
        Assert.Equal([.. expected.Select(w => "videokit: warning: " + w)], text.StandardError.Trim().Split('\n'));
        Assert.Equal(0, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(expected, document.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!));
    }

    [Fact]
    public async Task RenderInSegments_ItemsPastTheSongsEnd_TheStitchAndTheClusterWarnOnceAndTheSegmentsDoNot()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-past-end-segments");
        File.Copy(TestMedia.Tone("cli-song-4.wav", 4), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-still.png", 64, 48), Path.Combine(folder, "still.png"));
        string project = Path.Combine(folder, "video.json");
        // A 4 s song (100 frames, two key-frame intervals): the second still is cut after 1 s, the third starts after the end.
        await File.WriteAllTextAsync(project, """
            {
              "song": "song.wav",
              "output": { "width": 160, "height": 90, "fps": 25 },
              "items": [
                { "image": "still.png", "duration": 3 },
                { "image": "still.png", "duration": 3 },
                { "image": "still.png", "start": 7.5, "duration": 0.5 }
              ]
            }
            """, ct);
        string[] parts = [Path.Combine(folder, "part-1.mp4"), Path.Combine(folder, "part-2.mp4")];

        Cli.Result first = await Cli.RunAsync("render", project, "--segment", "1/2", "-o", parts[0]);
        Cli.Result second = await Cli.RunAsync("render", project, "--segment", "2/2", "-o", parts[1]);
        Cli.Result stitch = await Cli.RunAsync("stitch", project, parts[0], parts[1], "-o", Path.Combine(folder, "out.mp4"));
        Cli.Result cluster = await Cli.RunAsync("render", project, "--workers", "2", "-o", Path.Combine(folder, "cluster.mp4"));

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.StandardError + second.StandardError);
        Assert.Equal("", first.StandardError.Trim() + second.StandardError.Trim());
        Assert.Equal(0, stitch.ExitCode);
        Assert.Equal(
            [
                "videokit: warning: items[1] 'still.png' (3 s to 6 s) runs past the video's end at 4 s (the song's length); its last 2 s are not shown",
                "videokit: warning: items[2] 'still.png' (7.5 s to 8 s) starts at or after the video's end at 4 s (the song's length); it is not shown",
            ],
            stitch.StandardError.Trim().Split('\n'));
        // A cluster job carries the stitch's warnings back in its status; the CLI prints them once.
        Assert.True(cluster.ExitCode == 0, cluster.StandardError);
        Assert.Equal(stitch.StandardError.Trim().Split('\n'), cluster.StandardError.Trim().Split('\n').Where(l => l.StartsWith("videokit: warning: ", StringComparison.Ordinal)));
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
        TimeSpan seen = clock.Elapsed;
        TimeSpan cleanup = await TerminateAsync(render, ct);
        _ = await stdout;

        // 143 is death by the signal itself (or the 15 s forced exit): say when, and how long the cleanup took.
        string error = (await stderr).Trim();
        Assert.True(render.ExitCode == 130, $"exit code {render.ExitCode}, SIGTERM {seen.TotalSeconds:0.000} s after start (when {Path.GetFileName(temporary)} was seen), exit {cleanup.TotalSeconds:0.000} s after it; stderr: '{error}'");
        Assert.Equal("videokit: cancelled.", error);
        Assert.False(File.Exists(temporary), "the temporary file was left behind");
        Assert.Equal("a good earlier render", await File.ReadAllTextAsync(output, ct));
        Assert.False(FFmpegStillWrites(temporary), "an FFmpeg process still writes the temporary file");
    }

    [Fact]
    public async Task Render_TerminatedBeforeItsFirstAwait_Cancels()
    {
        // SIGTERM while the command is still blocked in its first file read (the project is a FIFO nobody writes yet):
        // System.CommandLine registers its handler only after the action's first await, so this signal used to kill
        // the process outright (status 143, no cleanup). It must cancel as it does later on.
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-render-terminated-early");
        File.Copy(TestMedia.Tone("cli-song.wav", 2), Path.Combine(folder, "song.wav"));
        File.Copy(TestMedia.Image("cli-still.png", 64, 48), Path.Combine(folder, "still.png"));
        string project = Path.Combine(folder, "video.json");
        using (Process mkfifo = Process.Start("mkfifo", [project]))
        {
            await mkfifo.WaitForExitAsync(ct);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        string output = Path.Combine(folder, "out.mp4");
        await File.WriteAllTextAsync(output, "a good earlier render", ct);

        using Process render = Cli.Start("render", project, "-o", output, "--overwrite");
        Task<string> stdout = render.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = render.StandardError.ReadToEndAsync(ct);
        var clock = Stopwatch.StartNew();
        while (!render.HasExited && !OpensAFifo(render.Id) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20, ct);
        }

        Assert.True(!render.HasExited && OpensAFifo(render.Id), "the render was not seen waiting for its project file");
        TimeSpan seen = clock.Elapsed;
        // The signal first, then the project: the command reads it, sees its token cancelled and stops.
        using Process kill = Process.Start("kill", ["-TERM", render.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(ct);
        using Process writer = Process.Start("sh", ["-c", "printf '%s' \"$1\" > \"$2\"", "sh",
            """{ "song": "song.wav", "output": { "width": 64, "height": 48, "fps": 10 }, "items": [ { "image": "still.png", "duration": 2 } ] }""", project]);
        try
        {
            await render.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);
        }
        finally
        {
            if (!writer.HasExited)
            {
                writer.Kill(); // the render died without opening the FIFO
            }
        }

        _ = await stdout;
        string error = (await stderr).Trim();
        Assert.True(render.ExitCode == 130, $"exit code {render.ExitCode}, SIGTERM {seen.TotalSeconds:0.000} s after start; stderr: '{error}'");
        Assert.Equal("videokit: cancelled.", error);
        Assert.Equal("a good earlier render", await File.ReadAllTextAsync(output, ct));
        Assert.Empty(Directory.EnumerateFiles(folder, ".vk-*"));
    }

    /// <summary>Sends SIGTERM and waits (20 s at most) for the exit; returns the time from the signal to the exit.</summary>
    private static async Task<TimeSpan> TerminateAsync(Process process, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(20), ct);
        return clock.Elapsed;
    }

    /// <summary>
    /// Whether the main thread of the process is blocked opening a FIFO that has no writer yet (Linux's wait channel;
    /// the runtime's ".NET DebugPipe" thread waits on a FIFO of its own from the start, so only the main thread counts).
    /// </summary>
    private static bool OpensAFifo(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{pid}/wchan") is "wait_for_partner" or "fifo_open";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

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
