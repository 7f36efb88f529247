using VideoKit.Rendering;
using VideoKit.Imaging;
using TimelineModel = VideoKit.Timeline;

namespace VideoKit.Tests.Timeline;

public sealed class TimelineBuilderTests
{
    private static readonly Resolution s_size = new(64, 36);
    private static readonly string s_image = TestFiles.Touch("timeline-a.png");
    private static readonly string s_song = TestFiles.Touch("timeline-song.wav");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Build_ItemsOutOfOrder_SortsByStartAndComputesFramesFromAbsoluteTimes()
    {
        TimelineModel timeline = new TimelineBuilder(s_size, FrameRate.Ntsc30)
            .WithSong(s_song)
            .AddImage(s_image, S(2), S(1))
            .AddImage(s_image, S(0), S(2))
            .Build();

        Assert.Equal([S(0), S(2)], timeline.Items.Select(i => i.Start));
        Assert.Equal(0, timeline.Items[0].StartFrame);
        Assert.Equal(60, timeline.Items[0].EndFrame);   // round(2 × 29.97) = 60
        Assert.Equal(60, timeline.Items[1].StartFrame);
        Assert.Equal(90, timeline.Items[1].EndFrame);   // round(3 × 29.97) = 90
        Assert.Equal(1, timeline.Items[0].Index);
    }

    [Fact]
    public void Build_ThousandAdjacentItems_HaveNoGapsOrDrift()
    {
        var builder = new TimelineBuilder(s_size, FrameRate.Ntsc30).WithDuration(TimeSpan.FromMinutes(10));
        TimeSpan beat = TimeSpan.FromSeconds(60.0 / 128); // 0.46875 s: not a whole number of frames
        for (int i = 0; i < 1000; i++)
        {
            builder.AddImage(s_image, beat * i, beat);
        }

        TimelineModel timeline = builder.Build();

        for (int i = 1; i < 1000; i++)
        {
            Assert.Equal(timeline.Items[i - 1].EndFrame, timeline.Items[i].StartFrame);
        }

        Assert.Equal(FrameRate.Ntsc30.NearestFrameAt(beat * 1000), timeline.Items[^1].EndFrame);
    }

    [Fact]
    public void Build_ManyProblems_ReportsEveryOneAtOnce()
    {
        var builder = new TimelineBuilder(s_size, FrameRate.Fps30)
            .WithSong("no-such-song.wav")
            .AddImage(s_image, S(-1), S(1))
            .AddImage(s_image, S(1), TimeSpan.Zero)
            .AddImage("missing.png", S(2), S(2), (FitMode)7)
            .AddImage(s_image, S(3), S(2));

        var ex = Assert.Throws<TimelineValidationException>(() => builder.Build());

        Assert.Equal(
        [
            "song: 'no-such-song.wav' does not exist",
            "item #1 '" + s_image + "': start must be >= 0 (is -1 s)",
            "item #2 '" + s_image + "': duration must be > 0 (is 0 s)",
            "item #3 'missing.png': fit '7' is not a fit mode; use cover, contain, stretch or blurredFill",
            "item #3 'missing.png': image 'missing.png' does not exist",
            "item #4 '" + s_image + "': start 3 s overlaps item #3 'missing.png' (2 s to 4 s)",
        ], ex.Errors);
        Assert.StartsWith("Timeline is invalid (6 problems):\n - song: 'no-such-song.wav' does not exist\n - item #1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CrossfadeLongerThanPreviousItem_IsReported()
    {
        var builder = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(s_song)
            .AddImage(s_image, S(0), S(0.5))
            .AddImage(s_image, S(0.5), S(2), transition: Transition.Crossfade(S(1)));

        var ex = Assert.Throws<TimelineValidationException>(() => builder.Build());

        Assert.Equal(["item #2 '" + s_image + "': transition.duration 1 s is longer than the previous item, item #1 '" + s_image + "' (0.5 s)"], ex.Errors);
    }

    [Fact]
    public void Build_NoSongNoDuration_SaysTheVideoNeedsALength()
    {
        var ex = Assert.Throws<TimelineValidationException>(() => new TimelineBuilder(s_size, FrameRate.Fps30).Build());

        Assert.Equal(["song: is not set and no duration was given: the video needs a song or an explicit length"], ex.Errors);
    }

    [Fact]
    public void Build_ItemStartingAfterExplicitEnd_IsReported()
    {
        var builder = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(2)).AddImage(s_image, S(2), S(1));

        var ex = Assert.Throws<TimelineValidationException>(() => builder.Build());

        Assert.Equal(["item #1 '" + s_image + "': start 2 s is at or after the end of the video (2 s)"], ex.Errors);
    }

    [Fact]
    public void Build_SourceItems_KeepTheCallersInstance()
    {
        var source = new SolidSource();
        TimelineModel timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(1))
            .AddSource(source, S(0), S(1))
            .Build();

        Assert.Equal(TimelineItemKind.Source, timeline.Items[0].Kind);
        Assert.Same(source, timeline.Items[0].CreateSource());
        Assert.False(timeline.Items[0].OwnsSource);
        Assert.Equal(30, timeline.FrameCount);
    }

    internal sealed class SolidSource : IFrameSource
    {
        public string Name => "solid";

        public TimeSpan? Duration => null;

        public ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
        {
            destination.Fill(10, 20, 30);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
