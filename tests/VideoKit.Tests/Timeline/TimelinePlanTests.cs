using TimelineModel = VideoKit.Timeline;

namespace VideoKit.Tests.Timeline;

public sealed class TimelinePlanTests
{
    private static readonly string s_image = TestFiles.Touch("plan-a.png");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Resolve_CrossfadeOfTenFrames_IsCentredOnTheCutAndNeverShortensTheTimeline()
    {
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(2))
            .AddImage(s_image, S(0), S(1))
            .AddImage(s_image, S(1), S(1), transition: Transition.Crossfade(TimeSpan.FromSeconds(10.0 / 30)))
            .Build();
        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, timeline.FrameCount!.Value);

        Assert.Equal(new FrameComposition(-1, 0, 1), plan.Resolve(24));
        Assert.Equal(0, plan.Resolve(25).From);
        Assert.Equal(1, plan.Resolve(25).To);
        Assert.Equal(0.05, plan.Resolve(25).Weight, 6);
        Assert.Equal(0.55, plan.Resolve(30).Weight, 6);      // the cut frame is just past the midpoint
        Assert.Equal(0.95, plan.Resolve(34).Weight, 6);
        Assert.Equal(new FrameComposition(-1, 1, 1), plan.Resolve(35));
        Assert.Equal(59, plan.LastUse[1]);
        Assert.Equal(34, plan.LastUse[0]);
        Assert.Equal(25, plan.FirstUse[1]);
    }

    [Fact]
    public void Resolve_GapAndFirstItemFade_ShowBlack()
    {
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(3))
            .AddImage(s_image, S(0), S(1), transition: Transition.Crossfade(S(0.2)))
            .AddImage(s_image, S(2), S(1))
            .Build();
        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, 90);

        Assert.Equal(-1, plan.Resolve(0).From);
        Assert.True(plan.Resolve(0).IsBlend);
        Assert.Equal(FrameComposition.Black, plan.Resolve(45));
        Assert.Equal(new FrameComposition(-1, 1, 1), plan.Resolve(60));
    }

    [Fact]
    public void LocalTime_BeforeAndAfterTheItem_IsClampedToItsLength()
    {
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(3))
            .AddImage(s_image, S(1), S(1))
            .Build();
        TimelineItem item = timeline.Items[0];

        Assert.Equal(TimeSpan.Zero, TimelinePlan.LocalTime(item, FrameRate.Fps30, 10));
        Assert.Equal(S(0.5), TimelinePlan.LocalTime(item, FrameRate.Fps30, 45));
        Assert.Equal(S(1) - TimeSpan.FromTicks(1), TimelinePlan.LocalTime(item, FrameRate.Fps30, 80));
    }
}
