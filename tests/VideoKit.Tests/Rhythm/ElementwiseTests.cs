using System.Numerics.Tensors;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class ElementwiseTests
{
    private static float[] Random(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1) * 1000)];
    }

    /// <summary>Lengths around the vector width (tails of 0–3 elements) and longer spans.</summary>
    public static TheoryData<int> Lengths => [0, 1, 3, 4, 5, 7, 8, 9, 31, 1024, 1027];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryOperation_BitIdenticalToTensorPrimitives(int n)
    {
        float[] x = Random(n, 1), y = Random(n, 2);
        float[] expected = new float[n], actual = new float[n];

        TensorPrimitives.Multiply(x, y, expected);
        Elementwise.Multiply(x, y, actual);
        Assert.Equal(expected, actual);

        TensorPrimitives.Add(x, 1f, expected);
        Elementwise.Add(x, 1f, actual);
        Assert.Equal(expected, actual);

        TensorPrimitives.Subtract(x, 0.3f, expected);
        Elementwise.Add(x, -0.3f, actual);
        Assert.Equal(expected, actual);

        TensorPrimitives.Divide(x, 7.1f, expected);
        Elementwise.Divide(x, 7.1f, actual);
        Assert.Equal(expected, actual);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(x[i] / 7.1f), BitConverter.SingleToInt32Bits(actual[i]));
        }
    }

    [Fact]
    public void InPlace_UpdatesEveryElement()
    {
        float[] x = Random(37, 3);
        float[] expected = [.. x.Select(v => (v + 1f) / 3f)];

        Elementwise.Add(x, 1f, x);
        Elementwise.Divide(x, 3f, x);

        Assert.Equal(expected, x);
    }

    [Fact]
    public void ShortDestination_Throws()
    {
        Assert.Throws<ArgumentException>(() => Elementwise.Add(new float[8], 1f, new float[7]));
        Assert.Throws<ArgumentException>(() => Elementwise.Multiply(new float[8], new float[7], new float[8]));
    }
}
