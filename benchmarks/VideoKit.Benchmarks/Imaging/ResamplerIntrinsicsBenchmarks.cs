using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using VideoKit.Imaging;

namespace VideoKit.Benchmarks.Imaging;

/// <summary>
/// The public resampler (1080p → 720p, one thread) under three instruction sets: everything on, AVX2 off (Vector256 is
/// not accelerated, so the Vector128 paths run) and hardware intrinsics off (the scalar fallbacks).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HwIntrinsicsConfig))]
public class ResamplerIntrinsicsBenchmarks : IDisposable
{
    private Frame _source = null!;
    private Frame _destination = null!;

    [Params(ResamplingFilter.Bicubic, ResamplingFilter.Area)]
    public ResamplingFilter Filter { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = new Frame(1920, 1080);
        new Random(1337).NextBytes(_source.Span);
        _destination = new Frame(1280, 720);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _source.Dispose();
        _destination.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public void Resize() => Resampler.Resize(_source, _destination, Filter, maxDegreeOfParallelism: 1);

    /// <summary>Short jobs with all intrinsics, without AVX2, and without any hardware intrinsics.</summary>
    private sealed class HwIntrinsicsConfig : ManualConfig
    {
        public HwIntrinsicsConfig()
        {
            AddJob(Job.ShortRun.WithId("AllIntrinsics").AsBaseline());
            AddJob(Job.ShortRun.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")).WithId("NoAvx2"));
            AddJob(Job.ShortRun.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableHWIntrinsic", "0")).WithId("NoIntrinsics"));
        }
    }
}
