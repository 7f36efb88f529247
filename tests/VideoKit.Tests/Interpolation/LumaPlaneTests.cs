using VideoKit.Imaging;
using VideoKit.Interpolation;

namespace VideoKit.Tests.Interpolation;

public sealed class LumaPlaneTests : PooledFrameTest
{
    [Theory]
    [InlineData(PixelFormat.Rgba32, 70, 38)]
    [InlineData(PixelFormat.Bgra32, 70, 38)]
    [InlineData(PixelFormat.Rgba32, 16, 4)]
    public void FromFrame_HalfSize_SimdMatchesTheScalarReference(PixelFormat format, int width, int height)
    {
        // Random bytes reach every extreme of the 2×2 sums (0 and 4·255 per channel); odd output widths test the tail.
        using var frame = new Frame(width, height, format);
        new Random(7).NextBytes(frame.Span);
        frame.Span[..8].Fill(255);
        frame.Span.Slice(frame.Width * 4, 8).Fill(255);

        using LumaPlane simd = LumaPlane.FromFrame(frame, 2, vectorized: true);
        using LumaPlane scalar = LumaPlane.FromFrame(frame, 2, vectorized: false);

        Assert.Equal(255, scalar.Data[scalar.IndexOf(0, 0)]);
        for (int y = 0; y < scalar.Height; y++)
        {
            Assert.Equal(scalar.Data.AsSpan(scalar.IndexOf(-LumaPlane.Pad, y), scalar.Stride).ToArray(), simd.Data.AsSpan(simd.IndexOf(-LumaPlane.Pad, y), simd.Stride).ToArray());
        }

        // And the reference itself: BT.601 integer weights of the 2×2 mean.
        int cr = format == PixelFormat.Bgra32 ? 2 : 0, cb = 2 - cr;
        ReadOnlySpan<byte> r0 = frame.GetRow(2), r1 = frame.GetRow(3);
        int i = 5 * 8;
        int sr = r0[i + cr] + r0[i + 4 + cr] + r1[i + cr] + r1[i + 4 + cr];
        int sg = r0[i + 1] + r0[i + 5] + r1[i + 1] + r1[i + 5];
        int sb = r0[i + cb] + r0[i + 4 + cb] + r1[i + cb] + r1[i + 4 + cb];
        Assert.Equal((77 * sr / 1024.0) + (150 * sg / 1024.0) + (29 * sb / 1024.0), simd.Data[simd.IndexOf(5, 1)], 0.51);
    }

    [Theory]
    [InlineData(70, 38)]
    [InlineData(37, 9)]
    public void Downsample_SimdMatchesTheScalarReference(int width, int height)
    {
        using var plane = new LumaPlane(width, height);
        new Random(11).NextBytes(plane.Data);
        plane.Data.AsSpan(plane.IndexOf(0, 0), 2).Fill(255);
        plane.Data.AsSpan(plane.IndexOf(0, 1), 2).Fill(255);
        plane.ExtendBorders();

        using LumaPlane simd = plane.Downsample(vectorized: true);
        using LumaPlane scalar = plane.Downsample(vectorized: false);

        Assert.Equal(255, scalar.Data[scalar.IndexOf(0, 0)]);
        Assert.Equal((plane.Data[plane.IndexOf(4, 2)] + plane.Data[plane.IndexOf(5, 2)] + plane.Data[plane.IndexOf(4, 3)] + plane.Data[plane.IndexOf(5, 3)]) / 4.0, scalar.Data[scalar.IndexOf(2, 1)], 0.51);
        for (int y = 0; y < scalar.Height; y++)
        {
            Assert.Equal(scalar.Data.AsSpan(scalar.IndexOf(-LumaPlane.Pad, y), scalar.Stride).ToArray(), simd.Data.AsSpan(simd.IndexOf(-LumaPlane.Pad, y), simd.Stride).ToArray());
        }
    }
}
