using System.Drawing;
using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

public sealed class FitGeometryTests : PooledFrameTest
{
    [Fact]
    public void Compute_CoverWideIntoSquare_CropsCentreColumns()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitRule.Cover, 1920, 1080, 500, 500);

        Assert.Equal(new SampleRegion(420, 0, 1080, 1080), source);
        Assert.Equal(new Rectangle(0, 0, 500, 500), destination);
    }

    [Fact]
    public void Compute_ContainWideIntoSquare_Letterboxes()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitRule.Contain, 1920, 1080, 640, 640);

        Assert.Equal(new SampleRegion(0, 0, 1920, 1080), source);
        Assert.Equal(new Rectangle(0, 140, 640, 360), destination);
    }

    [Fact]
    public void Compute_Stretch_UsesEverything()
    {
        (SampleRegion source, Rectangle destination) = FitGeometry.Compute(FitRule.Stretch, 300, 100, 64, 64);

        Assert.Equal(new SampleRegion(0, 0, 300, 100), source);
        Assert.Equal(new Rectangle(0, 0, 64, 64), destination);
    }

    [Fact]
    public void Fit_ContainTallIntoWide_FillsPillarsWithBackground()
    {
        using var source = new Frame(10, 20);
        source.Fill(255, 255, 255);
        using var destination = new Frame(40, 20);

        FitGeometry.Fit(source, destination, FitRule.Contain, background: (0, 0, 255));

        Assert.Equal([0, 0, 255, 255], destination.GetRow(10)[..4].ToArray());
        Assert.Equal([255, 255, 255, 255], destination.GetRow(10)[(20 * 4)..(21 * 4)].ToArray());
    }
}
