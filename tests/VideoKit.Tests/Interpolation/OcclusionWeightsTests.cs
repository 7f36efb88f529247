using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class OcclusionWeightsTests : PooledFrameTest
{
    [Theory]
    [InlineData(16, 0)]
    [InlineData(-12, 10)]
    public void Interpolate_SquareOverStillBackground_UncoveredEdgesBeatPlainWeights(int vx, int vy)
    {
        // A textured square moves by v over a still textured background; the truth at t = 0.5 has it moved by v / 2.
        const int w = 192, h = 160, size = 48, sx = 64, sy = 52;
        using Frame background = TestPictures.Texture(w, h, 21);
        using Frame square = TestPictures.Texture(size, size, 22);
        using Frame a = Scene(background, square, sx, sy);
        using Frame b = Scene(background, square, sx + vx, sy + vy);
        using Frame truth = Scene(background, square, sx + (vx / 2), sy + (vy / 2));
        using var aware = new Frame(w, h);
        using var plain = new Frame(w, h);

        // The occlusion weights on their own: the fall-back towards the cross-fade (MotionReliability) is off in both.
        new MotionCompensatedInterpolator { ReliabilityAware = false }.Interpolate(a, b, 0.5, aware);
        new MotionCompensatedInterpolator { OcclusionAware = false, ReliabilityAware = false }.Interpolate(a, b, 0.5, plain);

        // The band around the square's edges: the square's path widened by 12 pixels.
        int x0 = Math.Min(sx, sx + vx) - 12, y0 = Math.Min(sy, sy + vy) - 12;
        int x1 = Math.Max(sx, sx + vx) + size + 12, y1 = Math.Max(sy, sy + vy) + size + 12;
        double awarePsnr = BandPsnr(aware, truth, x0, y0, x1, y1, sx + (vx / 2), sy + (vy / 2), size);
        double plainPsnr = BandPsnr(plain, truth, x0, y0, x1, y1, sx + (vx / 2), sy + (vy / 2), size);
        double awareAll = TestPictures.InteriorPsnr(aware, truth, 8);
        double plainAll = TestPictures.InteriorPsnr(plain, truth, 8);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"v=({vx},{vy}): edge band occlusion-aware {awarePsnr:0.00} dB, plain {plainPsnr:0.00} dB; whole picture {awareAll:0.00} vs {plainAll:0.00} dB");
        Assert.True(awarePsnr > plainPsnr + 0.1, $"occlusion-aware {awarePsnr:0.00} dB is not better than plain {plainPsnr:0.00} dB around the edges");
        Assert.True(awareAll >= plainAll, $"occlusion-aware {awareAll:0.00} dB is worse than plain {plainAll:0.00} dB over the picture");
    }

    [Theory]
    [InlineData(16, 0)]
    public void Interpolate_ForwardBackwardConsistency_TakesCoveredAndUncoveredBandsFromOneFrame(int vx, int vy)
    {
        // Measured, not asserted: with v = (−12, 10) the check costs 0.5 dB in this band (27.20 → 26.68 dB): the diagonal
        // edges' blocks straddle the boundary, and one-sided weights on a half-wrong block hurt (see the folder README).
        const int w = 192, h = 160, size = 48, sx = 64, sy = 52;
        using Frame background = TestPictures.Texture(w, h, 21);
        using Frame square = TestPictures.Texture(size, size, 22);
        using Frame a = Scene(background, square, sx, sy);
        using Frame b = Scene(background, square, sx + vx, sy + vy);
        using Frame truth = Scene(background, square, sx + (vx / 2), sy + (vy / 2));
        using var checkedFrame = new Frame(w, h);
        using var unchecked_ = new Frame(w, h);

        // Everything else at its defaults (the reliability fall-back included).
        new MotionCompensatedInterpolator { ConsistencyLevel = 0 }.Interpolate(a, b, 0.5, checkedFrame);
        new MotionCompensatedInterpolator { ConsistencyLevel = -1 }.Interpolate(a, b, 0.5, unchecked_);

        int x0 = Math.Min(sx, sx + vx) - 12, y0 = Math.Min(sy, sy + vy) - 12;
        int x1 = Math.Max(sx, sx + vx) + size + 12, y1 = Math.Max(sy, sy + vy) + size + 12;
        double withCheck = BandPsnr(checkedFrame, truth, x0, y0, x1, y1, sx + (vx / 2), sy + (vy / 2), size);
        double without = BandPsnr(unchecked_, truth, x0, y0, x1, y1, sx + (vx / 2), sy + (vy / 2), size);
        TestContext.Current.TestOutputHelper?.WriteLine($"v=({vx},{vy}): edge band with the consistency check {withCheck:0.00} dB, without {without:0.00} dB");
        Assert.True(withCheck > without + 0.2, $"with the check {withCheck:0.00} dB is not better than without {without:0.00} dB around the edges");
    }

    [Fact]
    public void MotionConsistency_SquareMovingRight_FindsTheCoveredAndTheUncoveredStrip()
    {
        // The square spans x 64–111 in A and 80–127 in B: the background at x 112–127 is covered in B, the background at
        // x 64–79 is uncovered (not visible in A).
        const int w = 192, h = 160, size = 48, sx = 64, sy = 52;
        using Frame background = TestPictures.Texture(w, h, 21);
        using Frame square = TestPictures.Texture(size, size, 22);
        using Frame a = Scene(background, square, sx, sy);
        using Frame b = Scene(background, square, sx + 16, sy);
        using LumaPlane la = LumaPlane.FromFrame(a, 1), lb = LumaPlane.FromFrame(b, 1);
        LumaPlane[] pa = MotionEstimator.BuildPyramid(la), pb = MotionEstimator.BuildPyramid(lb);
        try
        {
            MotionConsistency check = MotionConsistency.Estimate(pa, pb, 0, 2, vectorized: true, overlapped: true);
            float covered = check.HiddenInB(120, 76), uncovered = check.HiddenInA(72, 76);
            float stillA = check.HiddenInB(24, 24), stillB = check.HiddenInA(24, 24), squareA = check.HiddenInB(88, 76);
            TestContext.Current.TestOutputHelper?.WriteLine($"covered {covered:0.00}, uncovered {uncovered:0.00}, still {stillA:0.00}/{stillB:0.00}, square {squareA:0.00}");
            Assert.True(covered > 0.5f, $"covered strip scored {covered:0.00}");
            Assert.True(uncovered > 0.5f, $"uncovered strip scored {uncovered:0.00}");
            Assert.True(stillA < 0.1f && stillB < 0.1f && squareA < 0.1f, $"visible areas scored {stillA:0.00}, {stillB:0.00}, {squareA:0.00}");

            // An in-between pixel in the covered strip with the background's vector: its B side is hidden.
            Assert.True(check.CoveredInB(0, 0, 120, 76, 120, 76) > 0.5f);
            Assert.True(check.UncoveredInA(0, 0, 72, 76, 72, 76) > 0.5f);
            Assert.True(check.CoveredInB(0, 0, 24, 24, 24, 24) < 0.1f);
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
    public void FieldWeightsAndReliability_SquareCrossingBackground_DoNotDependOnTheThreadCount()
    {
        // The sub-pixel fit, the median, the occlusion weights and the reliability run block rows in parallel; each block
        // must read only unchanged data, so one thread and four give the same numbers (a ragged field at the square's edges).
        const int w = 192, h = 160, size = 48, sx = 64, sy = 52;
        using Frame background = TestPictures.Texture(w, h, 21);
        using Frame square = TestPictures.Texture(size, size, 22);
        using Frame a = Scene(background, square, sx, sy);
        using Frame b = Scene(background, square, sx - 12, sy + 10);
        using LumaPlane la = LumaPlane.FromFrame(a, 1), lb = LumaPlane.FromFrame(b, 1);
        LumaPlane[] pa = MotionEstimator.BuildPyramid(la), pb = MotionEstimator.BuildPyramid(lb);
        try
        {
            MotionField one = MotionEstimator.Estimate(pa, pb, 0.5f, 1, overlapped: true);
            MotionField four = MotionEstimator.Estimate(pa, pb, 0.5f, 4, overlapped: true);
            Assert.Equal(one.X, four.X);
            Assert.Equal(one.Y, four.Y);
            Assert.Equal(one.Cost, four.Cost);
            Assert.True(one.X.Distinct().Count() > 1, "the field should hold more than one vector");

            float[] shareOne = new float[one.Count], shareFour = new float[four.Count];
            OcclusionWeights.Compute(one, 0.5f, w, h, shareOne, maxDegreeOfParallelism: 1);
            OcclusionWeights.Compute(four, 0.5f, w, h, shareFour, maxDegreeOfParallelism: 4);
            Assert.Equal(shareOne, shareFour);
            Assert.Equal(one.X, four.X); // blocks in an occlusion may take a neighbour's vector: the same ones
            Assert.Contains(shareOne, s => MathF.Abs(s - 0.5f) > 0.05f); // the square's edges are weighted

            float[] motionOne = new float[one.Count], motionFour = new float[four.Count];
            MotionReliability.Compute(one, la, lb, 0.5f, motionOne, 1);
            MotionReliability.Compute(four, la, lb, 0.5f, motionFour, 4);
            Assert.Equal(motionOne, motionFour);
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
    public void Share_OccludedSide_LeansOnTheOtherFrame()
    {
        Assert.Equal(0.5f, OcclusionWeights.Share(0, 0, 0.5f), 5);
        Assert.Equal(0.3f, OcclusionWeights.Share(0, 0, 0.3f), 5);
        Assert.Equal(1f, OcclusionWeights.Share(1, 0, 0.5f), 5);
        Assert.Equal(0f, OcclusionWeights.Share(0, 1, 0.5f), 5);
        float partial = OcclusionWeights.Share(0.5f, 0, 0.5f);
        Assert.InRange(partial, 0.6f, 0.7f);
        Assert.InRange(OcclusionWeights.Share(0.99f, 0.99f, 0.5f), 0.49f, 0.51f);
    }

    [Fact]
    public void Compute_UniformFieldInside_GivesPlainWeights_BlocksLeavingThePicture_LeanInward()
    {
        var field = new MotionField(12, 8, 8);
        Array.Fill(field.X, 12f);
        float[] share = new float[field.Count];

        OcclusionWeights.Compute(field, 0.5f, 96, 64, share);

        // Middle blocks read both sides inside the picture; the left column reads A outside it, the right column B.
        Assert.Equal(0.5f, share[(3 * 12) + 5], 5);
        Assert.True(share[3 * 12] > 0.6f, $"left-edge B share {share[3 * 12]}");
        Assert.True(share[(3 * 12) + 11] < 0.4f, $"right-edge B share {share[(3 * 12) + 11]}");
    }

    private static Frame Scene(Frame background, Frame square, int x, int y)
    {
        Frame frame = background.Clone();
        for (int r = 0; r < square.Height; r++)
        {
            square.GetRow(r).CopyTo(frame.GetRow(y + r).Slice(x * 4, square.Width * 4));
        }

        return frame;
    }

    /// <summary>PSNR over the rectangle (x0, y0)–(x1, y1) without the inside of the truth's square (shrunk by 8 pixels).</summary>
    private static double BandPsnr(Frame a, Frame b, int x0, int y0, int x1, int y1, int qx, int qy, int size)
    {
        double sum = 0;
        long n = 0;
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> ra = a.GetRow(y), rb = b.GetRow(y);
            for (int x = x0; x < x1; x++)
            {
                if (x >= qx + 8 && x < qx + size - 8 && y >= qy + 8 && y < qy + size - 8)
                {
                    continue;
                }

                for (int c = 0; c < 3; c++)
                {
                    double d = ra[(x * 4) + c] - rb[(x * 4) + c];
                    sum += d * d;
                }

                n += 3;
            }
        }

        double mse = sum / n;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
