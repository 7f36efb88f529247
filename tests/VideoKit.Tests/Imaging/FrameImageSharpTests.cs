using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

public sealed class FrameImageSharpTests : PooledFrameTest
{
    [Theory]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public void FromImageToImage_RandomPixels_RoundTripsExactly(PixelFormat format)
    {
        using Image<Rgba32> image = RandomImage(37, 21);

        using Frame frame = Frame.FromImage(image, format);
        using Image<Rgba32> back = frame.ToImage();

        Assert.Equal(format, frame.Format);
        Assert.Null(Golden.Compare(image, back, channelTolerance: 0, allowedFraction: 0));
    }

    [Fact]
    public void FromImage_Bgra_StoresBlueFirst()
    {
        using var image = new Image<Rgba32>(3, 2);
        image[1, 1] = new Rgba32(10, 20, 30, 40);

        using Frame frame = Frame.FromImage(image, PixelFormat.Bgra32);

        Assert.Equal([30, 20, 10, 40], frame.GetRow(1)[4..8].ToArray());
    }

    [Fact]
    public void ResizeThroughImageSharp_BgraFrame_KeepsColours()
    {
        using Frame source = Synthetic.GradientWithBlock(64, 36, PixelFormat.Bgra32);
        using Frame resized = Resampler.Resize(source, 32, 18);

        using Image<Rgba32> image = resized.ToImage();

        Rgba32 corner = image[31, 17];                         // bottom-right: red and green near full
        Assert.InRange(corner.R, 230, 255);
        Assert.InRange(corner.G, 230, 255);
        Assert.Equal(255, corner.A);
    }

    private static Image<Rgba32> RandomImage(int width, int height)
    {
        var random = new Random(1337);
        var image = new Image<Rgba32>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return image;
    }
}
