using VideoKit.Media;

namespace VideoKit.Tests.Media;

public sealed class FrameTimesTests
{
    [Fact]
    public void Parse_UnevenSteps_IsVariableSortedAndEndsAfterTheLastPacket()
    {
        // Packets in decode order (B-frame reordering), one empty packet (an AVI drop), a container start of 1.4 s.
        const string csv = """
            pts_time=1.400000,dts_time=1.300000,duration_time=0.100000,size=900
            pts_time=1.900000,dts_time=1.400000,duration_time=0.500000,size=300
            pts_time=1.500000,dts_time=1.500000,duration_time=0.100000,size=200
            pts_time=1.700000,dts_time=1.600000,duration_time=0.100000,size=0
            pts_time=2.400000,dts_time=1.700000,duration_time=0.100000,size=250
            start_time=1.400000
            """;
        FrameTimes times = FrameTimes.Parse(csv, new FrameRate(10))!;

        Assert.True(times.IsVariable);
        Assert.Equal([0.0, 0.1, 0.5, 1.0], times.Seconds.Select(s => Math.Round(s, 6)));
        Assert.Equal(1.1, times.End, 6);
        Assert.Equal(2, times.FirstAtOrAfter(0.3));
        Assert.Equal(2, times.FirstAtOrAfter(0.5));
        Assert.Equal(0.3, times.SeekTimeFor(2), 6);
    }

    [Fact]
    public void Parse_MillisecondTimesOfA2997FpsClip_IsNotVariable()
    {
        string csv = string.Join('\n', Enumerable.Range(0, 90).Select(i =>
            FormattableString.Invariant($"pts_time={Math.Round(i * 1001 / 30000.0, 3):0.000000},dts_time=N/A,duration_time=0.033000,size=100")));
        FrameTimes times = FrameTimes.Parse(csv, new FrameRate(30000, 1001))!;

        Assert.False(times.IsVariable);
        Assert.Equal(90, times.Count);
    }

    [Fact]
    public void Parse_RepeatedOrMissingTimes_GiveNoTimes()
    {
        Assert.Null(FrameTimes.Parse("pts_time=0.1,dts_time=0.1,duration_time=0.1,size=5\npts_time=0.1,dts_time=0.1,duration_time=0.1,size=5", new FrameRate(10)));
        Assert.Null(FrameTimes.Parse("pts_time=N/A,dts_time=N/A,duration_time=N/A,size=5", new FrameRate(10)));
    }
}
