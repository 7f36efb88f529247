using VideoKit.Editing;
using VideoKit.Rhythm;

namespace VideoKit.Tests.Editing;

public sealed class CutDetectorTests
{
    [Fact]
    public void Detect_IsolatedPeaks_AreCutsButSteadyMotionIsNot()
    {
        double[] scores = [.. Enumerable.Range(0, 100).Select(i => 0.02 + (0.01 * (i % 3)))];
        scores[30] = 0.5;
        scores[61] = 0.3;

        Assert.Equal([30L, 61L], new CutDetector().Detect(scores));
    }

    [Fact]
    public void Detect_CrossfadeRamp_IsNotACut()
    {
        double[] scores = new double[60];
        for (int i = 20; i < 32; i++)
        {
            scores[i] = 0.13 + (i == 26 ? 0.01 : 0);
        }

        Assert.Empty(new CutDetector().Detect(scores));
    }

    [Fact]
    public void Detect_CutFollowedByFadingFlash_IsACutButTheFadeIsNot()
    {
        double[] scores = [.. Enumerable.Repeat(0.02, 60)];
        scores[30] = 0.55;
        for (int i = 31; i < 39; i++)
        {
            scores[i] = 0.3 - (0.02 * (i - 31));
        }

        Assert.Equal([30L], new CutDetector().Detect(scores));
    }

    [Fact]
    public void Match_DetectionsOnPlan_ReportsExactWithSummary()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(10)), 2, FrameRate.Fps30);
        long[] detected = [.. plan.Cuts.Select(c => c.Frame)];

        CutVerificationReport report = RenderVerification.Match(plan, detected, plan.TotalFrames);

        Assert.True(report.IsExact);
        Assert.Equal("5/5 cuts on the planned frame, 0 missing, 0 extra; 300/300 frames", report.Summary);
    }

    [Fact]
    public void Match_OffMissingAndExtra_AreReported()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(10)), 2, FrameRate.Fps30);
        long[] planned = [.. plan.Cuts.Select(c => c.Frame)];
        long[] detected = [planned[0], planned[1] + 1, planned[3], planned[4], 200];

        CutVerificationReport report = RenderVerification.Match(plan, detected, 299);

        Assert.False(report.IsExact);
        Assert.Equal((3, 1, 1L), (report.OnFrame, report.Missing, report.MaxOffsetFrames));
        Assert.Equal([200L], report.ExtraCuts);
        Assert.Equal("3/5 cuts on the planned frame, 1 missing, 1 extra, worst offset 1 frame(s) (33 ms); 299/300 frames", report.Summary);
        Assert.Contains($"cut 2 (beat 8): planned frame {planned[2]}, not found", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Match_JumpInsideCrossfade_IsNotExtra()
    {
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1), Transition = Transition.Crossfade(TimeSpan.FromSeconds(0.3)) }
            .Plan(BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.5), 4, TimeSpan.FromSeconds(10)), 2, FrameRate.Fps30);

        CutVerificationReport report = RenderVerification.Match(plan, [plan.Cuts[1].Frame + 2], plan.TotalFrames);

        Assert.Empty(report.ExtraCuts);
        Assert.Equal(0, report.ExpectedCuts);
    }
}
