using System.Diagnostics;
using System.Globalization;
using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.Benchmarks.Editing;

/// <summary>
/// <c>montage-vs-concat [--case bt709|untagged|both] [--preset P] [--song FILE] [--videokit-only] [--verbose]</c>: the
/// issue's montage — 30 s of <c>simu_techno_movement</c>, four 1280×720 clips, a cut every 2 beats — (a) rendered by
/// <see cref="BeatMontage"/> (timed from the call, probes included, verification off), counting the FFprobe and FFmpeg
/// processes it starts; (b) the same trimmed spans concatenated by FFmpeg itself (<c>-ss/-t</c> per span,
/// <c>-filter_complex concat</c>) with the same encoder settings, the same colour tags and the song muxed the same way.
/// </summary>
/// <remarks>
/// Two kinds of clip, each case in a fresh process (so each VideoKit run pays its own start-up and JIT):
/// <list type="bullet">
/// <item><c>bt709</c>: clips tagged BT.709 limited range, as text-to-video models and encoders write HD. Nothing to
/// convert on either side: the reference produces the same file VideoKit does.</item>
/// <item><c>untagged</c>: untagged BT.601 samples (what a plain <c>ffmpeg -pix_fmt yuv420p</c> of an RGB source gives).
/// VideoKit converts them to BT.709 (FFmpeg's <c>colorspace</c> filter in its decoders); the reference is timed twice:
/// converting the same way (the same output), and converting nothing (the old reference: BT.601 samples left untagged
/// in an HD file, which players show with the wrong colours).</item>
/// </list>
/// </remarks>
internal static class MontageVsConcat
{
    private const string Bt709Tags = "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv";

    /// <summary>The same conversion VideoKit's decoders apply to untagged (BT.601) clips.</summary>
    private const string FromBt601 = "colorspace=all=bt709:iall=bt601-6-625:irange=tv:range=tv:fast=1";

    public static async Task<int> RunAsync(string[] args)
    {
        string which = Option(args, "--case") ?? "both";
        if (which == "both")
        {
            // One process per case: the second VideoKit run would otherwise find its code compiled and the song probed.
            var summaries = new List<string>();
            foreach (string c in new[] { "bt709", "untagged" })
            {
                string[] childArgs = [.. args.Where((a, i) => a != "--case" && (i == 0 || args[i - 1] != "--case")), "--case", c];
                summaries.AddRange(await RunChildAsync(childArgs).ConfigureAwait(false));
            }

            Console.WriteLine();
            Console.WriteLine("summary (VideoKit / FFmpeg concat, same run, same encoder settings; wall = render call, CPU = all processes):");
            Console.WriteLine("| clips | reference | wall VideoKit s | wall concat s | wall ratio | CPU VideoKit s | CPU concat s | CPU ratio | PSNR dB |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (string s in summaries)
            {
                Console.WriteLine(s);
            }

            return 0;
        }

        if (which is not ("bt709" or "untagged"))
        {
            throw new ArgumentException($"--case takes bt709, untagged or both, not '{which}'.");
        }

        return await RunCaseAsync(args, tagged: which == "bt709").ConfigureAwait(false);
    }

    private static async Task<int> RunCaseAsync(string[] args, bool tagged)
    {
        string preset = Option(args, "--preset") ?? "medium";
        bool verbose = args.Contains("--verbose");
        bool videoKitOnly = args.Contains("--videokit-only");
        string song = Option(args, "--song") ?? FindSong();
        string work = Path.Combine(Path.GetTempPath(), "videokit-montage-vs-concat");
        Directory.CreateDirectory(work);
        FFmpegTools tools = FFmpegTools.Locate();
        string label = tagged ? "bt709" : "untagged";
        string[] sources = ["testsrc2", "smptehdbars", "mandelbrot", "rgbtestsrc"];
        var clips = new List<string>();
        for (int i = 0; i < sources.Length; i++)
        {
            string path = Path.Combine(work, tagged ? $"clip{i}-bt709.mp4" : $"clip{i}.mp4");
            if (!File.Exists(path))
            {
                var make = new List<string> { "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"{sources[i]}=size=1280x720:rate=30", "-t", "10" };
                if (tagged)
                {
                    // RGB to BT.709 limited range, tagged so: what an HD text-to-video render carries.
                    make.AddRange(["-vf", "format=rgb24,scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd,format=yuv420p"]);
                    make.AddRange(Bt709Tags.Split(' '));
                }

                make.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", path]);
                _ = Run(tools.FFmpegPath, make);
            }

            clips.Add(path);
        }

        TimeSpan length = TimeSpan.FromSeconds(30);
        BeatGrid grid = BeatGrid.FromBeatsFile(Path.ChangeExtension(song, ".beats"), 4, length);
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, clips.Count, FrameRate.Fps30);
        Console.WriteLine();
        Console.WriteLine($"== clips {(tagged ? "tagged BT.709 limited range (as HD text-to-video output is)" : "untagged BT.601 (VideoKit converts them to BT.709)")}");
        Console.WriteLine($"montage: {plan.Duration.TotalSeconds:0.0} s, {plan.Segments.Length} spans of {clips.Count} clips, 1280x720 at 30 fps, H.264 preset {preset} CRF 20, song '{Path.GetFileName(song)}'");
        Console.WriteLine("(the machine is shared with other sessions: figures are indicative)");

        // (a) VideoKit.
        string ours = Path.Combine(work, $"videokit-{label}.mp4");
        var options = new MontageOptions
        {
            Size = Resolution.Hd720,
            Verify = false,
            Render = new RenderOptions { Preset = preset, Crf = 20, Overwrite = true },
        };
        MontageResult result;
        CpuFigures ourCpu;
        Console.WriteLine($"    load average before (a): {LoadAverage()}");
        int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long allocatedBefore = GC.GetTotalAllocatedBytes();
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    .NET heap: {(GC.GetTotalAllocatedBytes() - allocatedBefore) / 1e6:0} MB allocated, GCs gen0/1/2 {GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2]}; peak working set of the .NET process {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
            if (verbose)
            {
                foreach ((FFmpegProcessKind kind, string line) in counter.Started.Where(s => s.Kind is FFmpegProcessKind.Encoder or FFmpegProcessKind.Decoder).Take(2))
                {
                    Console.WriteLine($"    {kind}: {line}");
                }
            }
        }

        Console.WriteLine("    the same edit before: about 11 s with 38 ffprobe and 34 ffmpeg processes, 8.6 s with cached probes (the issue, quiet machine);");
        Console.WriteLine("    15.44 s and 17.31 s against concat's 12.90 s and 12.58 s (ratios 1.18, 1.34; untagged clips, quiet machine, 2026-12-07 05:00)");
        if (videoKitOnly)
        {
            return 0;
        }

        // (b) FFmpeg concatenating the same spans: the same size, rate, pixel format, encoder settings and colour tags.
        var references = new List<(string Name, string? Colour, bool Tags)>();
        if (tagged)
        {
            references.Add(("concat", null, true));
        }
        else
        {
            references.Add(("concat + colorspace", FromBt601, true));
            references.Add(("concat, no colour conversion", null, false));
        }

        foreach ((string name, string? colour, bool tags) in references)
        {
            string theirs = Path.Combine(work, $"ffmpeg-concat-{label}{(colour is null && !tagged ? "-raw" : string.Empty)}.mp4");
            List<string> ffArgs = ConcatArguments(plan, result, clips, song, preset, colour, tags, theirs);
            Console.WriteLine();
            if (verbose)
            {
                Console.WriteLine($"    {name}: ffmpeg " + string.Join(' ', ffArgs));
            }

            Console.WriteLine(tagged
                ? "    reference: the clips are BT.709 already; neither side converts colours, both tag the output BT.709"
                : colour is not null
                    ? "    reference: converts BT.601 to BT.709 with the same colorspace filter VideoKit's decoders use, tags BT.709: the same output"
                    : "    reference: converts NO colours where VideoKit must: it writes the clips' BT.601 samples untagged into an HD file (players read HD as BT.709: wrong colours); timed for comparison with earlier figures");
            Console.WriteLine($"    load average before (b): {LoadAverage()}");
            var theirClock = Stopwatch.StartNew();
            CpuFigures theirCpu;
            using (ProcessCpu cpu = ProcessCpu.Begin())
            {
                _ = Run(tools.FFmpegPath, ffArgs);
                theirClock.Stop();
                theirCpu = cpu.Stop();
            }

            double wallRatio = clock.Elapsed.TotalSeconds / theirClock.Elapsed.TotalSeconds;
            double cpuRatio = ourCpu.Total / theirCpu.Total;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(b) FFmpeg -filter_complex {name} of the same {plan.Segments.Length} spans: {theirClock.Elapsed.TotalSeconds:0.00} s ({plan.TotalFrames / theirClock.Elapsed.TotalSeconds:0.0} frames/s)"));
            Console.WriteLine("    " + theirCpu.Describe());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio VideoKit / FFmpeg: wall {wallRatio:0.00} (whole call; render only {result.Render.Elapsed.TotalSeconds / theirClock.Elapsed.TotalSeconds:0.00}), CPU seconds {cpuRatio:0.00}"));
            string psnr = RgbPsnr(tools.FFmpegPath, ours, theirs);
            Console.WriteLine($"picture: VideoKit against this reference, both read as RGB by their colour tags: {psnr}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"summary: | {label} | {name} | {clock.Elapsed.TotalSeconds:0.00} | {theirClock.Elapsed.TotalSeconds:0.00} | {wallRatio:0.00} | {ourCpu.Total:0.00} | {theirCpu.Total:0.00} | {cpuRatio:0.00} | {psnr.Replace(" dB", string.Empty, StringComparison.Ordinal)} |"));
        }

        return 0;
    }

    private static List<string> ConcatArguments(EditPlan plan, MontageResult result, List<string> clips, string song, string preset, string? colour, bool tags, string output)
    {
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
        // The clips are 1280x720 already: the scale VideoKit's decoders run passes their frames through unchanged.
        string tail = colour is null ? string.Empty : "," + colour;
        filter.Add(string.Create(CultureInfo.InvariantCulture, $"{labels}concat=n={plan.Segments.Length}:v=1:a=0{tail}[v]"));
        ffArgs.AddRange(["-filter_complex", string.Join(';', filter), "-map", "[v]", "-map", $"{plan.Segments.Length}:a",
            "-c:v", "libx264", "-preset", preset, "-crf", "20",
            // The key-frame grid VideoKit's encoder uses (an IDR frame every 2 s), so both encodes do the same work.
            "-g", "60", "-force_key_frames", "expr:eq(mod(n,60),0)",
            "-pix_fmt", "yuv420p"]);
        if (tags)
        {
            ffArgs.AddRange(Bt709Tags.Split(' '));
        }

        ffArgs.AddRange(["-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", output]);
        return ffArgs;
    }

    /// <summary>Runs one case in a fresh process of this program, echoing its output; returns its summary rows.</summary>
    private static async Task<List<string>> RunChildAsync(string[] args)
    {
        string exe = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(MontageVsConcat).Assembly.Location);
        }

        psi.ArgumentList.Add("montage-vs-concat");
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        var rows = new List<string>();
        while (await p.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            Console.WriteLine(line);
            if (line.StartsWith("summary: ", StringComparison.Ordinal))
            {
                rows.Add(line["summary: ".Length..]);
            }
        }

        await p.WaitForExitAsync().ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"montage-vs-concat {string.Join(' ', args)} failed with exit code {p.ExitCode}.");
        }

        return rows;
    }

    /// <summary>
    /// PSNR of two videos compared as RGB, each converted by its own tags (VideoKit writes BT.709, the unconverted
    /// reference keeps its untagged BT.601 samples), so a matrix conversion is not counted as a difference.
    /// </summary>
    private static string RgbPsnr(string ffmpeg, string a, string b)
    {
        string graph = "[0:v]scale=flags=bicubic+accurate_rnd+full_chroma_int,format=gbrp[a];[1:v]scale=flags=bicubic+accurate_rnd+full_chroma_int,format=gbrp[b];[a][b]psnr";
        string err = Run(ffmpeg, ["-hide_banner", "-nostdin", "-v", "info", "-i", a, "-i", b, "-filter_complex", graph, "-f", "null", "-"]);
        string? line = err.Split('\n').LastOrDefault(l => l.Contains("PSNR", StringComparison.Ordinal));
        int at = line?.IndexOf("average:", StringComparison.Ordinal) ?? -1;
        return at < 0 ? "(no PSNR line)" : line![at..].Split(' ')[0]["average:".Length..] + " dB";
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
