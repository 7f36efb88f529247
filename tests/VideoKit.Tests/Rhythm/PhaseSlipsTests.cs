using VideoKit.Benchmarks.Rhythm;

namespace VideoKit.Tests.Rhythm;

/// <summary>The benchmark's phase-slip counter tells a slip from a right grid, an off-beat grid and a level error.</summary>
public sealed class PhaseSlipsTests
{
    private static readonly double[] Reference = [.. Enumerable.Range(0, 60).Select(k => k * 0.5)];

    [Fact]
    public void RightGridDoesNotSlip()
    {
        PhaseSlips.Result r = PhaseSlips.Measure(Reference, Reference);

        Assert.Equal(1.0, r.In, 6);
        Assert.Equal(0.0, r.Out, 6);
        Assert.False(r.IsSlip);
    }

    [Fact]
    public void HalfBeatJumpHalfwayIsOneSlip()
    {
        double[] estimated = [.. Reference.Select(t => t < 17 ? t : t + 0.25)];

        PhaseSlips.Result r = PhaseSlips.Measure(Reference, estimated);

        Assert.True(r.IsSlip, $"in {r.In:0.00} out {r.Out:0.00}");
        Assert.Equal(1, r.Slips);
        Assert.InRange(r.FirstSlip, 16.9, 18.1);
    }

    [Fact]
    public void OffBeatThroughoutIsNotASlip()
    {
        PhaseSlips.Result r = PhaseSlips.Measure(Reference, [.. Reference.Select(t => t + 0.25)]);

        Assert.Equal(0.0, r.In, 6);
        Assert.False(r.IsSlip);
    }

    [Fact]
    public void DoubleTempoIsNotASlip()
    {
        double[] twice = [.. Enumerable.Range(0, 120).Select(k => k * 0.25)];

        PhaseSlips.Result r = PhaseSlips.Measure(Reference, twice);

        Assert.Equal(0.0, r.In + r.Out, 6);
        Assert.False(r.IsSlip);
    }
}
