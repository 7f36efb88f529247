using BenchmarkDotNet.Attributes;
using VideoKit.Editing;

namespace VideoKit.Benchmarks.Editing;

/// <summary>One frame of a crossfade and of a flash (blend towards white): the scalar reference (baseline) and the Vector128 kernel.</summary>
[MemoryDiagnoser]
public class TransitionBenchmarks
{
    private byte[] _a = [];
    private byte[] _b = [];
    private byte[] _destination = [];

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        Resolution size = Resolution.Parse(Size);
        int length = size.Width * size.Height * 4;
        var random = new Random(1337);
        _a = new byte[length];
        _b = new byte[length];
        _destination = new byte[length];
        random.NextBytes(_a);
        random.NextBytes(_b);
    }

    [Benchmark(Baseline = true)]
    public void CrossfadeScalar() => TransitionKernels.BlendScalar(_a, _b, _destination, 100);

    [Benchmark]
    public void CrossfadeVector128() => TransitionKernels.Blend(_a, _b, _destination, 100);

    [Benchmark]
    public void FlashScalar() => TransitionKernels.BlendColorScalar(_a, TransitionKernels.Pixel(255, 255, 255), _destination, 100);

    [Benchmark]
    public void FlashVector128() => TransitionKernels.BlendColor(_a, TransitionKernels.Pixel(255, 255, 255), _destination, 100);
}
