using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

/// <summary>Picture quality against ImageSharp's own resampler on a real photo, and golden images.</summary>
public sealed class ResamplerQualityTests : PooledFrameTest
{
    [Theory]
    [InlineData("Garden.jpg")]
    [InlineData("LadyBird.jpg")]
    public void Resize_BicubicUpscaleOfPhoto_MatchesImageSharpBicubic(string file)
    {
        // A 320x200 version of the photo, upscaled 3x by both resamplers (both Keys a = -0.5, premultiplied).
        using Image<Rgba32> photo = Image.Load<Rgba32>(Path.Combine(TestPaths.DataFolder, "images", file));
        photo.Mutate(c => c.Resize(320, 200, KnownResamplers.Box));
        using Image<Rgba32> expectedImage = photo.Clone(c => c.Resize(960, 600, KnownResamplers.Bicubic));
        using Frame small = Frame.FromImage(photo);
        using Frame expected = Frame.FromImage(expectedImage);
        using var actual = new Frame(960, 600);

        Resampler.Resize(small, actual, ResamplingFilter.Bicubic);

        double psnr = ImageMetrics.Psnr(expected, actual);
        Assert.True(psnr >= 40, $"PSNR against ImageSharp bicubic is {psnr:F1} dB, expected at least 40 dB.");
    }

    [Fact]
    public void Resize_AreaDownscaleOfPhoto_MatchesImageSharpBox()
    {
        // An integer 8x reduction: the area filter and ImageSharp's box filter both average the same 8x8 blocks.
        using Image<Rgba32> photo = Image.Load<Rgba32>(Path.Combine(TestPaths.DataFolder, "images", "Garden.jpg"));
        using Image<Rgba32> expectedImage = photo.Clone(c => c.Resize(320, 200, KnownResamplers.Box));
        using Frame source = Frame.FromImage(photo);
        using Frame expected = Frame.FromImage(expectedImage);
        using var actual = new Frame(320, 200);

        Resampler.Resize(source, actual, ResamplingFilter.Area);

        double psnr = ImageMetrics.Psnr(expected, actual);
        Assert.True(psnr >= 40, $"PSNR against ImageSharp box is {psnr:F1} dB, expected at least 40 dB.");
    }

    [Fact]
    public void Resize_BicubicDownscaleOfGradientWithBlock_MatchesGolden()
    {
        using Frame source = Synthetic.GradientWithBlock(300, 170);
        using var actual = new Frame(64, 36);

        Resampler.Resize(source, actual, ResamplingFilter.Bicubic);

        Golden.AssertMatches(actual, channelTolerance: 1);
    }

    [Fact]
    public void Resample_AreaZoomIntoCheckerboard_MatchesGolden()
    {
        using Frame source = Synthetic.Checkerboard(256, 144, cell: 3);
        using var actual = new Frame(64, 36);

        Resampler.Resample(source, new SampleRegion(37.5, 20.25, 160.5, 90.3), actual, ResamplingFilter.Area);

        Golden.AssertMatches(actual, channelTolerance: 1);
    }
}
