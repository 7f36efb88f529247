using Rectangle = System.Drawing.Rectangle;
using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;
using VideoKit.Imaging;

namespace VideoKit.Benchmarks.Imaging;

/// <summary>
/// One frame resampled: the scalar reference pipeline on one thread (baseline), the SIMD pipeline on one thread, the SIMD
/// pipeline on every core (what the renderer uses), and ImageSharp's own Resize on the same pixels for comparison.
/// </summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks : IDisposable
{
    private Frame _source = null!;
    private Frame _destination = null!;
    private Image<Rgba32> _image = null!;
    private Rectangle _area;

    [Params("1920x1080>1280x720", "640x360>1280x720", "640x360>1920x1080")]
    public string Case { get; set; } = "";

    [Params(ResamplingFilter.Bilinear, ResamplingFilter.Bicubic, ResamplingFilter.Area)]
    public ResamplingFilter Filter { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Case.Split('>');
        Resolution from = Resolution.Parse(parts[0]), to = Resolution.Parse(parts[1]);
        _source = new Frame(from.Width, from.Height);
        new Random(1337).NextBytes(_source.Span);
        Span<byte> p = _source.Span;
        for (int i = 3; i < p.Length; i += 4)
        {
            p[i] = 255; // opaque, like video
        }

        _destination = new Frame(to.Width, to.Height);
        _area = new Rectangle(0, 0, to.Width, to.Height);
        _image = _source.ToImage();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _source.Dispose();
        _destination.Dispose();
        GC.SuppressFinalize(this);
        _image.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Scalar() =>
        Resampler.ResampleCore(_source, SampleRegion.Of(_source), _destination, _area, Filter, 1, vectorized: false, allowCopy: false);

    [Benchmark]
    public void Simd() =>
        Resampler.ResampleCore(_source, SampleRegion.Of(_source), _destination, _area, Filter, 1, vectorized: true, allowCopy: false);

    [Benchmark]
    public void SimdParallel() => Resampler.Resize(_source, _destination, Filter);

    [Benchmark]
    public void ImageSharp()
    {
        IResampler resampler = Filter switch
        {
            ResamplingFilter.Bilinear => KnownResamplers.Triangle,
            ResamplingFilter.Bicubic => KnownResamplers.Bicubic,
            _ => KnownResamplers.Box,
        };
        using Image<Rgba32> resized = _image.Clone(c => c.Resize(_area.Width, _area.Height, resampler));
    }
}
