using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class MetricalLevelTests
{
    private const double Fps = 100;

    /// <summary>The normalised onset activation of a synthesized drum track (flux minus its local mean, over its 99th
    /// percentile, clipped to 1, as the analysis computes it) and its beat frames.</summary>
    private static (float[] Activation, int[] Beats) DrumActivation(double bpm, double swing)
    {
        (float[] samples, double[] beats, _) = SyntheticMusic.DrumTrack(bpm, 4, 30, swing: swing);
        Spectrogram spectrogram = Spectrogram.Compute(samples, SyntheticMusic.SampleRate, Fps, 1f, TestContext.Current.CancellationToken);
        OnsetFeatures onsets = OnsetFeatures.Compute(spectrogram, 3);
        float[] envelope = Signal.SubtractLocalMean(onsets.Flux, 20);
        float top = Signal.Quantile(envelope, 0.99);
        float[] activation = [.. envelope.Select(v => Math.Clamp(v / top, 0, 1))];
        return (activation, [.. beats.Select(t => (int)Math.Round(t * Fps))]);
    }

    private static int[] Halved(int[] beats) => [.. beats.Where((_, k) => k % 2 == 0)];

    private static int[] Doubled(int[] beats) => [.. beats.SelectMany((b, k) => k + 1 < beats.Length ? [b, (b + beats[k + 1]) / 2] : new[] { b })];

    [Fact]
    public void SwungSubdivision_SwungEighths_ReadAtTheTactusOnly()
    {
        (float[] activation, int[] beats) = DrumActivation(150, 2.0 / 3);

        double tactus = MetricalLevel.SwungSubdivision(activation, beats);
        double halved = MetricalLevel.SwungSubdivision(activation, Halved(beats));
        double doubled = MetricalLevel.SwungSubdivision(activation, Doubled(beats));

        Assert.True(tactus >= 0.2, $"tactus {tactus}");
        Assert.True(halved < 0.02, $"halved {halved}");
        Assert.True(doubled < 0.02, $"doubled {doubled}");
    }

    [Fact]
    public void SwungSubdivision_StraightEighths_ZeroAtEveryLevel()
    {
        (float[] activation, int[] beats) = DrumActivation(150, 0.5);

        Assert.InRange(MetricalLevel.SwungSubdivision(activation, beats), 0, 0.02);
        Assert.InRange(MetricalLevel.SwungSubdivision(activation, Halved(beats)), 0, 0.02);
        Assert.InRange(MetricalLevel.SwungSubdivision(activation, Doubled(beats)), 0, 0.02);
    }

    [Fact]
    public void SwungSubdivision_FewerThanEightBeats_IsZero()
    {
        (float[] activation, int[] beats) = DrumActivation(150, 2.0 / 3);

        Assert.Equal(0, MetricalLevel.SwungSubdivision(activation, beats.AsSpan(0, 6)));
    }
}
