using System.Globalization;
using VideoKit.Imaging;
using VideoKit.IntegrationTests.Editing;
using VideoKit.Media;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.Composition;

/// <summary>
/// A beat edit on the video track with a picture-in-picture clip and a full-frame PNG with alpha, opacity and fades on
/// overlay tracks, checked against the same composition made by FFmpeg's own <c>overlay</c> filter.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class OverlayCompositionTests
{
    private const int W = 320, H = 180;

    private static string Folder()
    {
        string folder = TestMedia.NewFolder("overlays");
        File.Copy(EditingMedia.Clip(0, W, H, 30, 3), Path.Combine(folder, "a.mp4"));
        File.Copy(EditingMedia.Clip(1, W, H, 30, 3), Path.Combine(folder, "b.mp4"));
        File.Copy(BeatFiles.Song("simu_techno_movement"), Path.Combine(folder, "song.flac"));
        File.Copy(Path.Combine(TestMedia.DataFolder, "beats", "simu_techno_movement.beats"), Path.Combine(folder, "song.beats"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc=size=320x180:rate=30:duration=5", "-c:v", "libx264", "-pix_fmt", "yuv420p", Path.Combine(folder, "pip.mp4"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0xff8000:size=320x180,drawgrid=w=32:h=32:t=3:c=blue", "-frames:v", "1", "-vf", "format=rgba,colorchannelmixer=aa=0.6", Path.Combine(folder, "logo.png"));
        return folder;
    }

    private static string Project(string folder, string name, bool overlays)
    {
        string json = """
            { "song": "song.flac", "duration": 6, "output": { "width": 320, "height": 180, "fps": 30, "codec": "ffv1" },
              "edit": { "cutEvery": { "beats": 2 }, "beatGrid": "song.beats", "transition": "cut" },
              "clips": ["a.mp4", "b.mp4"]
            """ + (overlays ? """
              , "overlays": [
                { "video": "pip.mp4", "start": 1, "duration": 3, "rect": { "x": 0.5, "y": 0.1, "width": 0.4 } },
                { "image": "logo.png", "start": 0, "duration": 6, "rect": { "x": 0, "y": 0, "width": 1 }, "opacity": 0.8, "fadeIn": 1, "fadeOut": 1 }
              ]
            """ : string.Empty) + "}";
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Render_BeatEditWithPictureInPictureAndFadingPng_MatchesFFmpegOverlayFilter()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = Folder();
        ProjectFile withOverlays = await ProjectFile.LoadAsync(Project(folder, "overlays.json", overlays: true), cancellationToken: ct);
        ProjectFile plain = await ProjectFile.LoadAsync(Project(folder, "plain.json", overlays: false), cancellationToken: ct);
        Assert.Equal(2, withOverlays.Timeline.Overlays.Count);
        Assert.NotNull(withOverlays.EditPlan);

        string ours = Path.Combine(folder, "ours.mkv");
        string basePath = Path.Combine(folder, "base.mkv");
        await withOverlays.RenderAsync(ours, cancellationToken: ct);
        await plain.RenderAsync(basePath, cancellationToken: ct);

        // The reference: FFmpeg composes the same overlays over the same beat edit, blending in RGB.
        string reference = Path.Combine(folder, "reference.mkv");
        TestMedia.FFmpeg(
            "-i", basePath, "-i", Path.Combine(folder, "pip.mp4"), "-loop", "1", "-framerate", "30", "-t", "6", "-i", Path.Combine(folder, "logo.png"),
            "-filter_complex",
            "[1:v]scale=128:72:flags=bicubic,setpts=PTS-STARTPTS+1/TB[pip];" +
            "[2:v]format=rgba,colorchannelmixer=aa=0.8,fade=t=in:st=0:d=1:alpha=1,fade=t=out:st=5:d=1:alpha=1[logo];" +
            "[0:v][pip]overlay=x=160:y=18:enable='gte(t,1)*lt(t,4)':eof_action=pass:format=rgb[v1];" +
            "[v1][logo]overlay=0:0:shortest=1:format=rgb,format=bgr0[out]",
            "-map", "[out]", "-c:v", "ffv1", reference);

        List<Frame> a = await DecodeAsync(ours, ct), b = await DecodeAsync(reference, ct), plainFrames = await DecodeAsync(basePath, ct);
        try
        {
            Assert.Equal(180, a.Count);
            Assert.True(b.Count >= 179, $"reference has {b.Count} frames");
            foreach (int f in (int[])[15, 45, 60, 90, 105, 150, 165])
            {
                double psnr = ImageMetrics.Psnr(a[f], b[f]);
                Assert.True(psnr > 35, string.Create(CultureInfo.InvariantCulture, $"frame {f}: {psnr:0.0} dB against FFmpeg's overlay"));
            }

            // The overlays are really there: the picture in picture covers its rect from 1 s to 4 s and nowhere else.
            Rect pip = new(160, 18, 128, 72);
            Assert.True(RegionPsnr(a[60], plainFrames[60], pip) < 20, "the picture in picture is missing at 2 s");
            Assert.True(RegionPsnr(a[150], b[150], pip) > 35, "the picture in picture is still drawn after its end");

            // The PNG's opacity follows the fades: none at the start, 0.8 × 0.6 alpha in the middle, half of that mid-fade.
            double full = MeanDifference(a[90], plainFrames[90], new Rect(0, 100, W, 80));
            double half = MeanDifference(a[15], plainFrames[15], new Rect(0, 100, W, 80));
            Assert.True(MeanDifference(a[0], plainFrames[0], new Rect(0, 0, W, H)) < 1.5, "the PNG is visible before its fade-in");
            Assert.InRange(half / full, 0.4, 0.6);
        }
        finally
        {
            foreach (Frame f in a.Concat(b).Concat(plainFrames))
            {
                f.Dispose();
            }
        }
    }

    [Fact]
    public async Task RenderFrameAsync_MatchesTheSameFrameOfTheRenderedVideo()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = Folder();
        ProjectFile project = await ProjectFile.LoadAsync(Project(folder, "overlays.json", overlays: true), cancellationToken: ct);
        string ours = Path.Combine(folder, "ours.mkv");
        await project.RenderAsync(ours, cancellationToken: ct);
        List<Frame> frames = await DecodeAsync(ours, ct);
        try
        {
            using Frame still = await project.RenderFrameAsync(TimeSpan.FromSeconds(2.5), ct);
            Assert.True(ImageMetrics.Psnr(still, frames[75]) > 45, "the still frame differs from frame 75 of the render");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private readonly record struct Rect(int X, int Y, int Width, int Height);

    private static async Task<List<Frame>> DecodeAsync(string path, CancellationToken ct)
    {
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: ct))
        {
            frames.Add(f);
        }

        return frames;
    }

    private static double RegionPsnr(Frame a, Frame b, Rect r)
    {
        using Frame ca = Crop(a, r), cb = Crop(b, r);
        return ImageMetrics.Psnr(ca, cb);
    }

    private static double MeanDifference(Frame a, Frame b, Rect r)
    {
        double sum = 0;
        for (int y = r.Y; y < r.Y + r.Height; y++)
        {
            ReadOnlySpan<byte> ra = a.GetRow(y), rb = b.GetRow(y);
            for (int x = r.X * 4; x < (r.X + r.Width) * 4; x++)
            {
                if ((x & 3) != 3)
                {
                    sum += Math.Abs(ra[x] - rb[x]);
                }
            }
        }

        return sum / (r.Width * r.Height * 3);
    }

    private static Frame Crop(Frame f, Rect r)
    {
        var c = new Frame(r.Width, r.Height);
        for (int y = 0; y < r.Height; y++)
        {
            f.GetRow(r.Y + y).Slice(r.X * 4, r.Width * 4).CopyTo(c.GetRow(y));
        }

        return c;
    }
}
