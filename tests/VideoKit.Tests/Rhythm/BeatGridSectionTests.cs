using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatGridSectionTests
{
    // 120 BPM in 4/4, first beat (a downbeat) at 1 s: beats every 0.5 s, downbeats at 1, 3, 5, 7 s.
    private static BeatGrid Grid() => BeatGrid.FromTempo(120, TimeSpan.FromSeconds(1), 4, TimeSpan.FromSeconds(9));

    [Fact]
    public void Slice_FromADownbeat_RebasesTimesAndBars()
    {
        BeatGrid section = Grid().Slice(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(4), section.Duration);
        Assert.Equal(8, section.Beats.Count);
        Assert.Equal(TimeSpan.Zero, section.Beats[0].Time);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], section.Beats.Select(b => b.Index));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2)], section.Downbeats.Select(b => b.Time));
        Assert.Equal([0, 1], section.Downbeats.Select(b => b.Bar));
        Assert.Equal(120, section.Tempo, 6);
    }

    [Fact]
    public void Slice_StartingMidBar_EarlyBeatsAreInBarMinusOne()
    {
        BeatGrid section = Grid().Slice(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));

        Assert.Equal([3, 4, 1, 2, 3, 4], section.Beats.Select(b => b.BeatInBar));
        Assert.Equal([-1, -1, 0, 0, 0, 0], section.Beats.Select(b => b.Bar));
        Assert.Equal(TimeSpan.FromSeconds(1), section.Downbeats[0].Time);
    }

    [Fact]
    public void Slice_OnsetEnvelope_IsCutToTheSameWindow()
    {
        float[] values = new float[900];
        values[350] = 1;   // an onset at 3.5 s (100 frames per second)
        var grid = new BeatGrid(Grid().Beats, 4, TimeSpan.FromSeconds(9), onsets: new OnsetEnvelope(values, 100));

        BeatGrid section = grid.Slice(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2));

        Assert.Equal(1, section.OnsetStrengthAt(TimeSpan.FromSeconds(0.5)), 3);
        Assert.Equal(0, section.OnsetStrengthAt(TimeSpan.FromSeconds(1.5)), 3);
        Assert.Equal(TimeSpan.FromSeconds(2), section.Onsets!.Duration);
    }

    [Fact]
    public void Slice_BeforeTheSong_PadsTheEnvelopeWithSilence()
    {
        float[] values = new float[900];
        values[10] = 1;   // an onset at 0.1 s
        var grid = new BeatGrid(Grid().Beats, 4, TimeSpan.FromSeconds(9), onsets: new OnsetEnvelope(values, 100));

        BeatGrid section = grid.Slice(TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2.5));

        Assert.Equal(1, section.OnsetStrengthAt(TimeSpan.FromSeconds(1.1)), 3);
        Assert.Equal(TimeSpan.FromSeconds(2), section.Beats[0].Time);   // the song's first beat, at 1 s
        Assert.True(section.Beats[0].IsDownbeat);
    }

    [Fact]
    public void Slice_ZeroDuration_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Grid().Slice(TimeSpan.Zero, TimeSpan.Zero));
    }
}
