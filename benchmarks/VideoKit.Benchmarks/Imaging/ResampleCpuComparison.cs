using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using Rectangle = System.Drawing.Rectangle;

namespace VideoKit.Benchmarks.Imaging;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/VideoKit.Benchmarks -- resample-cpu</c>: the scalar reference and the
/// SIMD pipeline on one thread, timed by process CPU time (best of 3 × 10 runs). CPU time is far less disturbed than
/// wall time when other jobs share the machine, so this is the figure to compare on a busy box.
/// </summary>
internal static class ResampleCpuComparison
{
    public static Task<int> RunAsync(string[] args)
    {
        (int, int, int, int)[] cases = [(1920, 1080, 1280, 720), (640, 360, 1280, 720), (640, 360, 1920, 1080)];
        Console.WriteLine("| Case | Filter | Scalar (ms CPU) | SIMD (ms CPU) | Speed-up |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach ((int sw, int sh, int dw, int dh) in cases)
        {
            using var source = new Frame(sw, sh);
            new Random(1337).NextBytes(source.Span);
            Span<byte> p = source.Span;
            for (int i = 3; i < p.Length; i += 4)
            {
                p[i] = 255;
            }

            using var destination = new Frame(dw, dh);
            foreach (ResamplingFilter filter in (ResamplingFilter[])[ResamplingFilter.Bilinear, ResamplingFilter.Bicubic, ResamplingFilter.Area])
            {
                double scalar = Measure(source, destination, filter, vectorized: false);
                double simd = Measure(source, destination, filter, vectorized: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {sw}x{sh}→{dw}x{dh} | {filter} | {scalar:F1} | {simd:F1} | {scalar / simd:F1}× |"));
            }
        }

        return Task.FromResult(0);
    }

    private static double Measure(Frame source, Frame destination, ResamplingFilter filter, bool vectorized)
    {
        var area = new Rectangle(0, 0, destination.Width, destination.Height);
        void Once() => Resampler.ResampleCore(source, SampleRegion.Of(source), destination, area, filter, 1, vectorized, allowCopy: false);
        for (int i = 0; i < 3; i++)
        {
            Once();
        }

        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < 10; i++)
            {
                Once();
            }

            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds / 10);
        }

        return best;
    }
}
