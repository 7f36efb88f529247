using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatGridTests
{
    [Fact]
    public void FromTempo_120Bpm_PlacesBeatsEveryHalfSecondWithBars()
    {
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.25), 4, TimeSpan.FromSeconds(10));

        Assert.Equal(20, grid.Beats.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.75), grid.Beats[1].Time);
        Assert.Equal(5, grid.Downbeats.Count);
        Assert.Equal(120, grid.Tempo, 6);
        Assert.Equal(2, grid.Beats[5].BeatInBar);
        Assert.Equal(1, grid.Beats[5].Bar);
    }

    [Fact]
    public void FromBeatTimes_Pickup_NumbersBeatsBeforeFirstDownbeat()
    {
        BeatGrid grid = BeatGrid.FromBeatTimes(Enumerable.Range(0, 12).Select(i => TimeSpan.FromSeconds(i * 0.5)), 4, firstDownbeat: 6);

        Assert.Equal([3, 4, 1, 2, 3, 4, 1], grid.Beats.Take(7).Select(b => b.BeatInBar));
        Assert.Equal(-2, grid.Beats[0].Bar);
        Assert.Equal(0, grid.Beats[6].Bar);
    }

    [Fact]
    public void Queries_AtAndBetweenBeats_AnswerConsistently()
    {
        BeatGrid grid = BeatGrid.FromTempo(60, TimeSpan.FromSeconds(1), 4, TimeSpan.FromSeconds(20));

        Assert.Equal(-1, grid.BeatIndexAt(TimeSpan.FromSeconds(0.5)));
        Assert.Equal(2, grid.BeatIndexAt(TimeSpan.FromSeconds(3.5)));
        Assert.Equal(TimeSpan.FromSeconds(5), grid.NextDownbeat(TimeSpan.FromSeconds(1.1))!.Value.Time);
        Assert.Equal(3, grid.BeatsIn(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)).Count);
        Assert.Equal(TimeSpan.FromSeconds(25), grid.TimeOfBeat(24));
    }

    [Fact]
    public void Constructor_DecreasingTimes_NamesTheBeat()
    {
        var ex = Assert.Throws<ArgumentException>(() => BeatGrid.FromBeatTimes([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5)]));

        Assert.StartsWith("Beat 1 at 0.5 s is not after beat 0 at 1 s", ex.Message, StringComparison.Ordinal);
    }
}
