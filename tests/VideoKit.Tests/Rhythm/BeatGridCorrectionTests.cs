using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatGridCorrectionTests
{
    private static BeatGrid Grid() => BeatGrid.FromTempo(120, TimeSpan.FromSeconds(1), 4, TimeSpan.FromSeconds(9));

    [Fact]
    public void ShiftDownbeat_ByOne_SecondBeatBecomesOne()
    {
        BeatGrid shifted = Grid().ShiftDownbeat(1);

        Assert.Equal([4, 1, 2, 3, 4, 1], shifted.Beats.Take(6).Select(b => b.BeatInBar));
        Assert.Equal(TimeSpan.FromSeconds(1.5), shifted.Downbeats[0].Time);
        Assert.Equal(-1, shifted.Beats[0].Bar);
    }

    [Fact]
    public void WithDownbeatAt_ThirdBeat_BarsStartThere()
    {
        BeatGrid grid = Grid().WithDownbeatAt(2);

        Assert.Equal(TimeSpan.FromSeconds(2), grid.Downbeats[0].Time);
        Assert.Equal(TimeSpan.FromSeconds(4), grid.Downbeats[1].Time);
    }

    [Fact]
    public void DoubleTempo_AddsMidpointsKeepsDownbeats()
    {
        BeatGrid grid = Grid();

        BeatGrid doubled = grid.DoubleTempo();

        Assert.Equal(240, doubled.Tempo, 6);
        Assert.Equal(TimeSpan.FromSeconds(1.25), doubled.Beats[1].Time);
        Assert.Equal(grid.Beats.Count * 2, doubled.Beats.Count);
        Assert.Contains(doubled.Downbeats, d => d.Time == grid.Downbeats[1].Time);
    }

    [Fact]
    public void HalveTempo_KeepsEveryOtherBeatInPhaseWithDownbeats()
    {
        BeatGrid halved = Grid().HalveTempo();

        Assert.Equal(60, halved.Tempo, 6);
        Assert.Equal(TimeSpan.FromSeconds(1), halved.Beats[0].Time);
        Assert.Equal(TimeSpan.FromSeconds(2), halved.Beats[1].Time);
        Assert.Equal(TimeSpan.FromSeconds(1), halved.Downbeats[0].Time);
    }

    [Fact]
    public void HalveTempo_OffBeats_KeepsTheOtherHalf()
    {
        BeatGrid halved = Grid().HalveTempo(keepDownbeats: false);

        Assert.Equal(TimeSpan.FromSeconds(1.5), halved.Beats[0].Time);
    }

    [Fact]
    public void Nudge_Earlier_ShiftsAndDropsNegativeBeats()
    {
        BeatGrid grid = Grid();

        BeatGrid nudged = grid.Nudge(TimeSpan.FromSeconds(-1.2));

        Assert.Equal(grid.Beats.Count - 1, nudged.Beats.Count);
        Assert.Equal(0.3, nudged.Beats[0].Time.TotalSeconds, 6);
        Assert.Equal(grid.Beats[1].BeatInBar, nudged.Beats[0].BeatInBar);
        Assert.Equal(0, nudged.Beats[0].Index);
    }

    [Fact]
    public void Corrections_KeepConfidenceWarningsAndDuration()
    {
        var beats = Grid().Beats;
        var grid = new BeatGrid(beats, 4, TimeSpan.FromSeconds(9), 0.4, null, ["check me"]);

        BeatGrid corrected = grid.DoubleTempo().ShiftDownbeat(2).Nudge(TimeSpan.FromMilliseconds(10));

        Assert.Equal(0.4, corrected.Confidence);
        Assert.Equal(["check me"], corrected.Warnings);
        Assert.Equal(TimeSpan.FromSeconds(9), corrected.Duration);
    }
}
