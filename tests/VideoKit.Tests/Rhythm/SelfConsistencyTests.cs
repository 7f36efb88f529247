using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class SelfConsistencyTests
{
    private const double Fps = 100;

    /// <summary>An activation of 30 s with a unit pulse every <paramref name="period"/> frames (from frame 20), and
    /// after the middle a pulse every <paramref name="periodAfterMiddle"/> frames.</summary>
    private static float[] Pulses(double period, double periodAfterMiddle)
    {
        var activation = new float[3000];
        for (double t = 20; t < activation.Length; t += t < 1500 ? period : periodAfterMiddle)
        {
            activation[(int)Math.Round(t)] = 1;
        }

        return activation;
    }

    /// <summary>A steady grid: a beat every <paramref name="period"/> frames from frame 20.</summary>
    private static int[] Grid(double period) => [.. Enumerable.Range(0, (int)(2980 / period)).Select(k => (int)Math.Round(20 + (k * period)))];

    [Fact]
    public void Measure_SteadyPulseAndItsGrid_BothHalvesReproduceIt()
    {
        double agreement = SelfConsistency.Measure(Pulses(50, 50), Grid(50), new BeatTracker(), Fps);

        Assert.InRange(agreement, 0.9, 1.0);
    }

    [Fact]
    public void Measure_SecondHalfAtAnotherTempo_TheSteadyGridIsNotReproduced()
    {
        // The second half speeds up by 9 % (within the ±20 % the halves may move): tracked on its own it follows the new
        // pulse, whose beats drift against the steady grid's, so that half agrees little.
        float[] activation = Pulses(50, 46);

        double steadyGrid = SelfConsistency.Measure(activation, Grid(50), new BeatTracker(), Fps);
        double reproduced = SelfConsistency.Measure(Pulses(50, 50), Grid(50), new BeatTracker(), Fps);

        Assert.InRange(steadyGrid, 0.0, 0.75);
        Assert.True(steadyGrid < reproduced - 0.2, $"{steadyGrid} vs {reproduced}");
    }

    [Fact]
    public void Measure_GridOfFewerThanThreeBeats_IsZero()
    {
        Assert.Equal(0, SelfConsistency.Measure(Pulses(50, 50), [20, 70], new BeatTracker(), Fps));
    }
}
