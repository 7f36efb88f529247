using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class RetimerTests
{
    private static readonly Retimer s_normal = new(new NearestInterpolator());

    [Fact]
    public void SourcePositionAt_DoubleRate_EvenFramesAreWholeSourceFrames()
    {
        for (long i = 0; i < 2000; i++)
        {
            double p = s_normal.SourcePositionAt(i, new FrameRate(60000, 1001), new FrameRate(30000, 1001));
            Assert.Equal(i / 2.0, p);
        }
    }

    [Fact]
    public void SourcePositionAt_24To30_StepsByFourFifths()
    {
        double[] expected = [0, 0.8, 1.6, 2.4, 3.2, 4];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], s_normal.SourcePositionAt(i, FrameRate.Fps30, FrameRate.Fps24), 9);
        }
    }

    [Fact]
    public void OutputFrameCount_HalfSpeed_DoublesTheFrames()
    {
        var slow = new Retimer(new NearestInterpolator(), SpeedCurve.Constant(0.5));

        Assert.Equal(60, slow.OutputFrameCount(30, FrameRate.Fps30, FrameRate.Fps30));
        Assert.Equal(60, s_normal.OutputFrameCount(30, FrameRate.Fps60, FrameRate.Fps30));
        Assert.Equal(45, s_normal.OutputFrameCount(36, FrameRate.Fps30, FrameRate.Fps24));
    }

    [Fact]
    public void Fit_ThreeSecondsIntoTwo_PlaysAtOneAndAHalf()
    {
        Retimer fit = Retimer.Fit(new NearestInterpolator(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));

        Assert.Equal(1.5, fit.Speed.SpeedAt(TimeSpan.Zero), 9);
        Assert.Equal(60, fit.OutputFrameCount(90, FrameRate.Fps30, FrameRate.Fps30));
        Assert.Equal(3, fit.Speed.SourceTimeAt(TimeSpan.FromSeconds(2)).TotalSeconds, 9);
    }

    [Fact]
    public void Ramp_LinearFromHalfToDouble_IntegratesInClosedForm()
    {
        SpeedCurve ramp = SpeedCurve.Ramp([new SpeedKeyframe(TimeSpan.Zero, 0.5), new SpeedKeyframe(TimeSpan.FromSeconds(2), 2)]);

        // ∫0..2 (0.5 + 0.75 t) dt = 1 + 1.5 = 2.5; then 2× for one more second.
        Assert.Equal(2.5, ramp.SourceTimeAt(TimeSpan.FromSeconds(2)).TotalSeconds, 6);
        Assert.Equal(4.5, ramp.SourceTimeAt(TimeSpan.FromSeconds(3)).TotalSeconds, 6);
        Assert.Equal(1.25, ramp.SpeedAt(TimeSpan.FromSeconds(1)), 9);
        Assert.Equal(3, ramp.OutputTimeAt(TimeSpan.FromSeconds(4.5)).TotalSeconds, 6);
    }

    [Fact]
    public void Ramp_FitTo_KeepsTheShapeAndHitsTheLength()
    {
        SpeedCurve ramp = SpeedCurve.Ramp([new SpeedKeyframe(TimeSpan.Zero, 1), new SpeedKeyframe(TimeSpan.FromSeconds(1), 3)]);

        SpeedCurve fitted = ramp.FitTo(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2));

        Assert.Equal(4, fitted.SourceTimeAt(TimeSpan.FromSeconds(2)).TotalSeconds, 6);
        Assert.Equal(3, fitted.SpeedAt(TimeSpan.FromSeconds(1)) / fitted.SpeedAt(TimeSpan.Zero), 9);
    }

    [Fact]
    public void Constant_SpeedOutOfRange_ThrowsWithTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SpeedCurve.Constant(0));

        Assert.StartsWith("Speed 0 is outside [0.01, 100]; use 1 for normal speed, 0.5 for half speed, 2 for double.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ramp_DuplicateTimes_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => SpeedCurve.Ramp([new SpeedKeyframe(TimeSpan.FromSeconds(1), 1), new SpeedKeyframe(TimeSpan.FromSeconds(1), 2)]));

        Assert.StartsWith("Two speed keyframes are at 1 s; give each keyframe its own time.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeSize_CoverAndContain_KeepTheAspectRatio()
    {
        Assert.Equal(new Resolution(1920, 1440), RetimedClipSource.DecodeSize(640, 480, Resolution.Hd1080, FitMode.Cover));
        Assert.Equal(new Resolution(1440, 1080), RetimedClipSource.DecodeSize(640, 480, Resolution.Hd1080, FitMode.Contain));
        Assert.Equal(Resolution.Hd1080, RetimedClipSource.DecodeSize(640, 480, Resolution.Hd1080, FitMode.Stretch));
    }
}
