using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class MotionWarperTests : PooledFrameTest
{
    [Theory]
    [InlineData(3.3f, -1.7f, 0.5f)]
    [InlineData(-20.25f, 7.5f, 0.3f)]
    [InlineData(0.1f, 0.9f, 0.8f)]
    public void Warp_SimdSpansAgainstScalarReference_Identical(float vx, float vy, float t)
    {
        using Frame a = TestPictures.Texture(200, 120, 71);
        using Frame b = TestPictures.Texture(200, 120, 72);
        using var simd = new Frame(200, 120);
        using var scalar = new Frame(200, 120);
        var field = new MotionField(13, 8, 8);
        Array.Fill(field.X, vx);
        Array.Fill(field.Y, vy);

        MotionWarper.Warp(a, b, field, 2, t, simd, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: true);
        MotionWarper.Warp(a, b, field, 2, t, scalar, cubicMaxPixels: 0, maxDegreeOfParallelism: 2, vectorized: false);

        Assert.True(simd.Span.SequenceEqual(scalar.Span));
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
