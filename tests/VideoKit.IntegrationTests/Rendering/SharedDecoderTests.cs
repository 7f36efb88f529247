using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Rendering;

/// <summary>
/// Spans of one file that play one after the other share a decoder (one FFmpeg process reading each span as its own
/// input), and every output frame still shows the span's own source frame: forward jumps, backward jumps and spans of
/// another file in between.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class SharedDecoderTests
{
    [Fact]
    public async Task RenderAsync_ThreeSpansOfOneFile_OneDecoderAndEveryFrameFromItsSpan()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string a = TestMedia.Clip("shared-decoder-a.mp4", 320, 180, 30, 4);
        string b = TestMedia.Clip("shared-decoder-b.mp4", 320, 180, 30, 4, "smptebars");
        var size = new Resolution(320, 180);
        FrameRate rate = FrameRate.Fps30;
        // (start frame, frame count, clip, in point frame): A jumps forward, then back before its first in point.
        (int Start, int Count, string Path, int In)[] spans = [(0, 15, a, 15), (15, 12, b, 0), (27, 18, a, 60), (45, 10, b, 30), (55, 20, a, 6)];
        var builder = new TimelineBuilder(size, rate).WithDuration(rate.TimeAt(75));
        foreach ((int start, int count, string path, int inFrame) in spans)
        {
            builder.AddVideo(path, rate.TimeAt(start), rate.TimeAt(start + count) - rate.TimeAt(start), inPoint: rate.TimeAt(inFrame));
        }

        string output = Path.Combine(TestMedia.NewFolder("shared-decoder"), "shared.mp4");
        using (FFmpegProcessCount counter = FFmpegProcessCount.Begin())
        {
            await builder.Build().RenderAsync(output, new RenderOptions { Crf = 0, Preset = "ultrafast" }, cancellationToken: token);
            var decodersOfA = counter.Started.Where(s => s.Kind == FFmpegProcessKind.Decoder && s.CommandLine.Contains(a, StringComparison.Ordinal)).ToList();
            Assert.Single(decodersOfA);
            Assert.Contains("concat=n=3", decodersOfA[0].CommandLine, StringComparison.Ordinal);
        }

        await AssertEveryFrameFromItsSpanAsync(a, output, 75, [.. spans.Where(s => s.Path == a).Select(s => (s.Start, s.Count, s.In))], token);
    }

    [Fact]
    public async Task RenderAsync_SpanAfterTheLastVideoFrame_FailsNamingThatSpansInPoint()
    {
        // Arrange: 2 s of video in a 4 s file (the sound runs on), and three spans of it, the middle one starting at
        // 2.5 s, after the last picture. A shared decoder would give that span no frame and shift the next span's
        // frames into it; each span must instead be judged on its own.
        CancellationToken token = TestContext.Current.CancellationToken;
        string clip = Path.Combine(TestMedia.NewFolder("shared-decoder-short-video"), "short-video.mp4");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=2", "-f", "lavfi", "-i", "sine=frequency=440:duration=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip);
        var size = new Resolution(320, 180);
        FrameRate rate = FrameRate.Fps30;
        var builder = new TimelineBuilder(size, rate).WithDuration(TimeSpan.FromSeconds(3));
        builder.AddVideo(clip, TimeSpan.Zero, TimeSpan.FromSeconds(1), inPoint: TimeSpan.Zero);
        builder.AddVideo(clip, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), inPoint: TimeSpan.FromSeconds(2.5));
        builder.AddVideo(clip, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), inPoint: TimeSpan.FromSeconds(0.5));
        string output = Path.Combine(Path.GetDirectoryName(clip)!, "out.mp4");

        // Act
        var error = await Assert.ThrowsAsync<UnsupportedMediaException>(() =>
            builder.Build().RenderAsync(output, new RenderOptions { Preset = "ultrafast" }, cancellationToken: token));

        // Assert: the message names the file and the span that has no picture, and nothing was written.
        Assert.Contains("short-video.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("2.5 s", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task RenderAsync_SpansReturningToTheSameInPoint_DecodedOnceAndEveryFrameFromItsSpan()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string a = TestMedia.Clip("replay-a.mp4", 320, 180, 30, 4);
        string b = TestMedia.Clip("replay-b.mp4", 320, 180, 30, 4, "smptebars");
        var size = new Resolution(320, 180);
        FrameRate rate = FrameRate.Fps30;
        // A beat edit that returns to the same point of each clip; A's second span is longer than its first, so the
        // replayed frames run past what the first span showed; A's last span starts elsewhere and is decoded.
        (int Start, int Count, string Path, int In)[] spans =
            [(0, 15, a, 6), (15, 12, b, 0), (27, 20, a, 6), (47, 10, b, 0), (57, 18, a, 6), (75, 15, a, 50)];
        var builder = new TimelineBuilder(size, rate).WithDuration(rate.TimeAt(90));
        foreach ((int start, int count, string path, int inFrame) in spans)
        {
            builder.AddVideo(path, rate.TimeAt(start), rate.TimeAt(start + count) - rate.TimeAt(start), inPoint: rate.TimeAt(inFrame));
        }

        string output = Path.Combine(TestMedia.NewFolder("replay-decoder"), "replay.mp4");
        using (FFmpegProcessCount counter = FFmpegProcessCount.Begin())
        {
            await builder.Build().RenderAsync(output, new RenderOptions { Crf = 0, Preset = "ultrafast" }, cancellationToken: token);
            var decodersOfA = counter.Started.Where(s => s.Kind == FFmpegProcessKind.Decoder && s.CommandLine.Contains(a, StringComparison.Ordinal)).ToList();
            Assert.Single(decodersOfA);
            // Two inputs (in points 6 and 50) for four spans, the first decoded for the longest of its three spans.
            Assert.Contains("concat=n=2", decodersOfA[0].CommandLine, StringComparison.Ordinal);
            Assert.Contains("trim=end_frame=20,", decodersOfA[0].CommandLine, StringComparison.Ordinal);
        }

        await AssertEveryFrameFromItsSpanAsync(a, output, 90, [.. spans.Where(s => s.Path == a).Select(s => (s.Start, s.Count, s.In))], token);
    }

    /// <summary>
    /// Asserts the render has <paramref name="total"/> frames and that each frame of the spans of <paramref name="clip"/>
    /// matches its own source frame, and better than that frame's neighbours (testsrc2 moves every frame).
    /// </summary>
    private static async Task AssertEveryFrameFromItsSpanAsync(string clip, string output, int total, (int Start, int Count, int In)[] spans, CancellationToken token)
    {
        List<Frame> source = await ReadAllAsync(clip, token);
        List<Frame> rendered = await ReadAllAsync(output, token);
        try
        {
            Assert.Equal(total, rendered.Count);
            foreach ((int start, int count, int inFrame) in spans)
            {
                for (int f = start; f < start + count; f++)
                {
                    int expected = inFrame + f - start;
                    double own = ImageMetrics.Psnr(source[expected], rendered[f]);
                    Assert.True(own > 30, $"frame {f}: {own:0.0} dB against source frame {expected}");
                    foreach (int other in new[] { expected - 1, expected + 1 }.Where(i => i >= 0 && i < source.Count))
                    {
                        double neighbour = ImageMetrics.Psnr(source[other], rendered[f]);
                        Assert.True(own > neighbour + 3, $"frame {f}: {own:0.0} dB against source frame {expected} but {neighbour:0.0} dB against {other}");
                    }
                }
            }
        }
        finally
        {
            source.ForEach(f => f.Dispose());
            rendered.ForEach(f => f.Dispose());
        }
    }

    private static async Task<List<Frame>> ReadAllAsync(string path, CancellationToken token)
    {
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: token))
        {
            frames.Add(f);
        }

        return frames;
    }
}
