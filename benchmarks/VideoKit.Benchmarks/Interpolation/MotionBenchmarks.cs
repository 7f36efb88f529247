using BenchmarkDotNet.Attributes;
using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>
/// One motion-compensated in-between frame of a real photograph pan (seeded motion up to ±24 px): the scalar block
/// matching on one thread (baseline), SIMD on one thread, and SIMD on every core (the default). Blend on every core is
/// listed for scale.
/// </summary>
[MemoryDiagnoser]
public class MotionBenchmarks : IDisposable
{
    private Frame _a = null!;
    private Frame _b = null!;
    private Frame _destination = null!;
    private readonly MotionCompensatedInterpolator _scalar = new() { Vectorized = false, MaxDegreeOfParallelism = 1 };
    private readonly MotionCompensatedInterpolator _simd = new() { MaxDegreeOfParallelism = 1 };
    private readonly MotionCompensatedInterpolator _parallel = new();
    private readonly BlendInterpolator _blend = new();

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Resolution size = Resolution.Parse(Size);
        (_a, _b) = BenchmarkPictures.Pan("LadyBird.jpg", size.Width, size.Height, seed: 11);
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
    public void ScalarOneThread() => _scalar.Interpolate(_a, _b, 0.5, _destination);

    [Benchmark]
    public void SimdOneThread() => _simd.Interpolate(_a, _b, 0.5, _destination);

    [Benchmark]
    public void SimdParallel() => _parallel.Interpolate(_a, _b, 0.5, _destination);

    [Benchmark]
    public void BlendParallel() => _blend.Interpolate(_a, _b, 0.5, _destination);
}
