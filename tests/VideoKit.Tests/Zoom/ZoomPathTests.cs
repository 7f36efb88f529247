using VideoKit.Rhythm;
using VideoKit.Zoom;

namespace VideoKit.Tests.Zoom;

public sealed class ZoomPathTests
{
    private static readonly BeatGrid s_grid = BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(30.2));

    [Fact]
    public void FromBeats_OneLevelPerBar_LevelBoundariesOnDownbeatsEndingWithTheSong()
    {
        ZoomPath path = ZoomPath.FromBeats(s_grid, 6, new ZoomPathOptions { LevelsPerBar = 1 });

        IReadOnlyList<TimeSpan> times = path.LevelTimes;
        var downbeats = s_grid.Downbeats.Select(b => b.Time).ToHashSet();
        Assert.Equal(6, times.Count);
        Assert.All(times, t => Assert.Contains(downbeats, d => Math.Abs((d - t).TotalMilliseconds) < 1));
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(2.0, (p.Second - p.First).TotalSeconds, 3));
        Assert.Equal(s_grid.Downbeats[^1].Time, path.End);
        Assert.Equal(0, path.ZoomAt(TimeSpan.Zero));
        Assert.Equal(5, path.ZoomAt(s_grid.Duration));
    }

    [Fact]
    public void FromBeats_Fitted_SpreadsLevelsOverTheSongOnDownbeats()
    {
        ZoomPath path = ZoomPath.FromBeats(s_grid, 4, new ZoomPathOptions { HoldStart = TimeSpan.FromSeconds(1), HoldEnd = TimeSpan.FromSeconds(2) });

        Assert.Equal(TimeSpan.FromSeconds(2.5), path.Start);
        Assert.Equal(TimeSpan.FromSeconds(26.5), path.End);
        var downbeats = s_grid.Downbeats.Select(b => b.Time).ToList();
        Assert.All(path.LevelTimes, t => Assert.Contains(downbeats, d => Math.Abs((d - t).TotalMilliseconds) < 1));
    }

    [Fact]
    public void ZoomAt_BeatDriven_IsMonotoneAndPushesAfterEachBeat()
    {
        ZoomPath path = ZoomPath.FromBeats(s_grid, 8, new ZoomPathOptions { LevelsPerBar = 1, BeatPush = 0.8, Ease = false });

        double previous = -1;
        for (double t = 0; t <= 30.2; t += 0.01)
        {
            double z = path.ZoomAt(TimeSpan.FromSeconds(t));
            Assert.True(z >= previous - 1e-12, $"z went back at {t} s");
            previous = z;
        }

        // Within a beat (0.5 s), the first quarter moves further than the last quarter.
        double beat = path.Start.TotalSeconds + 2;
        double early = path.ZoomAt(TimeSpan.FromSeconds(beat + 0.125)) - path.ZoomAt(TimeSpan.FromSeconds(beat));
        double late = path.ZoomAt(TimeSpan.FromSeconds(beat + 0.5)) - path.ZoomAt(TimeSpan.FromSeconds(beat + 0.375));
        Assert.True(early > 2 * late, $"early {early}, late {late}");
    }

    [Fact]
    public void ZoomAt_PushFollowsOnsetStrength()
    {
        // Strong onsets on odd beats, weak on even beats.
        var beats = Enumerable.Range(0, 40).Select(i => TimeSpan.FromSeconds(0.5 + (i * 0.5))).ToList();
        float[] env = new float[2200];
        for (int i = 0; i < beats.Count; i++)
        {
            env[(int)(beats[i].TotalSeconds * 100)] = i % 2 == 1 ? 1f : 0.1f;
        }

        var grid = new BeatGrid(beats.Select((t, i) => new Beat(i, t, i / 4, (i % 4) + 1)), 4, TimeSpan.FromSeconds(20.6), onsets: new OnsetEnvelope(env, 100));
        ZoomPath path = ZoomPath.FromBeats(grid, 5, new ZoomPathOptions { LevelsPerBar = 1, BeatPush = 1, Ease = false });

        double Early(double b) => path.ZoomAt(TimeSpan.FromSeconds(b + 0.1)) - path.ZoomAt(TimeSpan.FromSeconds(b));
        double start = path.Start.TotalSeconds;
        Assert.True(Early(start + 2.5) > 1.3 * Early(start + 3.0), $"strong beat {Early(start + 2.5)}, weak beat {Early(start + 3.0)}");
    }

    [Fact]
    public void Steady_Middle_MovesAtConstantRateInLogSpace()
    {
        ZoomPath path = ZoomPath.Steady(4, TimeSpan.FromSeconds(10), ZoomDirection.Out, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        double rate1 = path.ZoomAt(TimeSpan.FromSeconds(4.1)) - path.ZoomAt(TimeSpan.FromSeconds(4.0));
        double rate2 = path.ZoomAt(TimeSpan.FromSeconds(5.6)) - path.ZoomAt(TimeSpan.FromSeconds(5.5));
        Assert.Equal(rate1, rate2, 9);
        Assert.Equal(0, path.ZoomAt(TimeSpan.FromSeconds(0.5)));
        Assert.Equal(4, path.ZoomAt(TimeSpan.FromSeconds(9.5)));
        Assert.True(path.ZoomAt(TimeSpan.FromSeconds(1.1)) < rate1, "eases in");
    }

    [Fact]
    public void Steady_DirectionIn_RunsFromOutermostToInnermost()
    {
        ZoomPath path = ZoomPath.Steady(3, TimeSpan.FromSeconds(6), ZoomDirection.In);

        Assert.Equal(3, path.ZoomAt(TimeSpan.Zero));
        Assert.Equal(0, path.ZoomAt(TimeSpan.FromSeconds(6)));
        Assert.Equal(1.5, path.ZoomAt(TimeSpan.FromSeconds(3)), 9);
    }

    [Fact]
    public void FromBeats_TooShortSong_ThrowsWithReason()
    {
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, TimeSpan.FromSeconds(1.5));

        ArgumentException ex = Assert.Throws<ArgumentException>(() => ZoomPath.FromBeats(grid, 3));

        Assert.Contains("fewer than two downbeats", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.25)]
    public void FromBeats_RateThatDoesNotFit_SpreadsLevelsAndWarns(double levelsPerBar)
    {
        // 12 s at 120 BPM: downbeats at 0, 2, … 10 s, so 5 bars; 4 steps at 0.5 levels per bar would need 8 bars.
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, TimeSpan.FromSeconds(12));

        ZoomPath path = ZoomPath.FromBeats(grid, 5, new ZoomPathOptions { LevelsPerBar = levelsPerBar });

        string warning = Assert.Single(path.Warnings);
        Assert.StartsWith($"{levelsPerBar.ToString(System.Globalization.CultureInfo.InvariantCulture)} levels per bar does not fit: 4 zoom steps would need {4 * 4 / levelsPerBar} beats, but the song has 20 beats (5 bars)", warning, StringComparison.Ordinal);
        Assert.EndsWith("so the levels were spread over the 5 bars instead (about 0.8 levels per bar).", warning, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, path.Start);
        Assert.Equal(TimeSpan.FromSeconds(10), path.End);
    }

    [Fact]
    public void FromBeats_RateThatFits_HasNoWarnings()
    {
        ZoomPath path = ZoomPath.FromBeats(s_grid, 4, new ZoomPathOptions { LevelsPerBar = 0.5 });

        Assert.Empty(path.Warnings);
        Assert.Equal(4.0, (path.LevelTimes[1] - path.LevelTimes[0]).TotalSeconds, 3);
    }

    [Fact]
    public void BeatPathOrSteady_GridWithoutBeats_ZoomsSteadilyAndWarns()
    {
        var silent = new BeatGrid([], 4, TimeSpan.FromSeconds(8), 0, null, ["The audio is silent (level below -80 dBFS): no beats were placed."]);
        var warnings = new List<string>();

        ZoomPath path = ZoomVideo.BeatPathOrSteady(silent, 3, "song.wav", ZoomPathOptions.Default, warnings);

        Assert.Equal("No beat found in 'song.wav'; zooming at a steady speed. The analysis says: The audio is silent (level below -80 dBFS): no beats were placed.", Assert.Single(warnings));
        Assert.Equal(TimeSpan.FromSeconds(8), path.Duration);
        Assert.Equal(TimeSpan.Zero, path.Start);
        Assert.Equal(TimeSpan.FromSeconds(8), path.End);
        Assert.Equal(1, path.ZoomAt(TimeSpan.FromSeconds(4)), 9);
    }

    [Fact]
    public void BeatPathOrSteady_BeatsWithoutABar_ZoomsSteadilyAndWarns()
    {
        BeatGrid grid = BeatGrid.FromTempo(40, TimeSpan.Zero, 4, TimeSpan.FromSeconds(5));
        var warnings = new List<string>();

        ZoomPath path = ZoomVideo.BeatPathOrSteady(grid, 3, "slow.wav", ZoomPathOptions.Default, warnings);

        Assert.StartsWith("The beats of 'slow.wav' cannot carry the zoom (The beat grid has fewer than two downbeats", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.EndsWith("; zooming at a steady speed.", warnings[0], StringComparison.Ordinal);
        Assert.Equal(2, path.ZoomAt(TimeSpan.FromSeconds(5)), 9);
    }
}
