using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Interpolation;

/// <summary>
/// <see cref="Retimer.RetimeFileAsync"/> renders a one-item timeline through <see cref="Renderer"/>: its file must hold the
/// frames the retimer's own frame stream yields (the old direct-to-encoder path wrote exactly those), the frames FFmpeg's
/// fps filter picks for the nearest mode, and nothing at all when it is cancelled.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class RetimeFileTests
{
    [Theory]
    [InlineData("nearest", 25, 1.0, 0.0)]
    [InlineData("motion", 30, 1.0, 0.0)]
    [InlineData("blend", 24, 0.5, 0.3)]
    [InlineData("motion", 24, 0.0, 0.25)] // 0 = a ramp from half to double speed
    public async Task RetimeFileAsync_LosslessFile_HoldsTheFramesReadFramesAsyncYields(string mode, int fps, double speed, double start)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retimefile-15fps.mp4", 160, 120, 15, 2);
        string output = Path.Combine(TestMedia.NewFolder("retimefile-" + mode + fps), "out.mkv");
        SpeedCurve curve = speed > 0
            ? SpeedCurve.Constant(speed)
            : SpeedCurve.Ramp([new SpeedKeyframe(TimeSpan.Zero, 0.5), new SpeedKeyframe(TimeSpan.FromSeconds(1), 2)]);
        var retimer = new Retimer(FrameInterpolator.Create(FrameInterpolator.ParseMode(mode)), curve) { SourceStart = TimeSpan.FromSeconds(start) };
        var rate = new FrameRate(fps);

        long written = await retimer.RetimeFileAsync(clip, output, rate, VideoCodec.Ffv1, cancellationToken: ct);

        List<Frame> expected = await RetimerIntegrationTests.ReadAllAsync(retimer.ReadFramesAsync(clip, rate, cancellationToken: ct));
        List<Frame> actual = await RetimerIntegrationTests.ReadAllAsync(VideoDecoder.ReadFramesAsync(output, cancellationToken: ct));
        try
        {
            Assert.Equal(expected.Count, written);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < actual.Count; i++)
            {
                double psnr = ImageMetrics.Psnr(actual[i], expected[i]);
                Assert.True(psnr >= 50, $"output frame {i} differs from the retimer's frame {i}: {psnr:0.0} dB");
            }
        }
        finally
        {
            RetimerIntegrationTests.DisposeAll(expected);
            RetimerIntegrationTests.DisposeAll(actual);
        }
    }

    [Fact]
    public async Task RetimeFileAsync_Nearest15To25_MatchesFFmpegsFpsFilter()
    {
        // The nearest mode shows, at output time i / 25, the source frame nearest to it: frame k over
        // (k − ½)·25/15 ≤ i < (k + ½)·25/15. FFmpeg's fps filter with round=up, fed the source shifted half a source
        // frame earlier, shows frame k from slot ⌈(k − ½)·25/15⌉ until the next frame's slot: the same frames, picked
        // by an independent implementation.
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retimefile-15fps.mp4", 160, 120, 15, 2);
        string folder = TestMedia.NewFolder("retimefile-fps");
        string output = Path.Combine(folder, "out.mkv"), reference = Path.Combine(folder, "reference.rgba");
        var rate = new FrameRate(25);

        long written = await new Retimer(new NearestInterpolator()).RetimeFileAsync(clip, output, rate, VideoCodec.Ffv1, cancellationToken: ct);

        TestMedia.FFmpeg("-i", clip, "-vf", "scale=160:120:flags=bicubic,setsar=1,setpts=PTS-0.5/15/TB,fps=25:round=up", "-f", "rawvideo", "-pix_fmt", "rgba", reference);
        byte[] raw = await File.ReadAllBytesAsync(reference, ct);
        int frameBytes = 160 * 120 * 4;
        var expected = new List<Frame>();
        for (int offset = 0; offset + frameBytes <= raw.Length; offset += frameBytes)
        {
            var f = new Frame(160, 120);
            for (int y = 0; y < 120; y++)
            {
                raw.AsSpan(offset + (y * 160 * 4), 160 * 4).CopyTo(f.GetRow(y));
            }

            expected.Add(f);
        }

        List<Frame> actual = await RetimerIntegrationTests.ReadAllAsync(VideoDecoder.ReadFramesAsync(output, cancellationToken: ct));
        try
        {
            Assert.Equal(50, written); // 30 source frames at 25/15
            Assert.Equal(50, actual.Count);
            Assert.InRange(expected.Count, 49, 51);
            Assert.True(ImageMetrics.Psnr(expected[1], expected[3]) < 40, "the test clip's frames must differ");
            for (int i = 0; i < Math.Min(actual.Count, expected.Count); i++)
            {
                double psnr = ImageMetrics.Psnr(actual[i], expected[i]);
                Assert.True(psnr >= 45, $"output frame {i} is not the frame FFmpeg's fps filter picks: {psnr:0.0} dB");
            }
        }
        finally
        {
            RetimerIntegrationTests.DisposeAll(expected);
            RetimerIntegrationTests.DisposeAll(actual);
        }
    }

    [Fact]
    public async Task RetimeFileAsync_CancelledOnTheFirstProgressReport_LeavesNoFile()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = TestMedia.Clip("retimefile-cancel.mp4", 320, 240, 24, 4);
        string folder = TestMedia.NewFolder("retimefile-cancel");
        string output = Path.Combine(folder, "out.mp4");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new CancelOnReport(cts);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new Retimer(new MotionCompensatedInterpolator(), SpeedCurve.Constant(0.5)).RetimeFileAsync(clip, output, FrameRate.Fps60, progress: progress, cancellationToken: cts.Token));

        Assert.True(progress.Reports > 0, "the retime never reported progress");
        Assert.Equal(480, progress.LastTotal); // 4 s at half speed: 8 s at 60 fps
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private sealed class CancelOnReport(CancellationTokenSource cts) : IProgress<RetimeProgress>
    {
        public int Reports { get; private set; }

        public long LastTotal { get; private set; }

        public void Report(RetimeProgress value)
        {
            Reports++;
            LastTotal = value.TotalFrames;
            cts.Cancel();
        }
    }
}
