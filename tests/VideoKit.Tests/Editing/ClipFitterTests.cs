using VideoKit.Editing;

namespace VideoKit.Tests.Editing;

public sealed class ClipFitterTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Fit_LongClip_TrimsFromStartAtNormalSpeed()
    {
        ClipFit fit = ClipFitter.Fit(S(5), S(2));

        Assert.Equal((FitMethod.Trim, 1.0, TimeSpan.Zero), (fit.Method, fit.Speed, fit.InPoint));
        Assert.Equal(S(1.5), fit.SourceTimeAt(S(1.5)));
    }

    [Fact]
    public void Fit_LongClipCentred_CutsEvenlyFromBothEnds()
    {
        ClipFit fit = ClipFitter.Fit(S(5), S(2), new ClipFitPolicy { InPoint = InPointMode.Centre });

        Assert.Equal(S(1.5), fit.InPoint);
        Assert.Equal(S(3.5), fit.SourceTimeAt(S(2)));
    }

    [Fact]
    public void Fit_LongClipMostActive_StartsWhereTheClipMovesMost()
    {
        float[] values = new float[50];
        for (int i = 30; i < 40; i++)
        {
            values[i] = 1;
        }

        ClipFit fit = ClipFitter.Fit(S(5), S(1), new ClipFitPolicy { InPoint = InPointMode.MostActive }, new ClipActivity(values, 10));

        Assert.Equal(S(3), fit.InPoint);
    }

    [Fact]
    public void Fit_SlightlyLongClipWithSpeedUp_PlaysWholeClipFaster()
    {
        ClipFit fit = ClipFitter.Fit(S(2.4), S(2), new ClipFitPolicy { SpeedUpToFit = true });

        Assert.Equal(FitMethod.SpeedChange, fit.Method);
        Assert.Equal(1.2, fit.Speed, 9);
    }

    [Fact]
    public void Fit_ClipShortByLessThanCap_SlowsItDown()
    {
        ClipFit fit = ClipFitter.Fit(S(1.6), S(2));

        Assert.Equal(FitMethod.SpeedChange, fit.Method);
        Assert.Equal(0.8, fit.Speed, 9);
        Assert.Equal(S(1.6), fit.SourceSpan);
        Assert.Equal(S(0.8), fit.SourceTimeAt(S(1)));
    }

    [Fact]
    public void Fit_ClipShortBeyondCap_RetimesWithInterpolation()
    {
        ClipFit fit = ClipFitter.Fit(S(1.2), S(2));

        Assert.Equal(FitMethod.Retime, fit.Method);
        Assert.True(fit.NeedsInterpolation);
        Assert.Equal(0.6, fit.Speed, 9);
    }

    [Fact]
    public void Fit_VeryShortClip_LoopsByDefault()
    {
        ClipFit fit = ClipFitter.Fit(S(0.5), S(2));

        Assert.Equal(FitMethod.Loop, fit.Method);
        Assert.Equal(S(0.2), fit.SourceTimeAt(S(1.2)));
    }

    [Fact]
    public void Fit_VeryShortClipHold_HoldsItsLastFrame()
    {
        ClipFit fit = ClipFitter.Fit(S(0.5), S(2), new ClipFitPolicy { WhenTooShort = ShortClipMode.Hold });

        Assert.Equal(FitMethod.Hold, fit.Method);
        Assert.Equal(S(0.5) - TimeSpan.FromTicks(1), fit.SourceTimeAt(S(1.7)));
    }

    [Fact]
    public void Fit_VeryShortClipPingPong_PlaysBackwardsAfterTheEnd()
    {
        ClipFit fit = ClipFitter.Fit(S(0.5), S(2), new ClipFitPolicy { WhenTooShort = ShortClipMode.PingPong });

        Assert.Equal(FitMethod.PingPong, fit.Method);
        Assert.True(fit.SourceTimeAt(S(0.7)) < fit.SourceTimeAt(S(0.6)));
    }

    [Fact]
    public void Fit_RetimingDisabled_LoopsInstead()
    {
        ClipFit fit = ClipFitter.Fit(S(1.2), S(2), new ClipFitPolicy { AllowRetiming = false });

        Assert.Equal(FitMethod.Loop, fit.Method);
    }

    [Fact]
    public void Fit_Still_HoldsThePicture()
    {
        ClipFit fit = ClipFitter.Fit(null, S(2));

        Assert.Equal(FitMethod.Still, fit.Method);
        Assert.Equal(TimeSpan.Zero, fit.SourceTimeAt(S(1.9)));
    }

    [Fact]
    public void Fit_InvalidCap_ThrowsWithTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ClipFitter.Fit(S(1), S(2), new ClipFitPolicy { MaxSpeedChange = 1.5 }));

        Assert.StartsWith("MaxSpeedChange is 1.5; use a fraction from 0 to below 1 (0.25 = ±25 %).", ex.Message, StringComparison.Ordinal);
    }
}
