using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.Zoom;

[Trait("Category", "FFmpeg")]
public sealed class ZoomSeamAndJitterTests
{
    private const int W = 512, H = 320;

    [Fact]
    public async Task RenderFrame_PerturbedSequence_ShowsNoSeamAcrossTheFeatherBand()
    {
        (string folder, _) = await ZoomAlignmentTests.PerturbedAsync("Garden.jpg", 2.0, 3, seed: 11);
        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, 2.0, cancellationToken: TestContext.Current.CancellationToken);
        IReadOnlyList<ZoomStep> steps = ZoomAligner.Align(sequence, cancellationToken: TestContext.Current.CancellationToken);
        using var blended = new ZoomCompositor(sequence, steps);
        using var pasted = new ZoomCompositor(sequence, steps, new ZoomCompositorOptions { FeatherFraction = 0, MatchColors = false });
        using var frame = new Frame(W, H);
        using var reference = new Frame(W, H);

        foreach (double z in new[] { 0.5, 1.5 })
        {
            int inner = (int)Math.Floor(z);
            (double x0, double y0, double x1, double y1) = blended.LevelRectangle(z, inner, W, H);
            // The step is measured against the outer level alone (upscaled), which has the same natural gradients but no seam.
            blended.Render(z, reference, simd: true, outerOnly: true);
            blended.RenderFrame(z, frame);
            double ours = IntensityStep(frame, reference, x0, y0, x1, y1);
            pasted.Render(z, reference, simd: true, outerOnly: true);
            pasted.RenderFrame(z, frame);
            double hard = IntensityStep(frame, reference, x0, y0, x1, y1);
            TestContext.Current.TestOutputHelper?.WriteLine($"z={z}: intensity step at the level border: feathered {ours:0.00}, hard paste {hard:0.00} (luma levels)");
            Assert.True(ours < 1, $"z = {z}: the feathered frame has a seam (a step of {ours:0.00} luma levels)");
            Assert.True(hard > ours * 2, $"z = {z}: the measure does not see the hard paste's seam ({hard:0.00} vs {ours:0.00})");
        }
    }

    [Fact]
    public async Task RenderFrame_SlowZoom_FrameToFrameScaleIsConstant()
    {
        const double factor = 4.0 / 3.0, dz = 0.05;
        const int gap = 6, w = 256, h = 160;
        ZoomTestSequences src = await ZoomTestSequences.LoadAsync("LadyBird.jpg");
        var centres = Enumerable.Repeat((src.Width / 2.0, src.Height / 2.0), 4).ToArray();
        using ZoomSequence sequence = ZoomSequence.FromFrames(src.Levels(4, factor, W, H, centres), [factor, factor, factor]);
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        var frames = new List<Frame>();
        try
        {
            for (int i = 0; i <= 42; i++)
            {
                var f = new Frame(w, h);
                compositor.RenderFrame(0.4 + (i * dz), f);
                frames.Add(f);
            }

            double expected = Math.Pow(factor, gap * dz);
            for (int i = 0; i + gap < frames.Count; i += 3)
            {
                ZoomStep s = ZoomAligner.AlignPair(frames[i], frames[i + gap], expected);
                double perFrame = Math.Pow(s.Scale, 1.0 / gap), truth = Math.Pow(expected, 1.0 / gap);
                TestContext.Current.TestOutputHelper?.WriteLine($"z={0.4 + (i * dz):0.00}: {s}");
                Assert.True(Math.Abs((perFrame / truth) - 1) <= 0.001, $"z = {0.4 + (i * dz):0.00}: frame-to-frame scale {perFrame:0.00000}, expected {truth:0.00000}");
                Assert.True(Math.Abs((s.Scale / expected) - 1) <= 0.002, $"z = {0.4 + (i * dz):0.00}: scale over {gap} frames {s.Scale:0.0000}, expected {expected:0.0000}");
                Assert.InRange(s.CenterX, (w / 2.0) - 0.3, (w / 2.0) + 0.3);
                Assert.InRange(s.CenterY, (h / 2.0) - 0.3, (h / 2.0) + 0.3);
            }
        }
        finally
        {
            foreach (Frame f in frames)
            {
                f.Dispose();
            }
        }
    }

    /// <summary>
    /// The mean signed luma step across each border of the inner level (3 pixels inside minus 3 outside, averaged along
    /// the middle 70 % of the border, so texture averages out and a colour or content mismatch remains), of the frame
    /// minus a seam-free reference; the largest of the four borders.
    /// </summary>
    private static double IntensityStep(Frame frame, Frame reference, double x0, double y0, double x1, double y1)
    {
        int w = frame.Width;
        byte[] p = frame.Span.ToArray(), q = reference.Span.ToArray();
        double Luma(int x, int y)
        {
            int i = ((y * w) + x) * 4;
            return (0.2126 * (p[i] - q[i])) + (0.7152 * (p[i + 1] - q[i + 1])) + (0.0722 * (p[i + 2] - q[i + 2]));
        }

        double Across(int along0, int along1, Func<int, int, double> sample)
        {
            double sum = 0;
            for (int a = along0; a < along1; a++)
            {
                double inside = 0, outside = 0;
                for (int d = 0; d < 3; d++)
                {
                    inside += sample(a, d);
                    outside += sample(a, -1 - d);
                }

                sum += (inside - outside) / 3;
            }

            return Math.Abs(sum / (along1 - along0));
        }

        int left = (int)Math.Round(x0), right = (int)Math.Round(x1), top = (int)Math.Round(y0), bottom = (int)Math.Round(y1);
        int r0 = (int)(y0 + ((y1 - y0) * 0.15)), r1 = (int)(y1 - ((y1 - y0) * 0.15));
        int c0 = (int)(x0 + ((x1 - x0) * 0.15)), c1 = (int)(x1 - ((x1 - x0) * 0.15));
        return new[]
        {
            Across(r0, r1, (y, d) => Luma(left + d, y)),
            Across(r0, r1, (y, d) => Luma(right - 1 - d, y)),
            Across(c0, c1, (x, d) => Luma(x, top + d)),
            Across(c0, c1, (x, d) => Luma(x, bottom - 1 - d)),
        }.Max();
    }
}
