using VideoKit.Editing;
using VideoKit.Rhythm;

namespace VideoKit.Tests.Editing;

public sealed class TransitionLocatorTests
{
    // Beats every 0.5 s from 0.25 s at 30 fps: cuts every 2 beats, 12-frame transitions centred on the cut.
    private static EditPlan Plan(Transition transition) =>
        new BeatEditor { Cut = CutRule.EveryBeats(2), Transition = transition }
            .Plan(BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.25), 4, TimeSpan.FromSeconds(6)), 2, FrameRate.Fps30);

    /// <summary>A crossfade profile: steady motion, plus an equal change on each frame of the window shifted by <paramref name="shift"/>.</summary>
    private static double[] CrossfadeScores(EditPlan plan, int shift)
    {
        double[] scores = [.. Enumerable.Range(0, (int)plan.TotalFrames).Select(i => 0.02 + (0.005 * (i % 2)))];
        foreach (PlannedCut cut in plan.Cuts)
        {
            for (long f = cut.TransitionStartFrame; f <= cut.TransitionEndFrame; f++)
            {
                double step = f == cut.TransitionStartFrame || f == cut.TransitionEndFrame ? 0.5 : 1;
                scores[f + shift] += step * 0.4 / (cut.TransitionEndFrame - cut.TransitionStartFrame);
            }
        }

        return scores;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-2)]
    public void Locate_CrossfadeShiftedByFrames_ReportsTheShift(int shift)
    {
        EditPlan plan = Plan(Transition.Crossfade(TimeSpan.FromMilliseconds(400)));
        double[] scores = CrossfadeScores(plan, shift);
        double[] luma = new double[scores.Length];

        CutVerificationReport report = RenderVerification.LocateGradual(RenderVerification.Match(plan, [], plan.TotalFrames), plan, scores, luma);

        Assert.All(report.Cuts.Where(c => c.PlannedFrame > 20 && c.PlannedFrame < plan.TotalFrames - 20), c => Assert.Equal(shift, c.OffsetFrames));
        Assert.Equal(shift is >= -2 and <= 2, report.GradualLocated == report.GradualTransitions);
    }

    [Fact]
    public void Locate_DipToBlack_IsOnTheLastBlackFrame()
    {
        EditPlan plan = Plan(Transition.DipToBlack(TimeSpan.FromMilliseconds(400)));
        double[] luma = [.. Enumerable.Repeat(120.0, (int)plan.TotalFrames)];
        PlannedCut cut = plan.Cuts[2];
        for (long f = cut.TransitionStartFrame; f < cut.TransitionEndFrame; f++)
        {
            luma[f] = 120 * Math.Abs(f - cut.Frame + 0.5) / 6;
        }

        luma[cut.Frame - 1] = luma[cut.Frame] = 0;

        (long? frame, string? reason) = TransitionLocator.Locate(cut, new double[plan.TotalFrames], luma);

        Assert.Null(reason);
        Assert.Equal(cut.Frame, frame);
    }

    [Fact]
    public void LocateGradual_NoChangeAcrossTheWindow_SaysWhyInTheSummary()
    {
        EditPlan plan = Plan(Transition.Crossfade(TimeSpan.FromMilliseconds(400)));
        double[] flat = [.. Enumerable.Repeat(0.02, (int)plan.TotalFrames)];

        CutVerificationReport report = RenderVerification.LocateGradual(RenderVerification.Match(plan, [], plan.TotalFrames), plan, flat, flat);

        Assert.True(report.GradualTransitions == report.GradualNotMeasured, report.ToString());
        Assert.Contains($"; {report.GradualTransitions} crossfades not measured: ", report.Summary, StringComparison.Ordinal);
        Assert.Contains("the pictures on both sides look alike", report.Summary, StringComparison.Ordinal);
        Assert.Contains("not measured: the pictures on both sides look alike", report.ToString(), StringComparison.Ordinal);
    }
}
