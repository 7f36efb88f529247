using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class MotionCompensatedInterpolatorTests : PooledFrameTest
{
    [Theory]
    [InlineData(10, 6)]
    [InlineData(-14, 4)]
    [InlineData(4, -10)]
    public void Interpolate_UniformPan_RecoversTheMidpoint(int vx, int vy)
    {
        // B shows the texture moved by v; the truth at t = 0.5 is the texture moved by v / 2.
        using Frame texture = TestPictures.Texture(360, 280, 11);
        const int x0 = 40, y0 = 40, w = 256, h = 192;
        using Frame a = TestPictures.Crop(texture, x0, y0, w, h);
        using Frame b = TestPictures.Crop(texture, x0 - vx, y0 - vy, w, h);
        using Frame truth = TestPictures.Crop(texture, x0 - (vx / 2), y0 - (vy / 2), w, h);
        using var d = new Frame(w, h);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.5, d);

        double motion = TestPictures.InteriorPsnr(d, truth, 16);
        using var blended = new Frame(w, h);
        new BlendInterpolator().Interpolate(a, b, 0.5, blended);
        double blend = TestPictures.InteriorPsnr(blended, truth, 16);
        Assert.True(motion >= 38, $"motion-compensated PSNR {motion:0.00} dB < 38 dB");
        Assert.True(motion > blend + 8, $"motion {motion:0.00} dB is not clearly better than blend {blend:0.00} dB");
    }

    [Fact]
    public void Estimate_OverlappedWindows_ScalarAndSimdAgree_AndFindThePan()
    {
        using Frame texture = TestPictures.Texture(360, 280, 13);
        using Frame a = TestPictures.Crop(texture, 40, 40, 256, 192);
        using Frame b = TestPictures.Crop(texture, 28, 46, 256, 192);
        using LumaPlane la = LumaPlane.FromFrame(a, 1), lb = LumaPlane.FromFrame(b, 1);
        using LumaPlane la2 = LumaPlane.FromFrame(a, 1), lb2 = LumaPlane.FromFrame(b, 1);
        LumaPlane[] pa = MotionEstimator.BuildPyramid(la), pb = MotionEstimator.BuildPyramid(lb);
        LumaPlane[] pa2 = MotionEstimator.BuildPyramid(la2), pb2 = MotionEstimator.BuildPyramid(lb2);
        try
        {
            MotionField simd = MotionEstimator.Estimate(pa, pb, 0.5f, 2, vectorized: true, overlapped: true);
            MotionField scalar = MotionEstimator.Estimate(pa2, pb2, 0.5f, 2, vectorized: false, overlapped: true);
            Assert.Equal(scalar.X, simd.X);
            Assert.Equal(scalar.Y, simd.Y);
            Assert.Equal(scalar.Cost, simd.Cost);
            int k = (simd.BlocksY / 2 * simd.BlocksX) + (simd.BlocksX / 2);
            Assert.InRange(simd.X[k], 11.5f, 12.5f);
            Assert.InRange(simd.Y[k], -6.5f, -5.5f);
        }
        finally
        {
            foreach (LumaPlane p in pa.Skip(1).Concat(pb.Skip(1)).Concat(pa2.Skip(1)).Concat(pb2.Skip(1)))
            {
                p.Dispose();
            }
        }
    }

    [Fact]
    public void Estimate_PanReachingPastThePaddedBorder_KeepsFiniteMatchingCosts()
    {
        // A 64-pixel pan: the blocks of the last column read B 32 pixels beyond the picture, exactly at the padded
        // border; the sub-pixel check reads one pixel further and used to store its "rejected" cost as the block's
        // matching error, which made the frame's mean error huge and the interpolator copy the nearer frame.
        using Frame texture = TestPictures.Texture(720, 560, 17);
        using Frame a = TestPictures.Crop(texture, 120, 60, 512, 384);
        using Frame b = TestPictures.Crop(texture, 56, 60, 512, 384);
        using LumaPlane la = LumaPlane.FromFrame(a, 1), lb = LumaPlane.FromFrame(b, 1);
        LumaPlane[] pa = MotionEstimator.BuildPyramid(la), pb = MotionEstimator.BuildPyramid(lb);
        try
        {
            MotionField field = MotionEstimator.Estimate(pa, pb, 0.5f, 2);
            int k = (field.BlocksY / 2 * field.BlocksX) + (field.BlocksX / 2);
            Assert.InRange(field.X[k], 63.5f, 64.5f);
            Assert.All(field.Cost, c => Assert.InRange(c, 0, 255 * BlockMatcher.Size * BlockMatcher.Size));
            Assert.True(field.MeanError() < 28, $"mean matching error {field.MeanError():0.0}");
        }
        finally
        {
            foreach (LumaPlane p in pa.Skip(1).Concat(pb.Skip(1)))
            {
                p.Dispose();
            }
        }
    }

    [Fact]
    public void Interpolate_QuarterPosition_MovesContentAQuarterOfTheWay()
    {
        using Frame texture = TestPictures.Texture(360, 280, 12);
        const int x0 = 50, y0 = 40, w = 256, h = 192;
        using Frame a = TestPictures.Crop(texture, x0, y0, w, h);
        using Frame b = TestPictures.Crop(texture, x0 - 16, y0 - 8, w, h);
        using Frame truth = TestPictures.Crop(texture, x0 - 4, y0 - 2, w, h);
        using var d = new Frame(w, h);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.25, d);

        double psnr = TestPictures.InteriorPsnr(d, truth, 16);
        Assert.True(psnr >= 35, $"PSNR at t = 0.25 is {psnr:0.00} dB < 35 dB");
    }

    [Fact]
    public void Interpolate_AcrossACut_CopiesTheNearerFrameInsteadOfAGhost()
    {
        using Frame a = TestPictures.Texture(200, 150, 21);
        using Frame b = new Frame(200, 150);
        b.Fill(20, 200, 60);
        using var d = new Frame(200, 150);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.4, d);
        Assert.True(a.Span.SequenceEqual(d.Span));
        new MotionCompensatedInterpolator().Interpolate(a, b, 0.6, d);
        Assert.True(b.Span.SequenceEqual(d.Span));
    }

    [Fact]
    public void Interpolate_IdenticalFrames_ReturnsTheFrame()
    {
        using Frame a = TestPictures.Texture(160, 120, 31);
        using Frame b = a.Clone();
        using var d = new Frame(160, 120);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.5, d);

        Assert.True(ImageMetrics.Psnr(a, d) > 50);
    }

    [Fact]
    public void Interpolate_TinyFrames_FallsBackToBlend()
    {
        using Frame a = TestPictures.Texture(12, 10, 41);
        using Frame b = TestPictures.Texture(12, 10, 41);
        using var d = new Frame(12, 10);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.5, d);

        Assert.True(ImageMetrics.Psnr(a, d) > 50);
    }

    [Fact]
    public void Interpolate_ManyCalls_ReturnsEveryPooledFrame()
    {
        using Frame a = TestPictures.Texture(160, 120, 51);
        using Frame b = TestPictures.Crop(a, 2, 1, 150, 110);
        using Frame c = TestPictures.Crop(a, 0, 0, 150, 110);
        using var d = new Frame(150, 110);

        for (int i = 0; i < 5; i++)
        {
            new MotionCompensatedInterpolator().Interpolate(c, b, 0.2 * i, d);
        }

        Assert.True(ImageMetrics.Psnr(c, d) < double.PositiveInfinity);
    }

    [Fact]
    public void SceneCutDetector_SameShotMoved_IsNoCut_DifferentShot_IsACut()
    {
        using Frame texture = TestPictures.Texture(300, 200, 61);
        using Frame a = TestPictures.Crop(texture, 0, 0, 240, 160);
        using Frame moved = TestPictures.Crop(texture, 30, 20, 240, 160);
        using Frame other = new Frame(240, 160);
        other.Fill(230, 30, 30);
        var detector = new SceneCutDetector();

        Assert.False(detector.IsCut(a, moved));
        Assert.True(detector.IsCut(a, other));
        Assert.InRange(SceneCutDetector.Distance(a, a), 0, 0);
    }

    [Fact]
    public void SceneCutDetector_ThresholdOutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SceneCutDetector { Threshold = 1.5 });

        Assert.StartsWith("The scene-cut threshold must be in (0, 1].", ex.Message, StringComparison.Ordinal);
    }
}
