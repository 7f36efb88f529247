using VideoKit.Editing;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.IntegrationTests.Editing;

/// <summary>
/// A beat edit's clips go to the encoder as yuv420p straight from FFmpeg (no colour conversion), and frames under a
/// transition go through RGBA and back: both must show the clip's own picture.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class MontageYuvPathTests
{
    [Fact]
    public async Task RenderAsync_CrossfadeAndWhipPlan_PlainAndTransitionFramesMatchTheClips()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string a = EditingMedia.Clip(0, 320, 180, 30, 3), b = EditingMedia.Clip(1, 320, 180, 30, 3);
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.25), 4, TimeSpan.FromSeconds(3));
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2), Transition = Transition.Whip(TimeSpan.FromMilliseconds(200)) }.Plan(grid, 2, FrameRate.Fps30);
        string output = Path.Combine(TestMedia.NewFolder("montage-yuv"), "montage.mp4");
        var options = new MontageOptions { Size = new Resolution(320, 180), Verify = false, Render = new RenderOptions { Preset = "ultrafast", Crf = 8 } };

        MontageResult result = await BeatMontage.RenderAsync(plan, [MontageClip.Video(a), MontageClip.Video(b)], null, output, options, cancellationToken: ct);

        List<Frame> rendered = await ReadAsync(output, ct);
        List<Frame> clipA = await ReadAsync(a, ct);
        try
        {
            Assert.Equal(plan.TotalFrames, rendered.Count);
            PlannedCut first = plan.Cuts[0];
            Assert.Equal(FitMethod.Trim, result.Fits[0].Method);

            // Segment 0 plays clip a from 0 at speed 1: output frame f is clip frame f, before and inside the whip's window.
            for (long f = 3; f < first.TransitionStartFrame; f += 5)
            {
                double psnr = ImageMetrics.Psnr(rendered[(int)f], clipA[(int)f]);
                Assert.True(psnr > 33, $"frame {f} (plain, yuv420p straight to the encoder): PSNR {psnr:0.0} dB against the clip");
            }

            // The whip's window is composed in RGBA: its first frame is the outgoing clip barely moved, so it still looks
            // like the clip (no colour shift between the yuv and the RGBA paths).
            Frame start = rendered[(int)first.TransitionStartFrame];
            Frame reference = clipA[(int)first.TransitionStartFrame];
            Assert.True(Math.Abs(Mean(start) - Mean(reference)) < 3, $"mean level {Mean(start):0.0} under the whip against {Mean(reference):0.0} in the clip");
        }
        finally
        {
            rendered.ForEach(f => f.Dispose());
            clipA.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData("bt709", "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv", "yuv420p")]
    [InlineData("full-range", "-color_range pc", "yuvj420p")]
    [InlineData("bt601-tagged", "-colorspace smpte170m -color_range tv", "yuv422p")]
    public async Task Render_ClipsWithOtherTags_ShowTheClipsOwnColours(string name, string tags, string pixelFormat)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("yuv-tags-" + name);
        string clip = Path.Combine(folder, "clip.mp4");
        TestMedia.FFmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30:duration=1", "-vf", "format=" + pixelFormat,
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "4", .. tags.Split(' '), clip]);
        string song = TestMedia.Tone("yuv-tags-song.wav", 1);
        Timeline timeline = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30).WithSong(song)
            .AddVideo(clip, TimeSpan.Zero, TimeSpan.FromSeconds(1)).Build();
        string output = Path.Combine(folder, "out.mp4");

        await new Renderer(new RenderOptions { Preset = "ultrafast", Crf = 8 }).RenderAsync(timeline, output, cancellationToken: ct);

        List<Frame> rendered = await ReadAsync(output, ct);
        List<Frame> source = await ReadAsync(clip, ct);
        try
        {
            for (int f = 2; f < 30; f += 9)
            {
                double psnr = ImageMetrics.Psnr(rendered[f], source[f]);
                Assert.True(psnr > 33, $"{name}, frame {f}: PSNR {psnr:0.0} dB against the clip");
                Assert.True(Math.Abs(Mean(rendered[f]) - Mean(source[f])) < 2, $"{name}, frame {f}: mean level {Mean(rendered[f]):0.0} against {Mean(source[f]):0.0}");
            }
        }
        finally
        {
            rendered.ForEach(f => f.Dispose());
            source.ForEach(f => f.Dispose());
        }
    }

    private static async Task<List<Frame>> ReadAsync(string path, CancellationToken ct)
    {
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: ct))
        {
            frames.Add(f);
        }

        return frames;
    }

    private static double Mean(Frame f)
    {
        long sum = 0;
        ReadOnlySpan<byte> s = f.Span;
        for (int i = 0; i < s.Length; i += 4)
        {
            sum += s[i] + s[i + 1] + s[i + 2];
        }

        return sum / (s.Length / 4 * 3.0);
    }
}
