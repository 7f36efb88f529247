using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Rendering;

[Trait("Category", "FFmpeg")]
public sealed class RenderTests
{
    private static readonly Resolution s_size = new(160, 90);

    [Fact]
    public async Task RenderAsync_StillsClipsAndCrossfade_WritesExactFramesWithAudio()
    {
        string folder = TestMedia.NewFolder("render");
        string song = TestMedia.Tone("render-song-3s.wav", 3.0);
        string clip = TestMedia.Clip("render-clip.mp4", 320, 240, 25, 4);
        string image = TestMedia.Image("render-still.png", 200, 200);
        string output = Path.Combine(folder, "out.mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30)
            .WithSong(song)
            .AddImage(image, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddVideo(clip, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), inPoint: TimeSpan.FromSeconds(1), transition: Transition.Crossfade(TimeSpan.FromSeconds(0.4)))
            .AddImage(image, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), FitMode.Contain, Transition.Crossfade(TimeSpan.FromSeconds(0.2)))
            .Build();
        var reports = new List<RenderProgress>();

        RenderResult result = await timeline.RenderAsync(output, progress: new SyncProgress<RenderProgress>(reports.Add), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(90, result.FrameCount);
        Assert.Equal(90, await CountFramesAsync(output));
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(info.PrimaryAudio);
        Assert.InRange(Math.Abs((info.Duration - TimeSpan.FromSeconds(3)).TotalSeconds), 0, 1.0 / 30 + 0.03);
        Assert.Equal(90, reports[^1].FramesEncoded);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    [Fact]
    public async Task RenderAsync_ItemsPastTheEnd_AreCutWithAWarningOnLogAndInTheResult()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("render-past-end");
        string image = TestMedia.Image("render-still.png", 200, 200);
        var logged = new List<string>();
        var options = new RenderOptions { Preset = "ultrafast", Options = new VideoKitOptions { Log = logged.Add } };
        Timeline bySong = new TimelineBuilder(s_size, FrameRate.Fps30)
            .WithSong(TestMedia.Tone("render-song-2s.wav", 2.0))
            .AddImage(image, TimeSpan.Zero, TimeSpan.FromSeconds(1.5))
            .AddImage(image, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.5))   // ends exactly at the end: no warning
            .AddOverlayImage(image, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), OverlayPlacement.At(0.1, 0.1, 0.2))
            .Build();
        Timeline byDuration = new TimelineBuilder(s_size, FrameRate.Fps30)
            .WithDuration(TimeSpan.FromSeconds(1))
            .AddImage(image, TimeSpan.Zero, TimeSpan.FromSeconds(1.25))
            .Build();

        RenderResult song = await bySong.RenderAsync(Path.Combine(folder, "song.mp4"), options, cancellationToken: ct);
        RenderResult duration = await byDuration.RenderAsync(Path.Combine(folder, "duration.mp4"), options, cancellationToken: ct);

        string overlay = $"overlay #3 '{image}' (1 s to 3 s) runs past the video's end at 2 s (the song's length); its last 1 s are not shown";
        string item = $"item #1 '{image}' (0 s to 1.25 s) runs past the video's end at 1 s (the set duration); its last 0.25 s are not shown";
        Assert.Equal([overlay], song.Warnings);
        Assert.Equal([item], duration.Warnings);
        Assert.Equal([overlay, item], logged);
        Assert.Equal(60, song.FrameCount);   // the song is the master clock: the render is not lengthened
        Assert.Equal(30, duration.FrameCount);
    }

    [Theory]
    [InlineData(VideoCodec.Ffv1, ".mkv", 2)]   // composed in RGBA
    [InlineData(VideoCodec.H264, ".mp4", 4)]   // composed in yuv420p (crf 0: only the 8-bit limited-range rounding)
    public async Task RenderAsync_CrossfadeMidpoint_IsTheMeanOfBothSides(VideoCodec codec, string extension, int tolerance)
    {
        string folder = TestMedia.NewFolder("xfade");
        string red = TestMedia.Solid("xfade-red.png", 64, 36, "0xC83214");
        string blue = TestMedia.Solid("xfade-blue.png", 64, 36, "0x1E50DC");
        string output = Path.Combine(folder, "xfade" + extension);
        // An 11-frame crossfade centred on frame 30: frame 30 is its middle, weight exactly 0.5.
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(2))
            .AddImage(red, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddImage(blue, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), transition: Transition.Crossfade(TimeSpan.FromSeconds(11.0 / 30)))
            .Build();

        await timeline.RenderAsync(output, new RenderOptions { Codec = codec, Crf = codec == VideoCodec.H264 ? 0 : null }, cancellationToken: TestContext.Current.CancellationToken);

        using Frame a = await ImageFile.LoadAsync(red, cancellationToken: TestContext.Current.CancellationToken);
        using Frame b = await ImageFile.LoadAsync(blue, cancellationToken: TestContext.Current.CancellationToken);
        Rgba32Pixel pa = Pixel(a, 5, 5), pb = Pixel(b, 5, 5);
        List<Frame> frames = await ReadAllAsync(output);
        try
        {
            Assert.Equal(60, frames.Count);
            AssertColour(frames[20], pa.R, pa.G, pa.B, tolerance);
            AssertColour(frames[30], (pa.R + pb.R) / 2, (pa.G + pb.G) / 2, (pa.B + pb.B) / 2, tolerance);
            AssertColour(frames[45], pb.R, pb.G, pb.B, tolerance);
            Assert.True(frames[27].GetPixelRow(10)[10].R > frames[30].GetPixelRow(10)[10].R, "the blend moves towards the second picture");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData(FitMode.Cover, true)]
    [InlineData(FitMode.Contain, false)]
    [InlineData(FitMode.Stretch, true)]
    public async Task RenderAsync_SquareImageInWideFrame_FitsByMode(FitMode fit, bool edgeCovered)
    {
        string square = TestMedia.Solid("fit-square.png", 100, 100, "white");
        string output = Path.Combine(TestMedia.NewFolder("fit"), "fit.mkv");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(0.1))
            .AddImage(square, TimeSpan.Zero, TimeSpan.FromSeconds(0.1), fit)
            .Build();

        await timeline.RenderAsync(output, new RenderOptions { Codec = VideoCodec.Ffv1 }, cancellationToken: TestContext.Current.CancellationToken);

        List<Frame> frames = await ReadAllAsync(output);
        try
        {
            Frame f = frames[0];
            Assert.Equal(255, f.GetPixelRow(45)[80].R);                       // the centre is always the picture
            Assert.Equal(edgeCovered ? 255 : 0, f.GetPixelRow(45)[10].R);     // contain: 90x90 centred, 35 px bars
            Assert.Equal(edgeCovered ? 255 : 0, f.GetPixelRow(45)[150].R);
            Assert.Equal(255, f.GetPixelRow(45)[36].R);
            Assert.Equal(255, f.GetPixelRow(0)[80].R);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task RenderAsync_H264_ColoursSurviveTheRoundTripAndAreTaggedBt709()
    {
        string bars = TestMedia.Image("colour-bars.png", 320, 180, "smptehdbars");
        string output = Path.Combine(TestMedia.NewFolder("colour"), "colour.mp4");
        var size = new Resolution(320, 180);
        Timeline timeline = new TimelineBuilder(size, FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(0.2))
            .AddImage(bars, TimeSpan.Zero, TimeSpan.FromSeconds(0.2), FitMode.Stretch)
            .Build();

        await timeline.RenderAsync(output, new RenderOptions { Crf = 0, Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);

        using Frame expected = await ImageFile.LoadAsync(bars, size, cancellationToken: TestContext.Current.CancellationToken);
        List<Frame> frames = await ReadAllAsync(output);
        try
        {
            double psnr = ImageMetrics.Psnr(expected, frames[3]);
            Assert.True(psnr > 30, $"PSNR {psnr:0.0} dB");
            // A flat patch (the yellow bar) keeps its colour within the 8-bit limited-range rounding (a few levels);
            // a BT.601/BT.709 or range mismatch moves green by more than 10.
            Rgba32Pixel want = Pixel(expected, 80, 40), got = Pixel(frames[3], 80, 40);
            Assert.InRange(got.R, want.R - 4, want.R + 4);
            Assert.InRange(got.G, want.G - 4, want.G + 4);
            Assert.InRange(got.B, want.B - 4, want.B + 4);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }

        string tags = await ProbeColourTagsAsync(output);
        Assert.Equal("tv,bt709,bt709,bt709", tags);
    }

    [Fact]
    public async Task RenderAsync_NamesWithSpacesQuotesUnicodeAndLeadingDash_Work()
    {
        string folder = TestMedia.NewFolder("-odd 'folder' \"q\"");
        string song = Path.Combine(folder, "-song \"quoted\" ü.wav");
        File.Copy(TestMedia.Tone("odd-song.wav", 1), song);
        string image = Path.Combine(folder, "-it's a \\still\\ ✓.png");
        File.Copy(TestMedia.Image("odd-still.png", 64, 48), image);
        string output = Path.Combine(folder, "-out \"final\" ü\\.mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(song).AddImage(image, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Build();

        RenderResult result = await timeline.RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(output, result.OutputPath);
        Assert.Equal(30, await CountFramesAsync(output));
        Assert.NotNull((await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken)).PrimaryAudio);
    }

    [Fact]
    public async Task VideoEncoder_WrittenFrames_AppearOnlyOnComplete()
    {
        string output = Path.Combine(TestMedia.NewFolder("encoder"), "direct.mkv");
        var settings = new VideoEncoderSettings { Size = new Resolution(64, 36), FrameRate = FrameRate.Fps25, Codec = VideoCodec.Ffv1 };
        await using (VideoEncoder encoder = VideoEncoder.Open(output, settings))
        {
            using var frame = new Frame(64, 36);
            for (int i = 0; i < 10; i++)
            {
                frame.Fill((byte)(i * 20), 0, 0);
                await encoder.WriteFrameAsync(frame, TestContext.Current.CancellationToken);
            }

            Assert.False(File.Exists(output));
            await encoder.CompleteAsync(TestContext.Current.CancellationToken);
        }

        List<Frame> frames = await ReadAllAsync(output);
        try
        {
            Assert.Equal(10, frames.Count);
            Assert.Equal(180, frames[9].GetPixelRow(5)[5].R);
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task VideoEncoder_DisposedWithoutComplete_LeavesNothing()
    {
        string folder = TestMedia.NewFolder("abandon");
        string output = Path.Combine(folder, "abandoned.mp4");
        await using (VideoEncoder encoder = VideoEncoder.Open(output, new VideoEncoderSettings { Size = new Resolution(64, 36), FrameRate = FrameRate.Fps25 }))
        {
            using var frame = new Frame(64, 36);
            frame.Fill(1, 2, 3);
            await encoder.WriteFrameAsync(frame, TestContext.Current.CancellationToken);
        }

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private static async Task<List<Frame>> ReadAllAsync(string path)
    {
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: TestContext.Current.CancellationToken))
        {
            frames.Add(f);
        }

        return frames;
    }

    private readonly record struct Rgba32Pixel(int R, int G, int B);

    private static Rgba32Pixel Pixel(Frame f, int x, int y)
    {
        var p = f.GetPixelRow(y)[x];
        return new Rgba32Pixel(p.R, p.G, p.B);
    }

    private static void AssertColour(Frame frame, int r, int g, int b, int tolerance)
    {
        var p = frame.GetPixelRow(frame.Height / 2)[frame.Width / 2];
        Assert.InRange(p.R, r - tolerance, r + tolerance);
        Assert.InRange(p.G, g - tolerance, g + tolerance);
        Assert.InRange(p.B, b - tolerance, b + tolerance);
    }

    private static async Task<string> ProbeColourTagsAsync(string path)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=color_range,color_space,color_transfer,color_primaries", "-of", "csv=p=0", path])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text.Trim();
    }

    /// <summary>Counts decoded frames with ffprobe -count_frames.</summary>
    internal static async Task<long> CountFramesAsync(string path)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}

/// <summary>An IProgress that calls back synchronously (Progress&lt;T&gt; posts to the thread pool and may arrive late).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
