using VideoKit.Editing;
using VideoKit.Rhythm;

namespace VideoKit.Tests.Editing;

public sealed class BeatEditorTests
{
    private static BeatGrid Steady(double bpm = 120, double seconds = 20, double firstBeat = 0.25) =>
        BeatGrid.FromTempo(bpm, TimeSpan.FromSeconds(firstBeat), 4, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Plan_EveryTwoBeats_CutsOnEverySecondBeatFromFirstDownbeat()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(Steady(), 3, FrameRate.Fps30);

        Assert.Equal(Enumerable.Range(0, 20).Select(k => k * 2), plan.Cuts.Select(c => c.BeatIndex));
        Assert.All(plan.Cuts, c => Assert.Equal(FrameRate.Fps30.NearestFrameAt(c.BeatTime), c.Frame));
    }

    [Fact]
    public void Plan_EveryBar_CutsOnlyOnDownbeats()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(Steady(), 2, FrameRate.Fps25);

        Assert.Equal(10, plan.Cuts.Length);
        Assert.All(plan.Cuts, c => Assert.True(c.IsDownbeat));
    }

    [Fact]
    public void Plan_EveryTwoBarsWithPickup_CountsFromFirstDownbeat()
    {
        BeatGrid grid = BeatGrid.FromBeatTimes(Enumerable.Range(0, 40).Select(i => TimeSpan.FromSeconds(0.1 + (i * 0.5))), 4, firstDownbeat: 2, TimeSpan.FromSeconds(20.2));

        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(2) }.Plan(grid, 2, FrameRate.Fps30);

        Assert.Equal([2, 10, 18, 26, 34], plan.Cuts.Select(c => c.BeatIndex));
    }

    [Fact]
    public void Plan_AnySong_SegmentsTileTheWholeSongWithoutGaps()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(1) }.Plan(Steady(137, 31.3), 4, FrameRate.Ntsc30);

        Assert.Equal(FrameRate.Ntsc30.FrameCountFor(TimeSpan.FromSeconds(31.3)), plan.TotalFrames);
        Assert.Equal(0, plan.Segments[0].StartFrame);
        Assert.Equal(plan.TotalFrames, plan.Segments[^1].EndFrame);
        for (int i = 1; i < plan.Segments.Length; i++)
        {
            Assert.Equal(plan.Segments[i - 1].EndFrame, plan.Segments[i].StartFrame);
            Assert.Equal(plan.Cuts[i - 1].Frame, plan.Segments[i].StartFrame);
        }
    }

    [Theory]
    [InlineData(30000, 1001)]
    [InlineData(24000, 1001)]
    [InlineData(60000, 1001)]
    [InlineData(25, 1)]
    public void Plan_LongSongAtNtscRate_EveryCutIsTheFrameNearestItsBeat(int numerator, int denominator)
    {
        var rate = new FrameRate(numerator, denominator);
        BeatGrid grid = Steady(127.3, 600, 0.37);

        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(1) }.Plan(grid, 5, rate);

        decimal frameSeconds = (decimal)denominator / numerator;
        Assert.Equal(grid.Beats.Count - 1, plan.Cuts.Length);
        foreach (PlannedCut cut in plan.Cuts)
        {
            decimal beat = (decimal)cut.BeatTime.Ticks / TimeSpan.TicksPerSecond;
            long nearest = (long)Math.Round(beat / frameSeconds, MidpointRounding.AwayFromZero);
            Assert.Equal(nearest, cut.Frame);
            Assert.True(Math.Abs(cut.Offset.TotalSeconds) <= (double)frameSeconds / 2 + 1e-7, $"cut {cut.Index} is {cut.Offset.TotalMilliseconds} ms off");
        }
    }

    [Fact]
    public void Plan_Section_CountsFramesFromSectionStart()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(4) }.Plan(Steady(), 2, FrameRate.Fps30, TimeSpan.FromSeconds(4.1), TimeSpan.FromSeconds(12.1));

        Assert.Equal(240, plan.TotalFrames);
        Assert.Equal(TimeSpan.FromSeconds(4.1), plan.SectionStart);
        Assert.All(plan.Cuts, c => Assert.InRange(c.Frame, 1, 239));
        // The beat at 4.25 s is 0.15 s into the section: too close to its start for a segment, so the first cut is at 6.25 s.
        Assert.Equal(TimeSpan.FromSeconds(6.25 - 4.1), plan.Cuts[0].BeatTime);
    }

    [Fact]
    public void Plan_BeatList_CutsOnListedBeatsAndWarnsAboutMissingOnes()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.AtBeats([3, 7, 8, 500]) }.Plan(Steady(), 2, FrameRate.Fps30);

        Assert.Equal([3, 7, 8], plan.Cuts.Select(c => c.BeatIndex));
        Assert.Contains(plan.Warnings, w => w.Contains("Beat 500", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_BeatsCloserThanMinimum_SkipsCutsThatMakeShortSegments()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(1), MinSegmentDuration = TimeSpan.FromSeconds(0.6) }.Plan(Steady(240, 10), 2, FrameRate.Fps30);

        Assert.All(plan.Segments, s => Assert.True(s.FrameCount >= 18, $"segment {s.Index} has {s.FrameCount} frames"));
    }

    [Fact]
    public void Plan_AsGivenOrder_CyclesThroughClips()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(4) }.Plan(Steady(), 3, FrameRate.Fps30);

        Assert.Equal(Enumerable.Range(0, plan.Segments.Length).Select(i => i % 3), plan.Segments.Select(s => s.ClipIndex));
    }

    [Fact]
    public void Plan_ShuffledSameSeed_GivesSameOrder()
    {
        var editor = new BeatEditor { Cut = CutRule.EveryBeats(1), Order = ClipOrder.Shuffled(42) };

        Assert.Equal(editor.Plan(Steady(), 5, FrameRate.Fps30).Segments.Select(s => s.ClipIndex), editor.Plan(Steady(), 5, FrameRate.Fps30).Segments.Select(s => s.ClipIndex));
        Assert.NotEqual(
            editor.Plan(Steady(), 5, FrameRate.Fps30).Segments.Select(s => s.ClipIndex),
            new BeatEditor { Cut = CutRule.EveryBeats(1), Order = ClipOrder.Shuffled(7) }.Plan(Steady(), 5, FrameRate.Fps30).Segments.Select(s => s.ClipIndex));
    }

    [Fact]
    public void Plan_Shuffled_UsesEveryClipOncePerRoundAndNeverRepeatsAClip()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(1), Order = ClipOrder.Shuffled(3) }.Plan(Steady(), 4, FrameRate.Fps30);
        int[] clips = [.. plan.Segments.Select(s => s.ClipIndex)];

        for (int round = 0; round + 4 <= clips.Length; round += 4)
        {
            Assert.Equal([0, 1, 2, 3], clips.Skip(round).Take(4).Order());
        }

        for (int i = 1; i < clips.Length; i++)
        {
            Assert.NotEqual(clips[i - 1], clips[i]);
        }
    }

    [Fact]
    public void Plan_CustomOrder_CallbackSeesSegmentsAndPreviousClip()
    {
        var seen = new List<int>();
        var editor = new BeatEditor
        {
            Cut = CutRule.EveryBars(1),
            Order = ClipOrder.Custom(c =>
            {
                seen.Add(c.PreviousClip);
                return c.SegmentIndex == 0 ? 1 : (c.PreviousClip + 1) % c.ClipCount;
            }),
        };

        EditPlan plan = editor.Plan(Steady(), 2, FrameRate.Fps30);

        Assert.Equal(-1, seen[0]);
        Assert.Equal(1, plan.Segments[0].ClipIndex);
        Assert.Equal(0, plan.Segments[1].ClipIndex);
    }

    [Fact]
    public void Plan_CustomOrderOutOfRange_ThrowsNamingTheSegment()
    {
        var editor = new BeatEditor { Order = ClipOrder.Custom(_ => 5) };

        var ex = Assert.Throws<InvalidOperationException>(() => editor.Plan(Steady(), 2, FrameRate.Fps30));
        Assert.Equal("The clip-order callback chose clip 5 for segment 0; it must return an index from 0 to 1.", ex.Message);
    }

    [Fact]
    public void Plan_Crossfades_DoNotMoveAnyCut()
    {
        BeatGrid grid = Steady(128, 20);
        EditPlan cuts = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, 3, FrameRate.Ntsc30);
        EditPlan fades = new BeatEditor { Cut = CutRule.EveryBeats(2), Transition = Transition.Crossfade(TimeSpan.FromSeconds(0.4)) }.Plan(grid, 3, FrameRate.Ntsc30);

        Assert.Equal(cuts.TotalFrames, fades.TotalFrames);
        Assert.Equal(cuts.Cuts.Select(c => c.Frame), fades.Cuts.Select(c => c.Frame));
        // The first cut is 7 frames in: its fade is clamped to half the intro; every other fade is the full 12 frames.
        Assert.Equal((4, 13), (fades.Cuts[0].TransitionStartFrame, fades.Cuts[0].TransitionEndFrame));
        Assert.All(fades.Cuts.Skip(1), c => Assert.Equal(12, c.TransitionEndFrame - c.TransitionStartFrame));
        Assert.All(fades.Segments.Skip(2), s => Assert.Equal(6, s.LeadInFrames));
        Assert.All(fades.Segments.SkipLast(1), s => Assert.Equal(6, s.TailFrames));
    }

    [Fact]
    public void Plan_LongCrossfade_IsClampedToHalfOfEachNeighbour()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(1), Transition = Transition.CrossfadeBeats(4) }.Plan(Steady(120, 10), 2, FrameRate.Fps30);

        for (int i = 1; i < plan.Cuts.Length; i++)
        {
            Assert.True(plan.Cuts[i - 1].TransitionEndFrame <= plan.Cuts[i].TransitionStartFrame);
        }
    }

    [Fact]
    public void Plan_FlashTransition_StartsOnTheCutWithoutOverlap()
    {
        EditPlan plan = new BeatEditor { Transition = Transition.Flash(TimeSpan.FromMilliseconds(200)) }.Plan(Steady(), 2, FrameRate.Fps30);

        Assert.All(plan.Cuts, c => Assert.Equal((c.Frame, c.Frame + 6), (c.TransitionStartFrame, c.TransitionEndFrame)));
        Assert.All(plan.Segments, s => Assert.Equal((0, 0), (s.LeadInFrames, s.TailFrames)));
    }

    [Fact]
    public void Plan_TransitionSelector_ChoosesPerCut()
    {
        var editor = new BeatEditor
        {
            Cut = CutRule.EveryBeats(1),
            TransitionSelector = c => c.IsDownbeat ? Transition.Crossfade(TimeSpan.FromSeconds(0.2)) : Transition.Cut,
        };

        EditPlan plan = editor.Plan(Steady(), 2, FrameRate.Fps30);

        Assert.All(plan.Cuts, c => Assert.Equal(c.IsDownbeat ? TransitionKind.Crossfade : TransitionKind.Cut, c.Transition.Kind));
    }

    [Fact]
    public void Plan_DensityWithBusySection_CutsTwiceAsOftenThereAndHalfAsOftenInQuietPart()
    {
        // 120 BPM, 32 s: onsets busy from 8 s to 16 s, nearly silent from 24 s to 32 s.
        float[] env = new float[32 * 100];
        for (int i = 0; i < env.Length; i++)
        {
            double t = i / 100.0;
            env[i] = t is >= 8 and < 16 ? 1f : t >= 24 ? 0.05f : 0.4f;
        }

        BeatGrid plain = Steady(120, 32, 0);
        var grid = new BeatGrid(plain.Beats, 4, plain.Duration, 1, new OnsetEnvelope(env, 100));

        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1), Density = CutDensity.OnsetAdaptive }.Plan(grid, 3, FrameRate.Fps30);

        double[] cutTimes = [.. plan.Cuts.Select(c => c.BeatTime.TotalSeconds)];
        Assert.Equal([2, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28], cutTimes);
    }

    [Fact]
    public void Plan_DensityWithoutOnsets_WarnsAndCutsEvenly()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1), Density = CutDensity.OnsetAdaptive }.Plan(Steady(), 2, FrameRate.Fps30);

        Assert.Equal(10, plan.Cuts.Length);
        Assert.Contains(plan.Warnings, w => w.StartsWith("Cut density needs an onset envelope", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_OnsetEffects_LandOnStrongBeatsWithScaledStrength()
    {
        float[] env = new float[20 * 100];
        BeatGrid plain = Steady(120, 20, 0);
        foreach (Beat b in plain.Beats)
        {
            env[(int)Math.Round(b.Time.TotalSeconds * 100)] = b.Index % 4 == 2 ? 1f : 0.3f;
        }

        var grid = new BeatGrid(plain.Beats, 4, plain.Duration, 1, new OnsetEnvelope(env, 100));
        var editor = new BeatEditor { Cut = CutRule.EveryBars(2), OnsetEffect = new OnsetEffect { Kind = OnsetEffectKind.ZoomPunch, MaxStrength = 0.2f } };

        EditPlan plan = editor.Plan(grid, 2, FrameRate.Fps30);

        Assert.Equal(Enumerable.Range(0, 10).Select(k => (k * 4) + 2), plan.Effects.Select(e => e.BeatIndex));
        Assert.All(plan.Effects, e => Assert.Equal((0.2f, 5L), (e.Strength, e.FrameCount)));
    }

    [Fact]
    public void SegmentAt_FrameInsideSegment_FindsIt()
    {
        EditPlan plan = new BeatEditor().Plan(Steady(), 2, FrameRate.Fps30);

        Assert.Equal(0, plan.SegmentAt(0).Index);
        Assert.Equal(1, plan.SegmentAt(plan.Cuts[0].Frame).Index);
        Assert.Equal(0, plan.SegmentAt(plan.Cuts[0].Frame - 1).Index);
        Assert.Equal(plan.Segments.Length - 1, plan.SegmentAt(plan.TotalFrames - 1).Index);
    }

    [Fact]
    public void Plan_EmptySection_ThrowsWithTheTimes()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BeatEditor().Plan(Steady(), 2, FrameRate.Fps30, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)));
        Assert.StartsWith("The section 5 s to 5 s is empty or starts before 0.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BeatListOutsideSectionOrTooClose_WarnsAboutEachSkippedBeat()
    {
        // Beats every 0.5 s from 0.25 s: beat 2 is at 1.25 s, beat 3 at 1.75 s, beat 30 at 15.25 s (after the 10 s section).
        EditPlan plan = new BeatEditor { Cut = CutRule.AtBeats([2, 3, 30, 400]), MinSegmentDuration = TimeSpan.FromSeconds(1) }
            .Plan(Steady(), 2, FrameRate.Fps30, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        Assert.Equal([2], plan.Cuts.Select(c => c.BeatIndex));
        Assert.Equal(
            [(PlanWarningKind.BeatPastEnd, 400), (PlanWarningKind.CutTooClose, 3), (PlanWarningKind.BeatOutsideSection, 30)],
            plan.WarningDetails.Select(w => (w.Kind, w.Beat)));
        Assert.Equal(3, plan.Warnings.Length);
    }

    [Fact]
    public void WithDownbeats_AnnotatedDownbeats_SetBarsAndTheUsualMeter()
    {
        // A pick-up beat, then bars of 3 beats with one bar of 4: the meter is the usual spacing (3).
        BeatGrid grid = BeatGrid.FromBeatTimes(Enumerable.Range(0, 14).Select(i => TimeSpan.FromSeconds(0.5 + (i * 0.5))), 4, 0, TimeSpan.FromSeconds(8));
        TimeSpan[] downbeats = [TimeSpan.FromSeconds(1.01), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4.0), TimeSpan.FromSeconds(6.0)];

        BeatGrid result = BeatsFileGrid.WithDownbeats(grid, downbeats, null, "song.downbeats");

        Assert.Equal(3, result.BeatsPerBar);
        Assert.Equal([1, 4, 7, 11], result.Downbeats.Take(4).Select(b => b.Index));
        Assert.Equal(3, result.Beats[0].BeatInBar);
        Assert.Equal(4, result.Beats[10].BeatInBar);
    }

    [Fact]
    public void WithDownbeats_DownbeatBetweenBeats_ThrowsNamingTheFile()
    {
        BeatGrid grid = BeatGrid.FromBeatTimes(Enumerable.Range(0, 8).Select(i => TimeSpan.FromSeconds(i * 0.5)), 4, 0, TimeSpan.FromSeconds(4));

        var ex = Assert.Throws<FormatException>(() => BeatsFileGrid.WithDownbeats(grid, [TimeSpan.FromSeconds(1.25)], null, "song.downbeats"));

        Assert.Contains("'song.downbeats': the downbeat at 1.25 s is not on a beat", ex.Message, StringComparison.Ordinal);
    }
}
