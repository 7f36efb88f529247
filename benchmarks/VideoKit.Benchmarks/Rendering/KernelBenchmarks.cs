using BenchmarkDotNet.Attributes;
using VideoKit.Imaging;
using VideoKit.Rendering;

namespace VideoKit.Benchmarks.Rendering;

/// <summary>The crossfade blend of one RGBA frame: scalar reference vs the Vector256/Vector128 kernel.</summary>
[MemoryDiagnoser]
public class CrossfadeBenchmarks
{
    private byte[] _a = [], _b = [], _destination = [];

    [Params("640x360", "1920x1080")]
    public string Size { get; set; } = "640x360";

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
    public void Scalar() => CrossfadeKernel.BlendScalar(_a, _b, _destination, 100);

    [Benchmark]
    public void Simd() => CrossfadeKernel.Blend(_a, _b, _destination, 100);
}

/// <summary>RGBA → yuv420p (BT.709 limited) of one frame: scalar reference vs the Vector256/Vector128 kernel.</summary>
[MemoryDiagnoser]
public class YuvConversionBenchmarks
{
    private byte[] _rgba = [], _yuv = [];
    private int _width, _height;

    [Params("640x360", "1920x1080")]
    public string Size { get; set; } = "640x360";

    [GlobalSetup]
    public void Setup()
    {
        Resolution size = Resolution.Parse(Size);
        (_width, _height) = (size.Width, size.Height);
        _rgba = new byte[_width * _height * 4];
        new Random(1337).NextBytes(_rgba);
        _yuv = new byte[YuvConverter.FrameSize(_width, _height)];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => YuvConverter.ConvertScalar(_rgba, _width, _height, PixelFormat.Rgba32, _yuv);

    [Benchmark]
    public void Simd() => YuvConverter.Convert(_rgba, _width, _height, PixelFormat.Rgba32, _yuv);
}
