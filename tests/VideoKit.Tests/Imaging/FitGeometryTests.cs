using System.Drawing;
using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

public sealed class FitGeometryTests : PooledFrameTest
{
    [Fact]
    public void Compute_CoverWideIntoSquare_CropsCentreColumns()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitMode.Cover, 1920, 1080, 500, 500);

        Assert.Equal(new SampleRegion(420, 0, 1080, 1080), source);
        Assert.Equal(new Rectangle(0, 0, 500, 500), destination);
    }

    [Fact]
    public void Compute_ContainWideIntoSquare_Letterboxes()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitMode.Contain, 1920, 1080, 640, 640);

        Assert.Equal(new SampleRegion(0, 0, 1920, 1080), source);
        Assert.Equal(new Rectangle(0, 140, 640, 360), destination);
    }

    [Fact]
    public void Compute_Stretch_UsesEverything()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitMode.Stretch, 300, 100, 64, 64);

        Assert.Equal(new SampleRegion(0, 0, 300, 100), source);
        Assert.Equal(new Rectangle(0, 0, 64, 64), destination);
    }

    [Fact]
    public void Fit_ContainTallIntoWide_FillsPillarsWithBackground()
    {
        using var source = new Frame(10, 20);
        source.Fill(255, 255, 255);
        using var destination = new Frame(40, 20);

        FitGeometry.Fit(source, destination, FitMode.Contain, background: (0, 0, 255));

        Assert.Equal([0, 0, 255, 255], destination.GetRow(10)[..4].ToArray());
        Assert.Equal([255, 255, 255, 255], destination.GetRow(10)[(20 * 4)..(21 * 4)].ToArray());
    }

    [Fact]
    public void Fit_CoverSquareIntoWide_ShowsTheMiddleRows()
    {
        // Top half red, bottom half blue; covering a 4:1 frame crops to the middle rows, where the halves meet.
        using var source = new Frame(40, 40);
        for (int y = 0; y < 40; y++)
        {
            byte[] pixel = y < 20 ? [255, 0, 0, 255] : [0, 0, 255, 255];
            for (int x = 0; x < 40; x++)
            {
                pixel.CopyTo(source.GetRow(y)[(x * 4)..]);
            }
        }

        using var destination = new Frame(40, 10);

        Resampler.Fit(source, destination, FitMode.Cover);

        Assert.Equal([255, 0, 0, 255], destination.GetRow(0)[..4].ToArray());
        Assert.Equal([0, 0, 255, 255], destination.GetRow(9)[..4].ToArray());
    }

    [Fact]
    public void Fit_UnknownMode_ThrowsNamingIt()
    {
        using var source = new Frame(4, 4);
        using var destination = new Frame(4, 4);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Fit(source, destination, (FitMode)42));

        Assert.StartsWith("Unknown fit mode 42.", ex.Message, StringComparison.Ordinal);
    }
}
