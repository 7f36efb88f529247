using BenchmarkDotNet.Attributes;
using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.Benchmarks.Zoom;

/// <summary>
/// One 1920×1080 frame composed from 2048×1152 levels (factor 2) at several zoom positions: the scalar reference kernels
/// (baseline) and the SIMD kernels, both on every core through the compositor's allocation-free row workers.
/// </summary>
[MemoryDiagnoser]
public class ZoomCompositorBenchmarks : IDisposable
{
    private ZoomCompositor _compositor = null!;
    private Frame _destination = null!;

    /// <summary>The zoom position: 1.0 (one level), 1.3 and 1.5 (inner level shrunk, outer enlarged), 1.85 (inner level fading out).</summary>
    [Params(1.0, 1.3, 1.5, 1.85)]
    public double Zoom { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1337);
        var levels = new Frame[4];
        for (int k = 0; k < levels.Length; k++)
        {
            levels[k] = new Frame(2048, 1152);
            Span<byte> p = levels[k].Span;
            rng.NextBytes(p);
            for (int i = 3; i < p.Length; i += 4)
            {
                p[i] = 255;
            }
        }

        using ZoomSequence sequence = ZoomSequence.FromFrames(levels, [2.0, 2.0, 2.0]);
        _compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        _destination = new Frame(1920, 1080);
        _compositor.RenderFrame(Zoom, _destination);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _compositor.Dispose();
        _destination.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => _compositor.Render(Zoom, _destination, simd: false);

    [Benchmark]
    public void Simd() => _compositor.RenderFrame(Zoom, _destination);
}
