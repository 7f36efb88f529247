using System.Drawing;
using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

public sealed class ResamplerTests : PooledFrameTest
{
    public static TheoryData<int, int, int, int, ResamplingFilter> VectorCases => new()
    {
        { 1, 3, 5, 2, ResamplingFilter.Bicubic },
        { 15, 9, 16, 10, ResamplingFilter.Bilinear },
        { 16, 16, 17, 15, ResamplingFilter.Bicubic },
        { 17, 12, 15, 20, ResamplingFilter.Area },
        { 7680, 4, 7681, 3, ResamplingFilter.Bicubic },
        { 7680, 4, 1920, 2, ResamplingFilter.Area },
        { 640, 360, 1280, 720, ResamplingFilter.Auto },
    };

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void Resize_RandomOpaqueFrame_VectorMatchesScalarReference(int sw, int sh, int dw, int dh, ResamplingFilter filter)
    {
        using Frame source = Synthetic.Noise(sw, sh);
        using var vector = new Frame(dw, dh);
        using var scalar = new Frame(dw, dh);

        Resampler.ResampleCore(source, SampleRegion.Of(source), vector, new Rectangle(0, 0, dw, dh), filter, -1, vectorized: true);
        Resampler.ResampleCore(source, SampleRegion.Of(source), scalar, new Rectangle(0, 0, dw, dh), filter, 1, vectorized: false);

        ResampleKernelsTests.AssertWithinOne(scalar.Span, vector.Span);
    }

    [Theory]
    [InlineData(ResamplingFilter.Bilinear)]
    [InlineData(ResamplingFilter.Bicubic)]
    [InlineData(ResamplingFilter.Area)]
    public void Resample_RandomTranslucentSubPixelRegion_VectorMatchesScalarReference(ResamplingFilter filter)
    {
        using Frame source = Synthetic.Noise(97, 61, opaque: false);
        var region = new SampleRegion(10.37, -3.2, 70.5, 40.25);
        using var vector = new Frame(53, 47);
        using var scalar = new Frame(53, 47);

        Resampler.ResampleCore(source, region, vector, new Rectangle(0, 0, 53, 47), filter, -1, vectorized: true);
        Resampler.ResampleCore(source, region, scalar, new Rectangle(0, 0, 53, 47), filter, 1, vectorized: false);

        ResampleKernelsTests.AssertWithinOne(scalar.Span, vector.Span);
    }

    [Theory]
    [InlineData(ResamplingFilter.Auto)]
    [InlineData(ResamplingFilter.Bilinear)]
    [InlineData(ResamplingFilter.Bicubic)]
    [InlineData(ResamplingFilter.Area)]
    public void Resize_SameSize_IsExact(ResamplingFilter filter)
    {
        using Frame source = Synthetic.Noise(33, 17, opaque: false);
        using var destination = new Frame(33, 17);

        Resampler.Resize(source, destination, filter);

        // Each destination pixel reads exactly its own source pixel with weight 1: the bytes must be identical.
        Assert.True(source.Span.SequenceEqual(destination.Span), "An identity resize changed pixels.");
    }

    [Theory]
    [InlineData(ResamplingFilter.Bilinear)]
    [InlineData(ResamplingFilter.Bicubic)]
    [InlineData(ResamplingFilter.Area)]
    public void ResampleCore_SameSizeWithoutCopyPath_IsExactForOpaquePixels(ResamplingFilter filter)
    {
        // Not the copy fast path: a same-size region one whole pixel in, through the full two-pass pipeline, both kernels.
        using Frame source = Synthetic.Noise(40, 20);
        using var vector = new Frame(38, 18);
        using var scalar = new Frame(38, 18);
        var region = new SampleRegion(1, 1, 38, 18);
        using ResampleAxis axis = ResampleAxis.Create(filter, 1, 38, 40, 38);
        Assert.Equal(1, axis.Taps);

        Resampler.ResampleCore(source, region, vector, new Rectangle(0, 0, 38, 18), filter, -1, vectorized: true, allowCopy: false);
        Resampler.ResampleCore(source, region, scalar, new Rectangle(0, 0, 38, 18), filter, 1, vectorized: false, allowCopy: false);

        for (int y = 0; y < 18; y++)
        {
            Assert.True(source.GetRow(y + 1).Slice(4, 38 * 4).SequenceEqual(vector.GetRow(y)), $"Row {y} changed.");
            Assert.True(vector.GetRow(y).SequenceEqual(scalar.GetRow(y)), $"Row {y}: vector and scalar differ.");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Resize_CheckerboardByArea_GivesMeanGrey(int factor)
    {
        using Frame source = Synthetic.Checkerboard(64 * factor, 36 * factor);
        using var destination = new Frame(64, 36);

        Resampler.Resize(source, destination, ResamplingFilter.Area);

        // Every destination pixel averages an even square of alternating 0 and 255: 127.5, rounded half up.
        ReadOnlySpan<byte> p = destination.Span;
        for (int i = 0; i < p.Length; i += 4)
        {
            Assert.InRange(p[i], 127, 128);
            Assert.InRange(p[i + 1], 127, 128);
            Assert.InRange(p[i + 2], 127, 128);
            Assert.Equal(255, p[i + 3]);
        }
    }

    [Fact]
    public void Resize_CheckerboardAuto_ShrinksByAreaWithoutAliasing()
    {
        using Frame source = Synthetic.Checkerboard(300, 200);
        using var destination = new Frame(64, 36);

        Resampler.Resize(source, destination); // non-integer factors: Auto must still average, not alias to black or white

        ReadOnlySpan<byte> p = destination.Span;
        double sum = 0;
        for (int i = 0; i < p.Length; i += 4)
        {
            Assert.InRange(p[i], 100, 155);
            sum += p[i];
        }

        Assert.Equal(127.5, sum / (p.Length / 4), 1.5);
    }

    [Fact]
    public void Resample_BilinearSubPixelShiftOfRamp_InterpolatesLinearly()
    {
        // A horizontal ramp r = 10·x; reading it shifted by a quarter pixel gives r = 10·(x + 0.25) away from the edges.
        using var source = new Frame(20, 4);
        for (int y = 0; y < 4; y++)
        {
            Span<byte> row = source.GetRow(y);
            for (int x = 0; x < 20; x++)
            {
                row[(x * 4)..((x * 4) + 4)].Fill((byte)(10 * x));
                row[(x * 4) + 3] = 255;
            }
        }

        using var destination = new Frame(10, 4);

        Resampler.Resample(source, new SampleRegion(5.25, 0, 10, 4), destination, ResamplingFilter.Bilinear);

        Span<byte> result = destination.GetRow(2);
        for (int x = 0; x < 10; x++)
        {
            Assert.InRange(result[x * 4], (10 * (x + 5.25)) - 0.51, (10 * (x + 5.25)) + 0.51);
        }
    }

    [Fact]
    public void Resample_IntoDestinationArea_LeavesTheRestUntouched()
    {
        using Frame source = Synthetic.Noise(40, 30);
        using var destination = new Frame(64, 36);
        destination.Fill(1, 2, 3);

        Resampler.Resample(source, SampleRegion.Of(source), destination, new Rectangle(16, 4, 32, 24));

        Assert.Equal([1, 2, 3, 255], destination.GetRow(3)[..4].ToArray());
        Assert.Equal([1, 2, 3, 255], destination.GetRow(20)[(15 * 4)..(16 * 4)].ToArray());
        Assert.Equal([1, 2, 3, 255], destination.GetRow(20)[(48 * 4)..(49 * 4)].ToArray());
        Assert.Equal([1, 2, 3, 255], destination.GetRow(28)[(20 * 4)..(21 * 4)].ToArray());
        Assert.NotEqual([1, 2, 3, 255], destination.GetRow(10)[(20 * 4)..(21 * 4)].ToArray());
    }

    [Fact]
    public void Resize_OpaqueRedBesideTransparentGreen_DoesNotBleedGreen()
    {
        // Straight-alpha filtering would mix the invisible green into the edge; premultiplied filtering must not.
        using var source = new Frame(8, 2);
        for (int y = 0; y < 2; y++)
        {
            Span<byte> row = source.GetRow(y);
            for (int x = 0; x < 8; x++)
            {
                byte[] pixel = x < 4 ? [255, 0, 0, 255] : [0, 255, 0, 0];
                pixel.CopyTo(row[(x * 4)..]);
            }
        }

        using var destination = new Frame(3, 1);

        Resampler.Resize(source, destination, ResamplingFilter.Bicubic);

        Span<byte> edge = destination.GetRow(0)[4..8];        // the middle pixel straddles the edge
        Assert.InRange(edge[3], 60, 200);                      // partly transparent
        Assert.Equal(255, edge[0]);                            // still pure red
        Assert.Equal(0, edge[1]);
    }

    [Fact]
    public void Resize_RgbaIntoBgra_SwapsChannels()
    {
        using var source = new Frame(10, 10);
        source.Fill(200, 100, 50);
        using var destination = new Frame(5, 5, PixelFormat.Bgra32);

        Resampler.Resize(source, destination);

        Assert.Equal([50, 100, 200, 255], destination.GetRow(2)[8..12].ToArray());
    }

    [Fact]
    public void Resize_ToNewFrame_KeepsFormatAndSize()
    {
        using Frame source = Synthetic.Noise(30, 20, format: PixelFormat.Bgra32);

        using Frame result = Resampler.Resize(source, 12, 8);

        Assert.Equal((12, 8, PixelFormat.Bgra32), (result.Width, result.Height, result.Format));
    }

    [Fact]
    public void Resample_AreaOutsideDestination_ThrowsNamingTheArea()
    {
        using var source = new Frame(8, 8);
        using var destination = new Frame(16, 16);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Resampler.Resample(source, SampleRegion.Of(source), destination, new Rectangle(10, 0, 8, 8)));

        Assert.Equal("destinationArea", ex.ParamName);
        Assert.StartsWith("The destination area {X=10,Y=0,Width=8,Height=8} must be non-empty and inside the 16x16 destination frame.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resample_DefaultRegion_Throws()
    {
        using var source = new Frame(8, 8);
        using var destination = new Frame(4, 4);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(source, default, destination));

        Assert.Equal("sourceRegion", ex.ParamName);
    }

    [Fact]
    public void SampleRegion_NaNWidth_ThrowsNamingTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SampleRegion(0, 0, double.NaN, 1));

        Assert.StartsWith("The sample region's width must be a finite number.", ex.Message, StringComparison.Ordinal);
    }
}
