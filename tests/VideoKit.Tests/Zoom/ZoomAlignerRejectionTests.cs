using System.Numerics;
using VideoKit.Zoom;

namespace VideoKit.Tests.Zoom;

public sealed class ZoomAlignerRejectionTests
{
    [Fact]
    public void Rejection_TrueStep_IsNull()
    {
        var step = new ZoomStep(1, 2.004, 256, 160) { Gain = new Vector3(0.92f, 1.08f, 1), Match = 0.99 };

        Assert.Null(ZoomAligner.Rejection(step, 2.0, ZoomAlignerOptions.Default));
        Assert.Null(ZoomAligner.Rejection(step, null, ZoomAlignerOptions.Default));
    }

    [Fact]
    public void Rejection_GainAtTheClampAndLowMatch_GivesBothReasons()
    {
        var step = new ZoomStep(1, 2.0, 256, 160) { Gain = new Vector3(0.5f, 0.5f, 1.4959f), Match = 0.7262 };

        Assert.Equal("matching their colours needs a gain of (0.5, 0.5, 1.496) on (R, G, B), at the limit of 0.5 to 2; the best placement (scale 2) correlates only 0.73, below 0.85",
            ZoomAligner.Rejection(step, null, ZoomAlignerOptions.Default));
    }

    [Fact]
    public void Rejection_ScaleFarFromTheGivenFactor_SaysSo()
    {
        var step = new ZoomStep(2, 2.5837, 160, 100) { Match = 0.95 };

        Assert.Equal("the best placement has scale 2.584, more than 6 % from the given factor 2", ZoomAligner.Rejection(step, 2.0, ZoomAlignerOptions.Default));
    }
}
