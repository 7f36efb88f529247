using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Stills;

namespace VideoKit.IntegrationTests.Words;

[Trait("Category", "FFmpeg")]
public sealed class KenBurnsRenderTests
{
    private static readonly Resolution s_size = new(160, 90);

    [Fact]
    public async Task KenBurns_StartAndEndFrames_MatchAnFFmpegCropAndScaleOfTheRectangles()
    {
        string image = TestMedia.Image("kenburns-source.png", 640, 360);
        var move = new KenBurnsMove { From = new Framing(0, 0, 1), To = new Framing(0.25, 0.2, 0.5), Easing = KenBurnsEasing.Linear };
        var source = new KenBurnsSource(image, move, TimeSpan.FromSeconds(1));
        await source.PrepareAsync(new FrameSourceContext { OutputSize = s_size, FrameRate = FrameRate.Fps30 }, TestContext.Current.CancellationToken);
        using var first = new Frame(160, 90);
        using var last = new Frame(160, 90);
        await source.RenderFrameAsync(TimeSpan.Zero, first, TestContext.Current.CancellationToken);
        await source.RenderFrameAsync(TimeSpan.FromSeconds(1), last, TestContext.Current.CancellationToken);
        await source.DisposeAsync();

        // 0.5 of 640 = 320 wide, 180 high at 16:9, from (160, 72).
        using Frame referenceFirst = await Reference(image, "640:360:0:0");
        using Frame referenceLast = await Reference(image, "320:180:160:72");

        Assert.True(ImageMetrics.Psnr(first, referenceFirst) > 30, $"start framing PSNR {ImageMetrics.Psnr(first, referenceFirst):0.0} dB");
        Assert.True(ImageMetrics.Psnr(last, referenceLast) > 30, $"end framing PSNR {ImageMetrics.Psnr(last, referenceLast):0.0} dB");
        Assert.True(ImageMetrics.Psnr(last, referenceFirst) < 20, "the end frame must not look like the start");
    }

    [Fact]
    public async Task KenBurns_AutoOnAPictureWithOneDetailedCorner_ZoomsTowardIt()
    {
        // A flat picture with a busy (testsrc2) patch in its lower right quarter.
        string path = TestMedia.CreateOnce("kenburns-corner.png", file =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0x336699:size=640x360:rate=1", "-f", "lavfi", "-i", "testsrc2=size=240x135:rate=1",
                "-filter_complex", "[0][1]overlay=380:205", "-frames:v", "1", "-update", "1", file));

        var source = new KenBurnsSource(path, KenBurnsMove.Auto, TimeSpan.FromSeconds(2));
        await source.PrepareAsync(new FrameSourceContext { OutputSize = s_size, FrameRate = FrameRate.Fps30 }, TestContext.Current.CancellationToken);
        (Framing from, Framing to) = source.ResolvedFramings!.Value;
        await source.DisposeAsync();

        Assert.Equal(new Framing(0, 0, 1), from);
        Assert.InRange(to.X + (to.Width / 2), 0.6, 1.0);   // centred on the right
        Assert.InRange(to.Y + (to.Width * 640 / 360 * 9 / 16 / 2), 0.6, 1.0);
    }

    [Fact]
    public async Task KenBurns_FramingOutsideTheImage_IsAClearError()
    {
        string image = TestMedia.Image("kenburns-source.png", 640, 360);
        var source = new KenBurnsSource(image, new KenBurnsMove { To = new Framing(0.6, 0.5, 0.5) }, TimeSpan.FromSeconds(1));

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await source.PrepareAsync(new FrameSourceContext { OutputSize = s_size, FrameRate = FrameRate.Fps30 }, TestContext.Current.CancellationToken));

        Assert.StartsWith("The Ken Burns framing 'to' { x: 0.6, y: 0.5, width: 0.5 } reaches outside", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<Frame> Reference(string image, string crop)
    {
        string path = Path.Combine(TestMedia.Root, "kenburns-ref-" + crop.Replace(':', '-') + ".png");
        TestMedia.FFmpeg("-i", image, "-vf", string.Create(CultureInfo.InvariantCulture, $"crop={crop},scale=160:90:flags=area"), "-frames:v", "1", "-update", "1", path);
        return await ImageFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }
}
