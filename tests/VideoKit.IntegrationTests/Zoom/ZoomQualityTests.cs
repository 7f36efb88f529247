using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.Zoom;

[Trait("Category", "FFmpeg")]
public sealed class ZoomQualityTests
{
    private const int W = 512, H = 320;

    public static TheoryData<string, double, int> Sequences => new()
    {
        { "Garden.jpg", 2.0, 3 },
        { "LadyBird.jpg", 4.0 / 3.0, 5 },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task RenderFrame_IntegerZoom_MatchesLevel(string image, double factor, int count)
    {
        ZoomTestSequences src = await ZoomTestSequences.LoadAsync(image);
        var centres = Enumerable.Repeat((src.Width / 2.0, src.Height / 2.0), count).ToArray();
        using ZoomSequence sequence = ZoomSequence.FromFrames(src.Levels(count, factor, W, H, centres), Enumerable.Repeat<double?>(factor, count - 1));
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var frame = new Frame(W, H);

        for (int k = 0; k < count; k++)
        {
            compositor.RenderFrame(k, frame);
            double psnr = ImageMetrics.Psnr(frame, sequence.Levels[k]);
            TestContext.Current.TestOutputHelper?.WriteLine($"z={k}: {psnr:0.00} dB");
            Assert.True(psnr >= 40, $"z = {k}: PSNR {psnr:0.00} dB against level {k}, expected ≥ 40 dB");
        }
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public async Task RenderFrame_FractionalZoom_BeatsUpscalingTheOuterLevel(string image, double factor, int count)
    {
        ZoomTestSequences src = await ZoomTestSequences.LoadAsync(image);
        (double X, double Y) c = (src.Width / 2.0, src.Height / 2.0);
        var centres = Enumerable.Repeat(c, count).ToArray();
        using ZoomSequence sequence = ZoomSequence.FromFrames(src.Levels(count, factor, W, H, centres), Enumerable.Repeat<double?>(factor, count - 1));
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var frame = new Frame(W, H);

        foreach (double z in new[] { 0.3, 0.5, count - 1.5 })
        {
            using Frame truth = src.Crop(c.X, c.Y, W * Math.Pow(factor, z), W, H);
            compositor.RenderFrame(z, frame);
            double ours = ImageMetrics.Psnr(frame, truth);
            // Baseline: only the enclosing outer level, cropped and enlarged with the same bicubic filter.
            int outer = (int)Math.Ceiling(z);
            using var baseline = new Frame(W, H);
            compositor.Render(z, baseline, simd: true, outerOnly: true);
            double theirs = ImageMetrics.Psnr(baseline, truth);
            TestContext.Current.TestOutputHelper?.WriteLine($"z={z}: ours {ours:0.00} dB, outer level only {theirs:0.00} dB");
            Assert.True(ours >= theirs + 2, $"z = {z}: {ours:0.00} dB is not clearly better than upscaling level {outer} ({theirs:0.00} dB)");
            Assert.True(ours >= 30, $"z = {z}: {ours:0.00} dB against the ground truth");
        }
    }
}
