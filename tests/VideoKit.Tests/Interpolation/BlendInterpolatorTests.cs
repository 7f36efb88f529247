using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class BlendInterpolatorTests : PooledFrameTest
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(15, 0.25)]
    [InlineData(31, 0.9)]
    [InlineData(4099, 0.37)]
    [InlineData(1920 * 4 * 3, 0.5)]
    public void Blend_SimdAgainstScalarReference_WithinOnePerChannel(int length, double t)
    {
        var random = new Random(length);
        byte[] a = new byte[length], b = new byte[length], simd = new byte[length], scalar = new byte[length];
        random.NextBytes(a);
        random.NextBytes(b);
        int weight = BlendKernel.Weight(t);

        BlendKernel.Blend(a, b, simd, weight);
        BlendKernel.BlendScalar(a, b, scalar, weight);

        for (int i = 0; i < length; i++)
        {
            Assert.InRange(simd[i] - scalar[i], -1, 1);
        }
    }

    [Fact]
    public void Blend_ScalarReference_IsTheRoundedWeightedMean()
    {
        byte[] a = [0, 255, 100, 7], b = [255, 0, 200, 9], d = new byte[4];

        BlendKernel.BlendScalar(a, b, d, BlendKernel.Weight(0.25));

        Assert.Equal([64, 191, 125, 8], d);
    }

    [Fact]
    public void Interpolate_LargeFrameInParallel_MatchesScalarReference()
    {
        using Frame a = TestPictures.Texture(640, 480, 1);
        using Frame b = TestPictures.Texture(640, 480, 2);
        using var d = new Frame(640, 480);
        byte[] expected = new byte[a.Length];
        BlendKernel.BlendScalar(a.Span, b.Span, expected, BlendKernel.Weight(0.3));

        new BlendInterpolator { SceneCuts = null }.Interpolate(a, b, 0.3, d);

        ReadOnlySpan<byte> actual = d.Span;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual[i] - expected[i], -1, 1);
        }
    }

    [Fact]
    public void Interpolate_EndPositions_CopyTheEndFrames()
    {
        using Frame a = TestPictures.Texture(64, 48, 3);
        using Frame b = TestPictures.Texture(64, 48, 4);
        using var d = new Frame(64, 48);
        var blend = new BlendInterpolator();

        blend.Interpolate(a, b, 0, d);
        Assert.True(a.Span.SequenceEqual(d.Span));
        blend.Interpolate(a, b, 1, d);
        Assert.True(b.Span.SequenceEqual(d.Span));
    }

    [Fact]
    public void Interpolate_MismatchedSizes_ThrowsNamingBothSizes()
    {
        using var a = new Frame(64, 48);
        using var b = new Frame(32, 48);
        using var d = new Frame(64, 48);

        var ex = Assert.Throws<ArgumentException>(() => new BlendInterpolator().Interpolate(a, b, 0.5, d));

        Assert.StartsWith("Cannot interpolate between a 64x48 Rgba32 frame and a 32x48 Rgba32 frame.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolate_DestinationIsAnInput_Throws()
    {
        using var a = new Frame(16, 16);
        using var b = new Frame(16, 16);

        var ex = Assert.Throws<ArgumentException>(() => new BlendInterpolator().Interpolate(a, b, 0.5, a));

        Assert.StartsWith("The destination must be a different frame from both inputs.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nearest_Positions_PickTheNearerFrame()
    {
        using Frame a = TestPictures.Texture(32, 32, 5);
        using Frame b = TestPictures.Texture(32, 32, 6);
        using var d = new Frame(32, 32);
        var nearest = new NearestInterpolator();

        nearest.Interpolate(a, b, 0.49, d);
        Assert.True(a.Span.SequenceEqual(d.Span));
        nearest.Interpolate(a, b, 0.5, d);
        Assert.True(b.Span.SequenceEqual(d.Span));
    }

    [Fact]
    public void ParseMode_UnknownName_ThrowsListingTheModes()
    {
        var ex = Assert.Throws<FormatException>(() => FrameInterpolator.ParseMode("optical"));

        Assert.Equal("Unknown interpolation mode 'optical'; use nearest, blend or motion.", ex.Message);
        Assert.Equal(InterpolationMode.Motion, FrameInterpolator.ParseMode("Motion"));
    }
}
