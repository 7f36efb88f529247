using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.Benchmarks.Zoom;

/// <summary>
/// <c>-- zoom-speed [frames] [simd] [factor]</c>: composes a slow zoom (1920×1080 from 2048×1152 levels, factor 2 unless given) and prints wall-clock frames
/// per second, processor time per frame (what a quiet machine would need), and bytes allocated per frame; the scalar reference
/// kernels first unless <c>simd</c> is given.
/// </summary>
internal static class ZoomSpeedComparison
{
    public static Task<int> RunAsync(string[] args)
    {
        int frames = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 240;
        var rng = new Random(1337);
        var levels = new Frame[4];
        for (int k = 0; k < levels.Length; k++)
        {
            levels[k] = new Frame(2048, 1152);
            rng.NextBytes(levels[k].Span);
        }

        double factor = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 2.0;
        using ZoomSequence sequence = ZoomSequence.FromFrames(levels, [factor, factor, factor]);
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var frame = new Frame(1920, 1080);
        foreach (bool simd in args.Length > 1 && args[1] == "simd" ? new[] { true } : new[] { false, true })
        {
            for (int i = 0; i < 10; i++)
            {
                compositor.Render(i * 0.1, frame, simd);
            }

            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long bytes0 = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < frames; i++)
            {
                compositor.Render(1 + (i / (double)frames), frame, simd);
            }

            clock.Stop();
            long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes0;
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(simd ? "simd  " : "scalar")}: {frames / clock.Elapsed.TotalSeconds:0.0} frames/s wall, {cpu.TotalMilliseconds / frames:0.00} ms processor time per frame ({2000 / (cpu.TotalMilliseconds / frames):0} frames/s on 2 idle cores), {(double)bytes / frames:0.0} B allocated per frame"));
        }

        return Task.FromResult(0);
    }
}
