using VideoKit.Imaging;

namespace VideoKit.Tests.Imaging;

public sealed class ResampleAxisTests
{
    [Theory]
    [InlineData(ResamplingFilter.Bilinear, 0.0, 100.0, 100, 37)]
    [InlineData(ResamplingFilter.Bicubic, 0.0, 100.0, 100, 300)]
    [InlineData(ResamplingFilter.Area, 0.0, 100.0, 100, 7)]
    [InlineData(ResamplingFilter.Bicubic, -10.5, 30.25, 20, 64)]
    [InlineData(ResamplingFilter.Area, 95.3, 40.0, 100, 3)]
    [InlineData(ResamplingFilter.Bicubic, 0.0, 1.0, 1, 16)]
    public void Create_AnyMapping_WeightsSumToOneAndStayInside(ResamplingFilter filter, double start, double length, int sourceSize, int count)
    {
        using ResampleAxis axis = ResampleAxis.Create(filter, start, length, sourceSize, count);

        Assert.Equal(count, axis.Count);
        for (int i = 0; i < count; i++)
        {
            Assert.InRange(axis.Starts[i], 0, sourceSize - axis.Taps);
            float sum = 0;
            foreach (float w in axis.WeightsAt(i))
            {
                sum += w;
            }

            Assert.Equal(1f, sum, 1e-4f);
        }

        Assert.InRange(axis.SourceStart, 0, sourceSize - 1);
        Assert.InRange(axis.SourceEnd, axis.SourceStart + 1, sourceSize);
    }

    [Theory]
    [InlineData(2.0, ResamplingFilter.Area)]
    [InlineData(1.0, ResamplingFilter.Bicubic)]
    [InlineData(0.5, ResamplingFilter.Bicubic)]
    public void Resolve_Auto_PicksAreaOnlyForShrinking(double scale, ResamplingFilter expected)
    {
        Assert.Equal(expected, ResampleAxis.Resolve(ResamplingFilter.Auto, scale));
    }

    [Fact]
    public void Create_AreaHalving_AveragesPairs()
    {
        using ResampleAxis axis = ResampleAxis.Create(ResamplingFilter.Area, 0, 8, 8, 4);

        Assert.Equal(2, axis.Taps);
        Assert.Equal([0, 2, 4, 6], axis.Starts.ToArray());
        Assert.All(axis.Weights.ToArray(), w => Assert.Equal(0.5f, w, 1e-6f));
    }

    [Fact]
    public void Cubic_KeysKernel_HasInterpolatingValues()
    {
        Assert.Equal(1, ResampleAxis.Cubic(0), 12);
        Assert.Equal(0, ResampleAxis.Cubic(1), 12);
        Assert.Equal(0, ResampleAxis.Cubic(2), 12);
        Assert.Equal(0.5625, ResampleAxis.Cubic(0.5), 12);   // a = -0.5: (1.5·0.125) − (2.5·0.25) + 1
        Assert.Equal(-0.0625, ResampleAxis.Cubic(1.5), 12);
    }

    [Theory]
    [InlineData(ResamplingFilter.Bicubic, 360, 1080)]
    [InlineData(ResamplingFilter.Bilinear, 360, 720)]
    [InlineData(ResamplingFilter.Area, 1080, 720)]
    [InlineData(ResamplingFilter.Bicubic, 100, 100)]
    public void Create_SamplesOnPixelCentres_StartsNeverGoBack(ResamplingFilter filter, int sourceSize, int count)
    {
        // Upscaling by 3 puts every third sample exactly on a pixel centre, where trimming leaves a single tap.
        using ResampleAxis axis = ResampleAxis.Create(filter, 0, sourceSize, sourceSize, count);

        for (int i = 1; i < count; i++)
        {
            Assert.True(axis.Starts[i] >= axis.Starts[i - 1], $"Start {i} ({axis.Starts[i]}) is before start {i - 1} ({axis.Starts[i - 1]}).");
        }
    }
}
