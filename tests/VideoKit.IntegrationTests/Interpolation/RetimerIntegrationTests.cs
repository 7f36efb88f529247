using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Interpolation;

[Trait("Category", "FFmpeg")]
public sealed class RetimerIntegrationTests
{
    [Fact]
    public async Task ReadFramesAsync_TwiceTheRate_EvenFramesUnchangedOddFramesNew()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retime-15fps.mkv", 160, 120, 15, 1);
        List<Frame> source = await ReadAllAsync(VideoDecoder.ReadFramesAsync(clip, cancellationToken: ct));
        List<Frame> output = await ReadAllAsync(new Retimer(new MotionCompensatedInterpolator()).ReadFramesAsync(clip, FrameRate.Fps30, cancellationToken: ct));
        try
        {
            Assert.Equal(15, source.Count);
            Assert.Equal(30, output.Count);
            for (int i = 0; i < output.Count; i += 2)
            {
                Assert.True(output[i].Span.SequenceEqual(source[i / 2].Span), $"output frame {i} is not source frame {i / 2}");
            }

            for (int i = 1; i + 1 < output.Count; i += 2)
            {
                Assert.False(output[i].Span.SequenceEqual(source[i / 2].Span), $"output frame {i} repeats source frame {i / 2}");
            }
        }
        finally
        {
            DisposeAll(source);
            DisposeAll(output);
        }
    }

    [Fact]
    public async Task ReadFramesAsync_24To30AndFit_GiveTheExpectedFrameCounts()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retime-24fps.mkv", 128, 96, 24, 1);

        List<Frame> converted = await ReadAllAsync(new Retimer(new BlendInterpolator()).ReadFramesAsync(clip, FrameRate.Fps30, cancellationToken: ct));
        Retimer fit = Retimer.Fit(new BlendInterpolator(), TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
        List<Frame> fitted = await ReadAllAsync(fit.ReadFramesAsync(clip, FrameRate.Fps24, cancellationToken: ct));
        try
        {
            Assert.Equal(30, converted.Count);
            Assert.Equal(36, fitted.Count);
        }
        finally
        {
            DisposeAll(converted);
            DisposeAll(fitted);
        }
    }

    [Fact]
    public async Task RetimedClipSource_HalfSpeedInTimeline_PassesSourceFramesAndLetterboxes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retime-source.mkv", 160, 120, 15, 1);
        List<Frame> source = await ReadAllAsync(VideoDecoder.ReadFramesAsync(clip, cancellationToken: ct));
        await using var retimed = new RetimedClipSource(clip) { Speed = SpeedCurve.Constant(0.5), Fit = FitMode.Stretch };
        await using var boxed = new RetimedClipSource(clip) { Speed = SpeedCurve.Constant(0.5), Fit = FitMode.Contain, Mode = InterpolationMode.Blend };
        using var frame = new Frame(160, 120);
        using var wide = new Frame(320, 120);
        try
        {
            await retimed.PrepareAsync(new FrameSourceContext { OutputSize = new Resolution(160, 120), FrameRate = new FrameRate(15) }, ct);
            await boxed.PrepareAsync(new FrameSourceContext { OutputSize = new Resolution(320, 120), FrameRate = new FrameRate(15) }, ct);
            Assert.Equal(2, retimed.Duration!.Value.TotalSeconds, 2);
            for (int i = 0; i < 30; i++)
            {
                TimeSpan at = new FrameRate(15).TimeAt(i);
                await retimed.RenderFrameAsync(at, frame, ct);
                await boxed.RenderFrameAsync(at, wide, ct);
                if (i % 2 == 0)
                {
                    Assert.True(frame.Span.SequenceEqual(source[i / 2].Span), $"frame {i} is not source frame {i / 2}");
                    Assert.True(wide.GetRow(60).Slice(80 * 4, 160 * 4).SequenceEqual(source[i / 2].GetRow(60)), $"letterboxed frame {i} is not source frame {i / 2}");
                }

                Assert.Equal([0, 0, 0, 255], wide.GetRow(60)[..4].ToArray()); // black bars at the sides
                Assert.Equal([0, 0, 0, 255], wide.GetRow(60)[^4..].ToArray());
            }

            // Going back in time reopens the decoder.
            await retimed.RenderFrameAsync(TimeSpan.Zero, frame, ct);
            Assert.True(frame.Span.SequenceEqual(source[0].Span));
        }
        finally
        {
            DisposeAll(source);
        }
    }

    [Fact]
    public async Task Renderer_TimelineWithARetimedClip_RendersTheFittedLength()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retime-timeline.mp4", 160, 120, 15, 1);
        string output = Path.Combine(TestMedia.NewFolder("retime-timeline"), "out.mkv");
        var source = new RetimedClipSource(clip) { TargetDuration = TimeSpan.FromSeconds(2), Mode = InterpolationMode.Blend };
        Timeline timeline = new TimelineBuilder(new Resolution(160, 120), FrameRate.Fps30)
            .AddSource(source, TimeSpan.Zero, TimeSpan.FromSeconds(2))
            .WithDuration(TimeSpan.FromSeconds(2))
            .Build();

        await new Renderer(new RenderOptions { Codec = VideoCodec.Ffv1 }).RenderAsync(timeline, output, cancellationToken: ct);
        await source.DisposeAsync();

        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: ct);
        Assert.InRange(info.Duration.TotalSeconds, 1.95, 2.05);
        int frames = 0;
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(output, cancellationToken: ct))
        {
            f.Dispose();
            frames++;
        }

        Assert.Equal(60, frames);
    }

    /// <summary>Collects a frame stream (the caller disposes the frames).</summary>
    internal static async Task<List<Frame>> ReadAllAsync(IAsyncEnumerable<Frame> frames)
    {
        var list = new List<Frame>();
        await foreach (Frame f in frames)
        {
            list.Add(f);
        }

        return list;
    }

    /// <summary>Disposes every frame of a list.</summary>
    internal static void DisposeAll(List<Frame> frames)
    {
        foreach (Frame f in frames)
        {
            f.Dispose();
        }
    }
}
