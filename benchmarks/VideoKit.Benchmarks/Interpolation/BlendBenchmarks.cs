using BenchmarkDotNet.Attributes;
using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>
/// One blended in-between frame of a real photograph pan: the scalar reference on one thread (baseline), the SIMD kernel
/// on one thread, and the public <see cref="BlendInterpolator"/> (SIMD on every core, with and without the scene-cut test).
/// </summary>
[MemoryDiagnoser]
public class BlendBenchmarks : IDisposable
{
    private Frame _a = null!;
    private Frame _b = null!;
    private Frame _destination = null!;
    private readonly BlendInterpolator _blend = new() { SceneCuts = null };
    private readonly BlendInterpolator _blendWithCuts = new();

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Resolution size = Resolution.Parse(Size);
        (_a, _b) = BenchmarkPictures.Pan("Garden.jpg", size.Width, size.Height, seed: 7);
        _destination = new Frame(size.Width, size.Height);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _destination.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => BlendKernel.BlendScalar(_a.Span, _b.Span, _destination.Span, BlendKernel.Weight(0.5));

    [Benchmark]
    public void Simd() => BlendKernel.Blend(_a.Span, _b.Span, _destination.Span, BlendKernel.Weight(0.5));

    [Benchmark]
    public void SimdParallel() => _blend.Interpolate(_a, _b, 0.5, _destination);

    [Benchmark]
    public void SimdParallelWithCutTest() => _blendWithCuts.Interpolate(_a, _b, 0.5, _destination);
}
