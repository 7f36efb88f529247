using VideoKit.Imaging;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Rendering;

/// <summary>
/// Memory flat in the video's length: a render holds only the sources on screen (and the few opened ahead), never the
/// sources of items that have ended. Checked on the objects themselves: every source the renderer has disposed must be
/// unreachable after a full collection while the render is still running.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class RenderMemoryTests
{
    [Fact]
    public async Task RenderAsync_ManyClipItems_ReleasesEachSourceAfterItsLastFrame()
    {
        string folder = TestMedia.NewFolder("memory");
        string clip = TestMedia.Clip("memory-clip.mp4", 160, 90, 30, 4);
        string output = Path.Combine(folder, "out.mp4");
        const int Items = 10;
        var tracker = new SourceTracker();
        var builder = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(Items));
        for (int i = 0; i < Items; i++)
        {
            // Real clips decoded by FFmpeg in yuv420p, as the project and montage paths play them; every other item
            // enters with a crossfade, so both the single-item and the two-item paths use the sources.
            TimeSpan inPoint = TimeSpan.FromSeconds(i % 3);
            builder.AddSource($"clip {i}", () => tracker.Create(new VideoClipSource(clip, inPoint, TimeSpan.FromSeconds(1)) { PreferYuv = true }),
                TimeSpan.FromSeconds(i), TimeSpan.FromSeconds(1), i % 2 == 1 ? Transition.Crossfade(TimeSpan.FromSeconds(0.3)) : null);
        }

        RenderResult result = await builder.Build().RenderAsync(output, new RenderOptions { Preset = "ultrafast" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Items * 30, result.FrameCount);
        Assert.Equal(Items, tracker.Created);
        Assert.Equal(Items, tracker.Disposed);
        // Sources are opened ~2 s ahead, so by the time the last ones are created most of the first ones are closed.
        Assert.True(tracker.Checked >= 4, $"only {tracker.Checked} closed sources were checked during the render");
        Assert.True(tracker.StillReachable.Count == 0,
            $"closed sources still held by the render: {string.Join(", ", tracker.StillReachable)} (of {tracker.Checked} checked)");
    }

    /// <summary>
    /// Counts the sources a render creates and disposes. Each time the renderer asks for a new source (at the pace of the
    /// timeline), it forces a full collection and checks that every source disposed before the previous request is gone.
    /// </summary>
    private sealed class SourceTracker
    {
        private readonly object _gate = new();
        private readonly List<Record> _records = [];
        private List<Record> _closedAtLastRequest = [];

        public int Created { get; private set; }

        public int Disposed => _records.Count(r => r.Disposed);

        public int Checked { get; private set; }

        public List<string> StillReachable { get; } = [];

        public TrackedSource Create(VideoClipSource inner)
        {
            lock (_gate)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                foreach (Record closed in _closedAtLastRequest.Where(r => !r.Checked))
                {
                    closed.Checked = true;
                    Checked++;
                    if (closed.Source.IsAlive)
                    {
                        StillReachable.Add(closed.Name);
                    }
                }

                _closedAtLastRequest = [.. _records.Where(r => r.Disposed)];
                var record = new Record($"clip {Created}");
                Created++;
                _records.Add(record);
                var source = new TrackedSource(inner, record);
                record.Source = new WeakReference(source);
                return source;
            }
        }
    }

    private sealed class Record(string name)
    {
        public string Name => name;

        public WeakReference Source { get; set; } = new(null);

        public volatile bool Disposed;

        public bool Checked { get; set; }
    }

    /// <summary>A real clip source that notes when it is disposed (and passes the yuv420p path through).</summary>
    private sealed class TrackedSource(VideoClipSource inner, Record record) : IFrameSource, IYuvFrameSource
    {
        public string Name => inner.Name;

        public TimeSpan? Duration => inner.Duration;

        bool IYuvFrameSource.ProducesYuv => ((IYuvFrameSource)inner).ProducesYuv;

        public ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken) => inner.PrepareAsync(context, cancellationToken);

        public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken) =>
            inner.RenderFrameAsync(localTime, destination, cancellationToken);

        ValueTask<SharedFrameBuffer> IYuvFrameSource.RenderYuvAsync(TimeSpan localTime, CancellationToken cancellationToken) =>
            ((IYuvFrameSource)inner).RenderYuvAsync(localTime, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            record.Disposed = true;
        }
    }
}
