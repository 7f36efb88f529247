using VideoKit.Imaging;
using VideoKit.Rendering;

namespace VideoKit.Tests.Rendering;

public sealed class KernelTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(16, 2)]
    [InlineData(18, 4)]
    [InlineData(30, 2)]
    [InlineData(32, 2)]
    [InlineData(34, 6)]
    [InlineData(64, 36)]
    [InlineData(1920, 4)]
    public void YuvConvert_RandomPixels_MatchesScalarExactly(int width, int height)
    {
        byte[] rgba = Random(width * height * 4, seed: width + height);
        byte[] expected = new byte[YuvConverter.FrameSize(width, height)];
        byte[] actual = new byte[expected.Length];

        YuvConverter.ConvertScalar(rgba, width, height, PixelFormat.Rgba32, expected);
        YuvConverter.Convert(rgba, width, height, PixelFormat.Rgba32, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void YuvConvert_Bgra_MatchesSwappedRgba()
    {
        byte[] rgba = Random(64 * 4 * 4, seed: 7);
        byte[] bgra = (byte[])rgba.Clone();
        PixelConverter.SwapRedBlue(bgra);
        byte[] a = new byte[YuvConverter.FrameSize(64, 4)];
        byte[] b = new byte[a.Length];

        YuvConverter.Convert(rgba, 64, 4, PixelFormat.Rgba32, a);
        YuvConverter.Convert(bgra, 64, 4, PixelFormat.Bgra32, b);

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(0, 0, 0, 16, 128, 128)]
    [InlineData(255, 255, 255, 235, 128, 128)]
    [InlineData(255, 0, 0, 63, 102, 240)]     // BT.709 limited-range red
    [InlineData(0, 255, 0, 173, 42, 26)]
    [InlineData(0, 0, 255, 32, 240, 118)]
    public void YuvConvert_PrimaryColours_GiveBt709LimitedRangeValues(byte r, byte g, byte b, byte y, byte u, byte v)
    {
        byte[] rgba = new byte[32 * 2 * 4];
        for (int i = 0; i < rgba.Length; i += 4)
        {
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, 255);
        }

        byte[] yuv = new byte[YuvConverter.FrameSize(32, 2)];
        YuvConverter.Convert(rgba, 32, 2, PixelFormat.Rgba32, yuv);

        Assert.InRange(yuv[0], y - 1, y + 1);
        Assert.InRange(yuv[64], u - 1, u + 1);
        Assert.InRange(yuv[64 + 16], v - 1, v + 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(7680)]
    public void CrossfadeBlend_RandomData_MatchesScalarForEveryWeight(int length)
    {
        byte[] a = Random(length, 1), b = Random(length, 2);
        byte[] expected = new byte[length], actual = new byte[length];
        foreach (int weight in (int[])[0, 1, 64, 128, 200, 255, 256])
        {
            CrossfadeKernel.BlendScalar(a, b, expected, weight);
            CrossfadeKernel.Blend(a, b, actual, weight);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void CrossfadeBlend_Halfway_IsTheMeanAndWorksInPlace()
    {
        byte[] a = [0, 100, 255, 10], b = [255, 200, 255, 11];
        byte[] to = (byte[])b.Clone();

        CrossfadeKernel.Blend(a, to, to, CrossfadeKernel.Weight(0.5));

        Assert.Equal(new byte[] { 128, 150, 255, 11 }, to);
    }

    private static byte[] Random(int length, int seed)
    {
        var random = new Random(seed);
        byte[] data = new byte[length];
        random.NextBytes(data);
        return data;
    }
}
