using System.Diagnostics;
using System.Globalization;
using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.Benchmarks.Editing;

/// <summary>
/// <c>montage-vs-concat [--preset P] [--song FILE]</c>: the issue's montage — 30 s of <c>simu_techno_movement</c>, four
/// 1280×720 clips, a cut every 2 beats — (a) rendered by <see cref="BeatMontage"/> (timed from the call, probes
/// included, verification off), counting the FFprobe and FFmpeg processes it starts; (b) the same trimmed spans
/// concatenated by FFmpeg itself (<c>-ss/-t</c> per span, <c>-filter_complex concat</c>) with the same encoder
/// settings and the song muxed the same way. Prints both times beside the figures before the media-info cache.
/// </summary>
internal static class MontageVsConcat
{
    public static async Task<int> RunAsync(string[] args)
    {
        string preset = Option(args, "--preset") ?? "medium";
        bool verbose = args.Contains("--verbose");
        string song = Option(args, "--song") ?? FindSong();
        string work = Path.Combine(Path.GetTempPath(), "videokit-montage-vs-concat");
        Directory.CreateDirectory(work);
        FFmpegTools tools = FFmpegTools.Locate();
        string[] sources = ["testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc"];
        var clips = new List<string>();
        for (int i = 0; i < sources.Length; i++)
        {
            string path = Path.Combine(work, $"clip{i}.mp4");
            if (!File.Exists(path))
            {
                _ = Run(tools.FFmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"{sources[i]}=size=1280x720:rate=30", "-t", "10",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", path]);
            }

            clips.Add(path);
        }

        TimeSpan length = TimeSpan.FromSeconds(30);
        BeatGrid grid = BeatGrid.FromBeatsFile(Path.ChangeExtension(song, ".beats"), 4, length);
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, clips.Count, FrameRate.Fps30);
        Console.WriteLine($"montage: {plan.Duration.TotalSeconds:0.0} s, {plan.Segments.Length} spans of {clips.Count} clips, 1280x720 at 30 fps, H.264 preset {preset} CRF 20, song '{Path.GetFileName(song)}'");
        Console.WriteLine("(the machine is shared with other sessions: figures are indicative)");

        // (a) VideoKit.
        string ours = Path.Combine(work, "videokit.mp4");
        var options = new MontageOptions
        {
            Size = Resolution.Hd720,
            Verify = false,
            Render = new RenderOptions { Preset = preset, Crf = 20, Overwrite = true },
        };
        MontageResult result;
        CpuFigures ourCpu;
        Console.WriteLine($"    load average before (a): {LoadAverage()}");
        var clock = Stopwatch.StartNew();
        using (FFmpegProcessCount counter = FFmpegProcessCount.Begin())
        {
            using ProcessCpu cpu = ProcessCpu.Begin(counter);
            result = await BeatMontage.RenderAsync(plan, clips.Select(MontageClip.Video), song, ours, options);
            clock.Stop();
            ourCpu = cpu.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(a) VideoKit BeatMontage: {clock.Elapsed.TotalSeconds:0.00} s ({plan.TotalFrames / clock.Elapsed.TotalSeconds:0.0} frames/s); {counter.Probes} ffprobe and {counter.Decoders} ffmpeg decoders, {counter.Scans} song scans"));
            Console.WriteLine("    " + ourCpu.Describe());
            if (verbose)
            {
                foreach ((FFmpegProcessKind kind, string line) in counter.Started.Where(s => s.Kind is FFmpegProcessKind.Encoder or FFmpegProcessKind.Decoder).Take(2))
                {
                    Console.WriteLine($"    {kind}: {line}");
                }
            }
        }

        Console.WriteLine("    before this issue (from the issue): about 11 s with 38 ffprobe and 34 ffmpeg processes; 8.6 s with cached probes");

        // (b) FFmpeg concatenating the same spans.
        var ffArgs = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-y" };
        var filter = new List<string>();
        string labels = string.Empty;
        for (int i = 0; i < plan.Segments.Length; i++)
        {
            EditSegment s = plan.Segments[i];
            ClipFit fit = result.Fits[i];
            double seconds = plan.FrameRate.SecondsAt(s.FrameCount);
            ffArgs.AddRange(["-ss", Seconds(fit.InPoint.TotalSeconds), "-t", Seconds(seconds + 0.1), "-i", clips[s.ClipIndex]]);
            filter.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}:v]fps=30,trim=end_frame={s.FrameCount},setpts=PTS-STARTPTS[s{i}]"));
            labels += $"[s{i}]";
        }

        ffArgs.AddRange(["-t", Seconds(plan.Duration.TotalSeconds), "-i", song]);
        filter.Add(string.Create(CultureInfo.InvariantCulture, $"{labels}concat=n={plan.Segments.Length}:v=1:a=0[v]"));
        string theirs = Path.Combine(work, "ffmpeg-concat.mp4");
        ffArgs.AddRange(["-filter_complex", string.Join(';', filter), "-map", "[v]", "-map", $"{plan.Segments.Length}:a",
            "-c:v", "libx264", "-preset", preset, "-crf", "20",
            // The key-frame grid VideoKit's encoder uses (an IDR frame every 2 s), so both encodes do the same work.
            "-g", "60", "-force_key_frames", "expr:eq(mod(n,60),0)",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", theirs]);
        if (verbose)
        {
            Console.WriteLine("    concat: ffmpeg " + string.Join(' ', ffArgs));
        }

        Console.WriteLine($"    load average before (b): {LoadAverage()}");
        clock.Restart();
        CpuFigures theirCpu;
        using (ProcessCpu cpu = ProcessCpu.Begin())
        {
            _ = Run(tools.FFmpegPath, ffArgs);
            clock.Stop();
            theirCpu = cpu.Stop();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(b) FFmpeg -filter_complex concat of the same {plan.Segments.Length} spans: {clock.Elapsed.TotalSeconds:0.00} s ({plan.TotalFrames / clock.Elapsed.TotalSeconds:0.0} frames/s)"));
        Console.WriteLine("    " + theirCpu.Describe());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio VideoKit / FFmpeg time: {result.Render.Elapsed.TotalSeconds / clock.Elapsed.TotalSeconds:0.00} (render only), see (a) for the whole call; CPU seconds: {ourCpu.Total / theirCpu.Total:0.00}"));
        Console.WriteLine($"picture: VideoKit against the concat output, both read as RGB by their colour tags: {RgbPsnr(tools.FFmpegPath, ours, theirs)}");
        return 0;
    }

    /// <summary>
    /// PSNR of two videos compared as RGB, each converted by its own tags (VideoKit writes BT.709, the concat reference
    /// keeps its untagged BT.601 samples), so a matrix conversion is not counted as a difference.
    /// </summary>
    private static string RgbPsnr(string ffmpeg, string a, string b)
    {
        string graph = "[0:v]scale=flags=bicubic+accurate_rnd+full_chroma_int,format=gbrp[a];[1:v]scale=flags=bicubic+accurate_rnd+full_chroma_int,format=gbrp[b];[a][b]psnr";
        string err = Run(ffmpeg, ["-hide_banner", "-nostdin", "-v", "info", "-i", a, "-i", b, "-filter_complex", graph, "-f", "null", "-"]);
        string? line = err.Split('\n').LastOrDefault(l => l.Contains("PSNR", StringComparison.Ordinal));
        int at = line?.IndexOf("average:", StringComparison.Ordinal) ?? -1;
        return at < 0 ? "(no PSNR line)" : line![at..].Split(' ')[0] + " dB";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string FindSong()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tests", "data", "beats", "simu_techno_movement.flac");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/data/beats/simu_techno_movement.flac not found; pass --song FILE (with FILE.beats beside it).");
    }

    private static string Seconds(double s) => s.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Run(string exe, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} failed: {err}");
        }

        return err;
    }
}
