using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Interpolation;

[Trait("Category", "FFmpeg")]
public sealed class InterpolationQualityTests
{
    private static string Image(string name) => InterpolationData.Image(name);

    [Fact]
    public async Task Motion_UniformPanOfARealPhoto_RecoversTheMidpoint()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using Frame photo = await ImageFile.LoadAsync(Image("Garden.jpg"), new Resolution(1024, 640), cancellationToken: ct);
        const int x0 = 200, y0 = 120, w = 640, h = 360;
        using Frame a = Crop(photo, x0, y0, w, h);
        using Frame b = Crop(photo, x0 - 14, y0 - 6, w, h);
        using Frame truth = Crop(photo, x0 - 7, y0 - 3, w, h);
        using var d = new Frame(w, h);

        new MotionCompensatedInterpolator().Interpolate(a, b, 0.5, d);

        double psnr = InteriorPsnr(d, truth, 24);
        Assert.True(psnr >= 35, $"PSNR of the recovered pan {psnr:0.00} dB < 35 dB");
    }

    [Fact]
    public async Task Motion_CutBetweenTwoRealPhotos_GivesACopyNotAGhost()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var size = new Resolution(320, 200);
        using Frame a = await ImageFile.LoadAsync(Image("Garden.jpg"), size, cancellationToken: ct);
        using Frame b = await ImageFile.LoadAsync(Image("Dune.jpg"), size, cancellationToken: ct);
        using var d = new Frame(320, 200);

        foreach (IFrameInterpolator interpolator in (IFrameInterpolator[])[new MotionCompensatedInterpolator(), new BlendInterpolator()])
        {
            interpolator.Interpolate(a, b, 0.3, d);
            Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(a, d));
            interpolator.Interpolate(a, b, 0.7, d);
            Assert.Equal(double.PositiveInfinity, ImageMetrics.Psnr(b, d));
        }
    }

    [Theory]
    [InlineData("box.mp4", 61)] // 640×480, a box moved by hand: the first 61 of 456 frames
    [InlineData("tree.avi", 67)] // 320×240, leaves in the wind and a hand sweeping past: all 68 frames but the last
    public async Task Motion_PublicFootageOddFramesRebuilt_BeatsMinterpolateMeasuredHere(string clip, int count)
    {
        // Keep the even frames of real camera footage, rebuild the odd ones, compare with the real odd frames; FFmpeg's
        // minterpolate (mci, aobmc, bidir) gets the same even frames as raw video, and both are scored on the same odd
        // frames (minterpolate does not emit the last ones).
        CancellationToken ct = TestContext.Current.CancellationToken;
        var frames = new List<Frame>();
        try
        {
            string path = InterpolationData.Footage(clip);
            await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: ct))
            {
                frames.Add(f);
                if (frames.Count == count)
                {
                    break;
                }
            }

            Assert.Equal(count, frames.Count);
            int w = frames[0].Width, h = frames[0].Height;
            string folder = TestMedia.NewFolder("minterpolate");
            string even = Path.Combine(folder, "even.rgba"), mi = Path.Combine(folder, "mi.rgba");
            await using (FileStream s = File.Create(even))
            {
                for (int i = 0; i < count; i += 2)
                {
                    await s.WriteAsync(frames[i].Memory, ct);
                }
            }

            TestMedia.FFmpeg("-f", "rawvideo", "-pix_fmt", "rgba", "-s", string.Create(CultureInfo.InvariantCulture, $"{w}x{h}"), "-r", "15", "-i", even,
                "-vf", "minterpolate=fps=30:mi_mode=mci:mc_mode=aobmc:me_mode=bidir", "-f", "rawvideo", "-pix_fmt", "rgba", mi);

            var motion = new MotionCompensatedInterpolator();
            double oursPsnr = 0, oursSsim = 0, miPsnr = 0, miSsim = 0;
            int n = 0;
            using var ours = new Frame(w, h);
            using var theirs = new Frame(w, h);
            await using FileStream miFrames = File.OpenRead(mi);
            for (int k = 1; k + 1 < count && (long)(k + 1) * theirs.Length <= miFrames.Length; k += 2)
            {
                motion.Interpolate(frames[k - 1], frames[k + 1], 0.5, ours);
                miFrames.Position = (long)k * theirs.Length;
                await miFrames.ReadExactlyAsync(theirs.Memory, ct);
                oursPsnr += ImageMetrics.Psnr(ours, frames[k]);
                oursSsim += ImageMetrics.Ssim(ours, frames[k]);
                miPsnr += ImageMetrics.Psnr(theirs, frames[k]);
                miSsim += ImageMetrics.Ssim(theirs, frames[k]);
                n++;
            }

            Assert.True(n >= 25, $"minterpolate gave only {miFrames.Length / theirs.Length} frames of {clip}");
            (oursPsnr, oursSsim, miPsnr, miSsim) = (oursPsnr / n, oursSsim / n, miPsnr / n, miSsim / n);
            TestContext.Current.TestOutputHelper?.WriteLine($"{clip}, {n} odd frames: VideoKit motion {oursPsnr:0.00} dB SSIM {oursSsim:0.0000}; minterpolate {miPsnr:0.00} dB SSIM {miSsim:0.0000}");
            Assert.True(oursPsnr > miPsnr, $"{clip}: VideoKit motion {oursPsnr:0.00} dB does not beat minterpolate {miPsnr:0.00} dB");
            Assert.True(oursSsim > miSsim, $"{clip}: VideoKit motion SSIM {oursSsim:0.0000} does not beat minterpolate {miSsim:0.0000}");
        }
        finally
        {
            foreach (Frame f in frames)
            {
                f.Dispose();
            }
        }
    }

    internal static Frame Crop(Frame source, int x, int y, int width, int height)
    {
        var frame = new Frame(width, height, source.Format);
        for (int r = 0; r < height; r++)
        {
            source.GetRow(y + r).Slice(x * 4, width * 4).CopyTo(frame.GetRow(r));
        }

        return frame;
    }

    private static double InteriorPsnr(Frame a, Frame b, int margin)
    {
        using Frame ca = Crop(a, margin, margin, a.Width - (2 * margin), a.Height - (2 * margin));
        using Frame cb = Crop(b, margin, margin, b.Width - (2 * margin), b.Height - (2 * margin));
        return ImageMetrics.Psnr(ca, cb);
    }
}
