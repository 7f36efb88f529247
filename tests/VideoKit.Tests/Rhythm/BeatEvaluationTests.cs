using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatEvaluationTests
{
    private static double[] Beats(double period, double first, double end)
    {
        var list = new List<double>();
        for (double t = first; t < end; t += period)
        {
            list.Add(t);
        }

        return [.. list];
    }

    [Fact]
    public void Evaluate_Perfect_AllOne()
    {
        double[] reference = Beats(0.5, 0.1, 30);

        BeatEvaluation.Scores s = BeatEvaluation.Evaluate(reference, reference);

        Assert.Equal(1, s.FMeasure, 9);
        Assert.Equal(1, s.Cmlt, 9);
        Assert.Equal(1, s.Amlt, 9);
    }

    [Fact]
    public void Evaluate_OffBeat_FZeroAmltOne()
    {
        double[] reference = Beats(0.5, 0.1, 30);

        BeatEvaluation.Scores s = BeatEvaluation.Evaluate(reference, Beats(0.5, 0.35, 30));

        Assert.Equal(0, s.FMeasure, 9);
        Assert.Equal(0, s.Cmlt, 9);
        Assert.True(s.Amlt > 0.95);
    }

    [Fact]
    public void Evaluate_DoubleTempo_CmltZeroAmltHigh()
    {
        double[] reference = Beats(0.5, 0.1, 30);

        BeatEvaluation.Scores s = BeatEvaluation.Evaluate(reference, Beats(0.25, 0.1, 30));

        Assert.Equal(2.0 / 3, s.FMeasure, 2);
        Assert.Equal(0, s.Cmlt, 9);
        Assert.True(s.Amlt > 0.95);
    }

    [Fact]
    public void Evaluate_SixtyMsLate_StillHits()
    {
        double[] reference = Beats(0.5, 0.1, 30);

        Assert.Equal(1, BeatEvaluation.FMeasure(reference, [.. reference.Select(t => t + 0.06)]), 9);
        Assert.Equal(0, BeatEvaluation.FMeasure(reference, [.. reference.Select(t => t + 0.08)]), 9);
    }

    [Fact]
    public void TempoAccuracy_Octaves_OnlyAcc2()
    {
        Assert.True(BeatEvaluation.Acc1(123, 120));
        Assert.False(BeatEvaluation.Acc1(126, 120));
        Assert.False(BeatEvaluation.Acc1(240, 120));
        Assert.True(BeatEvaluation.Acc2(240, 120));
        Assert.True(BeatEvaluation.Acc2(40, 120));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1024)]
    [InlineData(2048)]
    public void RealFft_RandomFrame_MatchesDirectDft(int size)
    {
        var random = new Random(1337);
        float[] frame = [.. Enumerable.Range(0, size).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        float[] fast = new float[(size / 2) + 1], direct = new float[(size / 2) + 1];

        new RealFft(size).Magnitudes(frame, fast);
        RealFft.NaiveMagnitudes(frame, direct);

        for (int k = 0; k < fast.Length; k++)
        {
            Assert.Equal(direct[k], fast[k], 0.01 * Math.Max(1, direct[k]));
        }
    }
}
