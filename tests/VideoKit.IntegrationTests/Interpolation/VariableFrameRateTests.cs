using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Interpolation;

/// <summary>
/// A variable-frame-rate source keeps its real timing in every path: the decoder's frame times, the retimer (and so
/// <c>videokit interpolate</c>), and a retimed clip in a timeline. The test clip's frame n has a grey patch of 20·n on the
/// left quarter (the rest a fixed texture, so frames are no scene cut), so the patch of any output frame says which source
/// position it shows (a blend of n and n + 1 at t gives 20·(n + t)).
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class VariableFrameRateTests
{
    // Frames 0–4 every 0.1 s, then 5–9 every 0.5 s; the last frame lasts 0.1 s, so the clip ends at 2.6 s.
    private static readonly double[] s_times = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0, 1.5, 2.0, 2.5];

    [Theory]
    [InlineData("vfr-grey.mp4")]
    [InlineData("vfr-grey.mkv")]
    public async Task VideoFrameReader_SourceTimestamps_ReportsTheUnevenFrameTimes(string name)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = GreyVfrClip(name);
        await using VideoFrameReader reader = await VideoDecoder.OpenAsync(clip, new VideoDecodeOptions { SourceTimestamps = true }, cancellationToken: ct);
        using var frame = new Frame(reader.Width, reader.Height);
        var times = new List<double>();
        while (await reader.ReadFrameAsync(frame, ct))
        {
            times.Add(reader.FrameTime!.Value.TotalSeconds);
            Assert.InRange(SourcePosition(frame), times.Count - 1 - 0.1, times.Count - 1 + 0.1);
        }

        Assert.Equal(s_times.Length, times.Count);
        for (int i = 0; i < s_times.Length; i++)
        {
            Assert.Equal(s_times[i], times[i], 3);
        }
    }

    [Fact]
    public async Task Retimer_VariableFrameRateSource_ShowsEachTimeItsSourcePositionAndKeepsTheDuration()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = GreyVfrClip("vfr-grey.mp4");
        var positions = new List<double>();
        await foreach (Frame f in new Retimer(new BlendInterpolator()).ReadFramesAsync(clip, new FrameRate(10), cancellationToken: ct))
        {
            using (f)
            {
                positions.Add(SourcePosition(f));
            }
        }

        // 2.6 s at 10 fps (counting frames at the declared rate gave 10 frames, 1 s).
        Assert.Equal(26, positions.Count);
        foreach (int i in (int[])[0, 3, 5, 6, 8, 12, 17, 20, 23, 25])
        {
            double expected = ExpectedPosition(i / 10.0);
            Assert.True(Math.Abs(positions[i] - expected) < 0.12, $"output frame {i} ({i / 10.0:0.0} s) shows position {positions[i]:0.00}, expected {expected:0.00}");
        }
    }

    [Fact]
    public async Task Retimer_VariableFrameRateRangeAtHalfSpeed_StartsAtTheRangeAndFollowsTimestamps()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = GreyVfrClip("vfr-grey.mkv");
        var retimer = new Retimer(new BlendInterpolator(), SpeedCurve.Constant(0.5)) { SourceStart = TimeSpan.FromSeconds(0.75), SourceDuration = TimeSpan.FromSeconds(1.5) };
        var positions = new List<double>();
        await foreach (Frame f in retimer.ReadFramesAsync(clip, new FrameRate(10), cancellationToken: ct))
        {
            using (f)
            {
                positions.Add(SourcePosition(f));
            }
        }

        // 1.5 s of source at half speed: 3 s. Source time 0.75 + i/20; the range holds frames 6–8 (1.0, 1.5, 2.0 s):
        // before 1.0 s it shows frame 6, after 2.0 s frame 8 (frame 9, at 2.5 s, is outside the range).
        Assert.Equal(30, positions.Count);
        foreach (int i in (int[])[0, 5, 6, 10, 15, 22, 29])
        {
            double expected = Math.Clamp(ExpectedPosition(0.75 + (i / 20.0)), 6, 8);
            Assert.True(Math.Abs(positions[i] - expected) < 0.12, $"output frame {i} shows position {positions[i]:0.00}, expected {expected:0.00}");
        }
    }

    [Fact]
    public async Task RetimedClipSource_VariableFrameRateClipInATimeline_RendersByTimestamps()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = GreyVfrClip("vfr-grey.mp4");
        string output = Path.Combine(TestMedia.NewFolder("vfr-timeline"), "out.mkv");
        var source = new RetimedClipSource(clip) { Mode = InterpolationMode.Blend, Fit = FitMode.Stretch };
        Timeline timeline = new TimelineBuilder(new Resolution(64, 48), new FrameRate(20))
            .AddSource(source, TimeSpan.Zero, TimeSpan.FromSeconds(2.6))
            .WithDuration(TimeSpan.FromSeconds(2.6))
            .Build();

        await new Renderer(new RenderOptions { Codec = VideoCodec.Ffv1 }).RenderAsync(timeline, output, cancellationToken: ct);
        await source.DisposeAsync();

        Assert.Equal(2.6, source.Duration!.Value.TotalSeconds, 2);
        var positions = new List<double>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(output, cancellationToken: ct))
        {
            using (f)
            {
                positions.Add(SourcePosition(f));
            }
        }

        Assert.Equal(52, positions.Count);
        foreach (int i in (int[])[1, 7, 11, 15, 25, 33, 47, 51])
        {
            double expected = ExpectedPosition(i / 20.0);
            Assert.True(Math.Abs(positions[i] - expected) < 0.12, $"timeline frame {i} shows position {positions[i]:0.00}, expected {expected:0.00}");
        }
    }

    [Fact]
    public async Task MontageSegmentSource_VariableFrameRateClip_ShowsTheFrameDueAtEachTime()
    {
        // A beat edit's segment is a VideoClipSource with a ClipPlayback (here slowed to 0.8 with a 0.2 s lead-in), the
        // item kind that replaced the montage's own clip reader: it must place a variable-frame-rate clip's frames by
        // their timestamps.
        CancellationToken ct = TestContext.Current.CancellationToken;
        string clip = GreyVfrClip("vfr-grey.mkv");
        var playback = new ClipPlayback { Speed = 0.8, LeadIn = TimeSpan.FromSeconds(0.2) };
        await using var source = new VideoClipSource(clip, TimeSpan.Zero, TimeSpan.FromSeconds(3), FitMode.Cover) { Playback = playback };
        await source.PrepareAsync(new FrameSourceContext { OutputSize = new Resolution(64, 48), FrameRate = new FrameRate(50), Options = VideoKitOptions.Default }, ct);
        using var frame = new Frame(64, 48);

        // Times well inside each frame's display interval (the montage shows the latest frame, no blending here);
        // out of order, so the source restarts its decoder when asked for an earlier time.
        foreach (double clipAt in (double[])[0.05, 0.36, 0.75, 1.3, 0.62, 2.2, 1.1])
        {
            // Clip time = (item time + lead-in) x speed.
            TimeSpan itemTime = TimeSpan.FromSeconds((clipAt / playback.Speed) - playback.LeadIn.TotalSeconds);
            await source.RenderFrameAsync(itemTime, frame, ct);
            double expected = Math.Floor(ExpectedPosition(clipAt));
            double shown = SourcePosition(frame);
            Assert.True(Math.Abs(shown - expected) < 0.12, $"at {clipAt:0.00} s into the clip the source shows position {shown:0.00}, expected frame {expected}");
        }
    }

    [Fact]
    public async Task InterpolateCli_TreeAvi_KeepsItsThirtySecondsAndShowsTheFrameDueAtEachTime()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string tree = InterpolationData.Footage("tree.avi");
        string output = Path.Combine(TestMedia.NewFolder("vfr-tree"), "tree5.mkv");

        Cli.Result result = await Cli.RunAsync("interpolate", tree, "--fps", "5", "--mode", "nearest", "-o", output, "--lossless");

        Assert.True(result.ExitCode == 0, result.StandardError);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: ct);
        Assert.InRange(info.Duration.TotalSeconds, 29.5, 29.7);   // 68 frames over 29.6 s (was 137 frames in 4.57 s at 30 fps)

        // The source frames with their times, and the output frames.
        var sourceTimes = new List<double>();
        var source = new List<Frame>();
        var outFrames = new List<Frame>();
        try
        {
            await using (VideoFrameReader reader = await VideoDecoder.OpenAsync(tree, new VideoDecodeOptions { SourceTimestamps = true }, cancellationToken: ct))
            {
                while (true)
                {
                    var f = new Frame(reader.Width, reader.Height);
                    if (!await reader.ReadFrameAsync(f, ct))
                    {
                        f.Dispose();
                        break;
                    }

                    source.Add(f);
                    sourceTimes.Add(reader.FrameTime!.Value.TotalSeconds);
                }
            }

            await foreach (Frame f in VideoDecoder.ReadFramesAsync(output, cancellationToken: ct))
            {
                outFrames.Add(f);
            }

            Assert.Equal(68, source.Count);
            Assert.Equal(29.533, sourceTimes[^1], 2);
            Assert.Equal(148, outFrames.Count);
            foreach (int i in (int[])[0, 4, 7, 30, 75, 120, 147])
            {
                // Nearest: the frame whose time is closest (the later one from halfway on).
                double at = i / 5.0;
                int k = sourceTimes.FindLastIndex(t => t <= at + 1e-6);
                if (k + 1 < sourceTimes.Count && at - sourceTimes[k] >= (sourceTimes[k + 1] - sourceTimes[k]) / 2)
                {
                    k++;
                }

                double match = ImageMetrics.Psnr(outFrames[i], source[k]);
                Assert.True(match >= 45, $"output frame {i} ({at:0.0} s) is not source frame {k} ({sourceTimes[k]:0.000} s): {match:0.0} dB");
                int other = k > 0 ? k - 1 : k + 1;
                Assert.True(ImageMetrics.Psnr(outFrames[i], source[other]) < match - 3, $"output frame {i} matches source frame {other} as well as {k}");
            }
        }
        finally
        {
            source.ForEach(f => f.Dispose());
            outFrames.ForEach(f => f.Dispose());
        }
    }

    /// <summary>The fractional source frame due at <paramref name="seconds"/> (linear between the enclosing frame times, held after the last).</summary>
    private static double ExpectedPosition(double seconds)
    {
        if (seconds >= s_times[^1])
        {
            return s_times.Length - 1;
        }

        int k = Array.FindLastIndex(s_times, t => t <= seconds + 1e-9);
        return k + ((seconds - s_times[k]) / (s_times[k + 1] - s_times[k]));
    }

    /// <summary>The source position a test frame shows: the mean red level of its grey patch (columns 2–13 of 64) / 20.</summary>
    private static double SourcePosition(Frame frame)
    {
        long sum = 0;
        int count = 0;
        int x0 = frame.Width * 2 / 64, x1 = frame.Width * 14 / 64;
        for (int y = 0; y < frame.Height; y++)
        {
            ReadOnlySpan<byte> row = frame.GetRow(y);
            for (int x = x0; x < x1; x++)
            {
                sum += row[x * 4];
                count++;
            }
        }

        return sum / (double)count / 20.0;
    }

    /// <summary>Ten frames (frame n with a patch of grey 20·n) at uneven times, written with passthrough timing (lossless H.264 in MP4, or FFV1 in Matroska).</summary>
    private static string GreyVfrClip(string name)
    {
        return TestMedia.CreateOnce(name, path =>
        {
            string[] codec = name.EndsWith(".mkv", StringComparison.Ordinal)
                ? ["-c:v", "ffv1"]
                : ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p"];
            TestMedia.FFmpeg([
                "-f", "lavfi", "-i", "color=c=black:s=64x48:r=10:d=1,format=gray,geq=lum='if(lt(X,16),N*20,mod(X*4+Y*2,256))'",
                "-vf", "setpts='if(lt(N,5),N*0.1,0.5+(N-5)*0.5)/TB'", "-fps_mode", "passthrough", .. codec, path]);
        });
    }
}
