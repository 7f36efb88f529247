using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Benchmarks.Rendering;

/// <summary>
/// <c>render-vs-encode [--preset P] [--seconds N] [--window FRAMES] [--trace]</c>: (a) renders an N-second (10) 1920×1080 30 fps timeline of stills
/// with crossfades through VideoKit to H.264; (b) has FFmpeg encode the same number of already-composed frames, read
/// as raw yuv420p from a file in the page cache, with the same encoder arguments: the encode-only ceiling. Prints the
/// throughput ratio (goal ≥ 0.9).
/// </summary>
internal static class RenderVsEncode
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? preset = Option(args, "--preset");
        double seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        string work = Path.Combine(Path.GetTempPath(), "videokit-render-vs-encode");
        Directory.CreateDirectory(work);
        var size = Resolution.Hd1080;
        FrameRate rate = FrameRate.Fps30;
        FFmpegTools tools = FFmpegTools.Locate();

        // Material: four 1080p stills (different content so every crossfade blends two real pictures).
        string[] sources = ["testsrc2", "smptehdbars", "mandelbrot", "gradients=c0=#ff3060:c1=#3040ff:speed=0.00001"];
        var stills = new List<string>();
        for (int i = 0; i < sources.Length; i++)
        {
            string path = Path.Combine(work, $"still{i}.png");
            if (!File.Exists(path))
            {
                string input = sources[i].Contains('=', StringComparison.Ordinal) ? $"{sources[i]}:size=1920x1080:rate=1" : $"{sources[i]}=size=1920x1080:rate=1";
                Run(tools.FFmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", input, "-frames:v", "1", "-update", "1", path]);
            }

            stills.Add(path);
        }

        // A still per second, each entering with a half-second crossfade.
        var builder = new TimelineBuilder(size, rate).WithDuration(TimeSpan.FromSeconds(seconds));
        for (int s = 0; s < (int)Math.Ceiling(seconds); s++)
        {
            builder.AddImage(stills[s % stills.Count], TimeSpan.FromSeconds(s), TimeSpan.FromSeconds(1), transition: s == 0 ? null : Transition.Crossfade(TimeSpan.FromSeconds(0.5)));
        }

        Timeline timeline = builder.Build();
        string? window = Option(args, "--window");
        var options = new RenderOptions { Preset = preset, Overwrite = true, MaxFramesInFlight = window is null ? null : int.Parse(window, CultureInfo.InvariantCulture) };
        string rendered = Path.Combine(work, "rendered.mp4");
        Console.WriteLine($"(a) VideoKit: render {seconds} s of {size} at {rate} fps, stills with crossfades, H.264 preset {preset ?? "medium (default)"}");
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var trace = new List<RenderProgress>();
        var progress = new SynchronousProgress(p => { lock (trace) { trace.Add(p); } });
        RenderResult result = await timeline.RenderAsync(rendered, options, progress);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    managed allocations {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0:0.0} MiB, GCs gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}"));
        double renderFps = result.FramesPerSecond;
        if (args.Contains("--trace"))
        {
            // Frames composed and handed to FFmpeg over time (every 100 ms): shows start-up latency and stalls.
            foreach (RenderProgress p in trace)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {p.Elapsed.TotalMilliseconds,7:0} ms  composed {p.FramesComposed,4}  written {p.FramesEncoded,4}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {result.FrameCount} frames in {result.Elapsed.TotalSeconds:0.00} s = {renderFps:0.0} frames/s (VideoKit's own CPU time {cpu.TotalSeconds:0.00} s)"));

        // The same composed frames as raw yuv420p in a file, read once so it sits in the page cache.
        string raw = Path.Combine(work, "frames.yuv");
        Run(tools.FFmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", rendered, "-f", "rawvideo", "-pix_fmt", "yuv420p", raw]);
        await using (FileStream warm = File.OpenRead(raw))
        {
            await warm.CopyToAsync(Stream.Null);
        }

        var settings = new VideoEncoderSettings { Size = size, FrameRate = rate, Preset = preset };
        string encoded = Path.Combine(work, "encoded.mp4");
        string[] encode =
        [
            "-hide_banner", "-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", size.ToString(), "-framerate", rate.ToString(),
            "-color_range", "tv", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-i", raw,
            .. EncoderArguments.Output(settings, hasAudio: false, ".mp4"), encoded,
        ];
        Console.WriteLine("(b) FFmpeg alone: encode the same frames from raw yuv420p in the page cache, same encoder arguments");
        var clock = Stopwatch.StartNew();
        Run(tools.FFmpegPath, encode);
        clock.Stop();
        double encodeFps = result.FrameCount / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {result.FrameCount} frames in {clock.Elapsed.TotalSeconds:0.00} s = {encodeFps:0.0} frames/s"));
        File.Delete(raw);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"render/encode-only throughput ratio: {renderFps / encodeFps:0.00}"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void Run(string exe, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} failed: {error}");
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
