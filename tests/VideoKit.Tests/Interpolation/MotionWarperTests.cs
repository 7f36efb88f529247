using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class MotionWarperTests : PooledFrameTest
{
    [Theory]
    [InlineData(3.3f, -1.7f, 0.5f, true)]
    [InlineData(-20.25f, 7.5f, 0.3f, true)]
    [InlineData(0.1f, 0.9f, 0.8f, true)]
    [InlineData(-20.25f, 7.5f, 0.3f, false)]
    public void Warp_SimdSpansAgainstScalarReference_Identical(float vx, float vy, float t, bool occlusionAware)
    {
        using Frame a = TestPictures.Texture(200, 120, 71);
        using Frame b = TestPictures.Texture(200, 120, 72);
        using var simd = new Frame(200, 120);
        using var scalar = new Frame(200, 120);
        var field = new MotionField(13, 8, 8);
        Array.Fill(field.X, vx);
        Array.Fill(field.Y, vy);

        MotionWarper.Warp(a, b, field, 2, t, simd, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: true, occlusionAware);
        MotionWarper.Warp(a, b, field, 2, t, scalar, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: false, occlusionAware);

        Assert.True(simd.Span.SequenceEqual(scalar.Span));
    }

    [Theory]
    [InlineData(5.5f, -3.25f, 0.5f, 2)]
    [InlineData(-20.25f, 7.5f, 0.3f, 2)]
    [InlineData(-9.75f, 2.5f, 0.5f, 1)]
    public void Warp_PartlyTrustedVectors_SimdAgainstScalarReference_Identical(float vx, float vy, float t, int factor)
    {
        // Blocks with a motion share below 1 mix in the plain cross-fade; the SIMD runs must give the scalar integers.
        using Frame a = TestPictures.Texture(200, 120, 73);
        using Frame b = TestPictures.Texture(200, 120, 74);
        using var simd = new Frame(200, 120);
        using var scalar = new Frame(200, 120);
        int bs = 8, bx = ((200 / factor) + bs - 1) / bs, by = ((120 / factor) + bs - 1) / bs;
        var field = new MotionField(bx, by, bs);
        Array.Fill(field.X, vx);
        Array.Fill(field.Y, vy);
        var random = new Random(9);
        float[] motion = new float[field.Count];
        for (int k = 0; k < motion.Length; k++)
        {
            motion[k] = random.Next(3) == 0 ? 1 : (float)random.NextDouble();
        }

        MotionWarper.Warp(a, b, field, factor, t, simd, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: true, motionShare: motion);
        MotionWarper.Warp(a, b, field, factor, t, scalar, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: false, motionShare: motion);

        Assert.True(simd.Span.SequenceEqual(scalar.Span));
        using var trusted = new Frame(200, 120);
        MotionWarper.Warp(a, b, field, factor, t, trusted, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: true);
        Assert.False(simd.Span.SequenceEqual(trusted.Span));
    }

    [Fact]
    public void ReliabilityShare_MotionErrorAgainstStillError_TrustsOnlyVectorsThatExplainTheChange()
    {
        Assert.Equal(1f, MotionReliability.Share(20, 0.5f), 5); // error within noise: full trust
        Assert.Equal(1f, MotionReliability.Share(0, 0), 5);
        Assert.InRange(MotionReliability.Share(20, 2), 0.98f, 1f); // explains most of the change
        Assert.InRange(MotionReliability.Share(10, 6), 0.45f, 0.55f); // explains half of it
        Assert.InRange(MotionReliability.Share(10, 12), 0f, 0.2f); // explains nothing: mostly the cross-fade
    }

    [Fact]
    public void Sad8x8_SimdAgainstScalarReference_Identical()
    {
        var random = new Random(5);
        byte[] a = new byte[64 * 40], b = new byte[64 * 40];
        random.NextBytes(a);
        random.NextBytes(b);

        for (int i = 0; i < 200; i++)
        {
            int ia = random.Next(0, 64 * 30), ib = random.Next(0, 64 * 30);
            Assert.Equal(BlockMatcher.Sad8x8Scalar(a, ia, b, ib, 64), BlockMatcher.Sad8x8(a, ia, b, ib, 64));
        }
    }
}
