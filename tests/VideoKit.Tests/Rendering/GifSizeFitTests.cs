using VideoKit.Rendering;

namespace VideoKit.Tests.Rendering;

public sealed class GifSizeFitTests
{
    private static readonly GifShape s_first = new(15, 640, 256);

    /// <summary>Size modelled as frames × pixels × bits per pixel (what NextShape assumes).</summary>
    private static double Model(GifShape s) => s.Fps * (double)s.Width * s.Width * Math.Log2(s.Colours);

    [Theory]
    [InlineData(0.8)]
    [InlineData(0.5)]
    [InlineData(0.2)]
    [InlineData(0.05)]
    public void NextShape_ShrinksTheModelledSizeToAboutTheTarget(double ratio)
    {
        GifShape next = GifSizeFit.NextShape(s_first, 10_000_000, (long)(10_000_000 * ratio));

        double reached = Model(next) / Model(s_first);
        Assert.InRange(reached, ratio * 0.6, ratio * 1.05); // at or under the target, not needlessly far under
        Assert.True(next.Fps < s_first.Fps && next.Width < s_first.Width, $"{next}: both time and space should give");
        Assert.Equal(0, next.Width % 2);
    }

    [Fact]
    public void NextShape_StopsAtTheFloors_ThenLowersColours()
    {
        GifShape next = GifSizeFit.NextShape(s_first, 10_000_000, 1_000);

        Assert.Equal((GifSizeFit.MinFps, GifSizeFit.MinWidth, GifSizeFit.MinColours), (next.Fps, next.Width, next.Colours));
        Assert.True(GifSizeFit.AtFloor(next));
    }

    [Fact]
    public void NextShape_AlwaysTakesAStep_WhenTheEstimateIsTooSmallToMoveAKnob()
    {
        var shape = new GifShape(6, 200, 64);

        GifShape next = GifSizeFit.NextShape(shape, 1_000_001, 1_000_000);

        Assert.NotEqual(shape, next);
        Assert.True(Model(next) < Model(shape));
    }
}
