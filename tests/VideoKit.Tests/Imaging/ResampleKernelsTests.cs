using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

/// <summary>Each SIMD row kernel equals its scalar reference for seeded random data at awkward lengths.</summary>
public sealed class ResampleKernelsTests
{
    public static TheoryData<int> Lengths => [0, 1, 15, 16, 17, 7680];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BytesToFloats_RandomPixels_MatchesScalar(int pixels)
    {
        byte[] source = RandomBytes(pixels * 4);
        foreach (bool premultiply in (bool[])[false, true])
        {
            float[] vector = new float[source.Length], scalar = new float[source.Length];

            ResampleKernels.BytesToFloats(source, vector, premultiply);
            ResampleKernels.BytesToFloatsScalar(source, scalar, premultiply);

            AssertClose(scalar, vector, 1e-4f);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void HorizontalRow_RandomWeights_MatchesScalar(int count)
    {
        var random = new Random(1337);
        const int taps = 5;
        int sourcePixels = count + taps;
        float[] source = RandomFloats(random, sourcePixels * 4);
        int[] starts = new int[count];
        float[] weights = new float[count * taps];
        for (int i = 0; i < count; i++)
        {
            starts[i] = random.Next(0, sourcePixels - taps + 1);
            for (int k = 0; k < taps; k++)
            {
                weights[(i * taps) + k] = (float)(random.NextDouble() - 0.2);
            }
        }

        float[] vector = new float[count * 4], scalar = new float[count * 4];

        ResampleKernels.HorizontalRow(source, starts, weights, taps, vector);
        ResampleKernels.HorizontalRowScalar(source, starts, weights, taps, scalar);

        AssertClose(scalar, vector, 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void VerticalRow_RandomWeights_MatchesScalar(int pixels)
    {
        var random = new Random(1337);
        const int rows = 6;
        int stride = (pixels * 4) + 8;
        float[] source = RandomFloats(random, rows * stride);
        float[] weights = [0.1f, 0.6f, 0.4f, -0.1f];
        float[] vector = new float[pixels * 4], scalar = new float[pixels * 4];

        int[] offsets = [3 * stride, 0, 5 * stride, 2 * stride]; // ring-buffer order, not top to bottom

        ResampleKernels.VerticalRow(source, offsets, weights, vector);
        ResampleKernels.VerticalRowScalar(source, offsets, weights, scalar);

        AssertClose(scalar, vector, 1e-3f);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void FloatsToBytes_OutOfRangeValues_MatchesScalarWithinOne(int pixels)
    {
        var random = new Random(1337);
        float[] source = new float[pixels * 4];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = (float)((random.NextDouble() * 300) - 20); // includes overshoot below 0 and above 255
        }

        foreach (bool unpremultiply in (bool[])[false, true])
        {
            byte[] vector = new byte[source.Length], scalar = new byte[source.Length];

            ResampleKernels.FloatsToBytes(source, vector, unpremultiply);
            ResampleKernels.FloatsToBytesScalar(source, scalar, unpremultiply);

            AssertWithinOne(scalar, vector);
        }
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(1, 0)]
    [InlineData(16, 15)]
    [InlineData(17, 16)]
    [InlineData(7680, 7679)]
    [InlineData(7680, -1)]
    public void HasTransparency_OneTranslucentPixel_FindsIt(int pixels, int translucent)
    {
        byte[] row = new byte[pixels * 4];
        Array.Fill(row, (byte)255);
        if (translucent >= 0)
        {
            row[(translucent * 4) + 3] = 254;
        }

        Assert.Equal(translucent >= 0, ResampleKernels.HasTransparency(row));
    }

    [Fact]
    public void FloatsToBytes_HalfValues_RoundHalfUp()
    {
        float[] source = [0.49f, 0.5f, 127.5f, 254.5f, -3f, 300f, 1.5f, 255f];
        byte[] result = new byte[source.Length];

        ResampleKernels.FloatsToBytes(source, result, unpremultiply: false);

        Assert.Equal([0, 1, 128, 255, 0, 255, 2, 255], result);
    }

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(1337).NextBytes(bytes);
        return bytes;
    }

    private static float[] RandomFloats(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 255);
        }

        return values;
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"Element {i}: scalar {expected[i]}, vector {actual[i]}.");
        }
    }

    internal static void AssertWithinOne(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1, $"Byte {i} (pixel {i / 4}, channel {i % 4}): scalar {expected[i]}, vector {actual[i]}.");
        }
    }
}
