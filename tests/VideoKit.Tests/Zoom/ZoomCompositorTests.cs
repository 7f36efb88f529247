using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.Tests.Zoom;

public sealed class ZoomCompositorTests : PooledFrameTest
{
    /// <summary>A smooth, textured synthetic level (sums of sines) so resampling differences are measurable.</summary>
    private static Frame Pattern(int w, int h, int seed)
    {
        var rng = new Random(seed);
        double[] f = [.. Enumerable.Range(0, 12).Select(_ => 0.02 + (rng.NextDouble() * 0.2))];
        var frame = new Frame(w, h);
        Span<byte> p = frame.Span;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = ((y * w) + x) * 4;
                for (int c = 0; c < 3; c++)
                {
                    double v = 128 + (60 * Math.Sin((x * f[c * 4]) + (y * f[(c * 4) + 1]))) + (40 * Math.Cos((x * f[(c * 4) + 2]) - (y * f[(c * 4) + 3])));
                    p[i + c] = (byte)Math.Clamp(v, 0, 255);
                }

                p[i + 3] = 255;
            }
        }

        return frame;
    }

    /// <summary>Value noise in three octaves: aperiodic texture for alignment tests.</summary>
    internal static Frame Noise(int w, int h, int seed)
    {
        var rng = new Random(seed);
        var frame = new Frame(w, h);
        Span<byte> p = frame.Span;
        double[] acc = new double[w * h * 3];
        foreach ((int cell, double amp) in new[] { (24, 70.0), (9, 40.0), (4, 20.0) })
        {
            int gw = (w / cell) + 3, gh = (h / cell) + 3;
            double[] grid = [.. Enumerable.Range(0, gw * gh * 3).Select(_ => (rng.NextDouble() * 2) - 1)];
            for (int y = 0; y < h; y++)
            {
                double gy = (double)y / cell;
                int iy = (int)gy;
                double fy = gy - iy;
                fy = fy * fy * (3 - (2 * fy));
                for (int x = 0; x < w; x++)
                {
                    double gx = (double)x / cell;
                    int ix = (int)gx;
                    double fx = gx - ix;
                    fx = fx * fx * (3 - (2 * fx));
                    for (int c = 0; c < 3; c++)
                    {
                        double G(int a, int b) => grid[((((b * gw) + a) * 3) + c)];
                        double top = G(ix, iy) + (fx * (G(ix + 1, iy) - G(ix, iy)));
                        double bottom = G(ix, iy + 1) + (fx * (G(ix + 1, iy + 1) - G(ix, iy + 1)));
                        acc[(((y * w) + x) * 3) + c] += amp * (top + (fy * (bottom - top)));
                    }
                }
            }
        }

        for (int i = 0, j = 0; i < w * h; i++, j += 3)
        {
            p[(i * 4) + 0] = (byte)Math.Clamp(128 + acc[j], 0, 255);
            p[(i * 4) + 1] = (byte)Math.Clamp(128 + acc[j + 1], 0, 255);
            p[(i * 4) + 2] = (byte)Math.Clamp(128 + acc[j + 2], 0, 255);
            p[(i * 4) + 3] = 255;
        }

        return frame;
    }

    private static ZoomSequence Sequence(int count = 3, int w = 160, int h = 96) =>
        ZoomSequence.FromFrames(Enumerable.Range(0, count).Select(k => Pattern(w, h, k)), Enumerable.Repeat<double?>(2.0, count - 1));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(1.5)]
    [InlineData(1.93)]
    [InlineData(2.0)]
    public void Render_Simd_MatchesScalarReference(double z)
    {
        using ZoomSequence sequence = Sequence();
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var simd = new Frame(200, 120);
        using var scalar = new Frame(200, 120);

        compositor.Render(z, simd, simd: true);
        compositor.Render(z, scalar, simd: false);

        Assert.True(ImageMetrics.Psnr(simd, scalar) >= 50, $"z = {z}: SIMD and scalar differ ({ImageMetrics.Psnr(simd, scalar):0.0} dB)");
    }

    [Theory]
    [InlineData(0.2, 200, 120)]
    [InlineData(1.3, 96, 56)]
    [InlineData(1.6, 64, 40)]
    public void Render_Simd_DiffersFromScalarByAtMostOneLevel(double z, int width, int height)
    {
        // Small outputs shrink the levels (4 to 8 taps per axis, several mips), the 16-bit fixed-point path's hardest case.
        using ZoomSequence sequence = Sequence();
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var simd = new Frame(width, height);
        using var scalar = new Frame(width, height);

        compositor.Render(z, simd, simd: true);
        compositor.Render(z, scalar, simd: false);

        int largest = 0;
        ReadOnlySpan<byte> a = simd.Span, b = scalar.Span;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }

        Assert.True(largest <= 1, $"z = {z}: SIMD and scalar differ by up to {largest} levels");
    }

    [Theory]
    [InlineData(1.5, 160, 96)]
    [InlineData(2.3, 120, 72)]
    [InlineData(3.08, 100, 60)]
    public void Render_Simd_SmallFactorWithFinerLevels_DiffersFromScalarByAtMostOneLevel(double z, int width, int height)
    {
        // Factor 4/3: up to three finer levels cover the centre (6 to 12 Lanczos taps per axis, fading in and out).
        using ZoomSequence sequence = ZoomSequence.FromFrames(Enumerable.Range(0, 5).Select(k => Pattern(160, 96, k)), Enumerable.Repeat<double?>(4.0 / 3.0, 4));
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var simd = new Frame(width, height);
        using var scalar = new Frame(width, height);

        compositor.Render(z, simd, simd: true);
        compositor.Render(z, scalar, simd: false);

        int largest = 0;
        ReadOnlySpan<byte> a = simd.Span, b = scalar.Span;
        for (int i = 0; i < a.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        }

        Assert.True(largest <= 1, $"z = {z}: SIMD and scalar differ by up to {largest} levels");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RenderFrame_IntegerZoomAtLevelSize_ReproducesLevel(int z)
    {
        using ZoomSequence sequence = Sequence();
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var frame = new Frame(160, 96);

        compositor.RenderFrame(z, frame);

        Assert.True(ImageMetrics.Psnr(frame, sequence.Levels[z]) >= 50);
    }

    [Fact]
    public void RenderFrame_Bgra_SwapsRedAndBlue()
    {
        using ZoomSequence sequence = Sequence();
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        using var rgba = new Frame(160, 96);
        using var bgra = new Frame(160, 96, PixelFormat.Bgra32);

        compositor.RenderFrame(0.6, rgba);
        compositor.RenderFrame(0.6, bgra);
        PixelConverter.SwapRedBlue(bgra.Span);

        Assert.Equal(rgba.Span.ToArray(), bgra.Span.ToArray());
    }

    [Fact]
    public void RenderFrame_OnTheCallingThread_AllocatesNothingPerFrame()
    {
        // One thread, so the count is this thread's own: nothing else in the test process can disturb it.
        using ZoomSequence sequence = Sequence(4, 256, 144);
        using ZoomCompositor compositor = WarmCompositor(sequence, threads: 1, out Frame frame);
        using (frame)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RenderSlowZoom(compositor, frame);
            long perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / 60;

            Assert.True(perFrame == 0, $"{perFrame} bytes allocated per frame");
        }
    }

    [Fact]
    public void RenderFrame_OnWorkerThreads_AllocatesNothingPerFrame()
    {
        // The process-wide count also sees the test runner's own work, so take the quietest of several rounds.
        using ZoomSequence sequence = Sequence(4, 256, 144);
        using ZoomCompositor compositor = WarmCompositor(sequence, threads: 2, out Frame frame);
        using (frame)
        {
            long quietest = long.MaxValue;
            for (int round = 0; round < 5 && quietest >= 64; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                RenderSlowZoom(compositor, frame);
                quietest = Math.Min(quietest, (GC.GetTotalAllocatedBytes(precise: true) - before) / 60);
            }

            Assert.True(quietest < 64, $"{quietest} bytes allocated per frame");
        }
    }

    /// <summary>A compositor on <paramref name="threads"/> threads that has already drawn a few frames into <paramref name="frame"/>.</summary>
    private static ZoomCompositor WarmCompositor(ZoomSequence sequence, int threads, out Frame frame)
    {
        var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence), new ZoomCompositorOptions { MaxDegreeOfParallelism = threads });
        frame = new Frame(320, 180);
        for (int i = 0; i < 5; i++)
        {
            compositor.RenderFrame(i * 0.5, frame);
        }

        return compositor;
    }

    /// <summary>Sixty frames of a slow zoom from z = 0 to z = 2.95.</summary>
    private static void RenderSlowZoom(ZoomCompositor compositor, Frame frame)
    {
        for (int i = 0; i < 60; i++)
        {
            compositor.RenderFrame(i * 0.05, frame);
        }
    }

    [Fact]
    public void RenderFrame_ConcurrentCallers_MatchSequentialFrames()
    {
        using ZoomSequence sequence = Sequence();
        using var compositor = new ZoomCompositor(sequence, ZoomAligner.Nominal(sequence));
        double[] zs = [.. Enumerable.Range(0, 16).Select(i => i * 0.125)];
        var expected = zs.Select(z =>
        {
            using var f = new Frame(128, 72);
            compositor.RenderFrame(z, f);
            return f.Span.ToArray();
        }).ToArray();

        var actual = new byte[zs.Length][];
        Parallel.For(0, zs.Length, i =>
        {
            using var f = new Frame(128, 72);
            compositor.RenderFrame(zs[i], f);
            actual[i] = f.Span.ToArray();
        });

        for (int i = 0; i < zs.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void FromFrames_LevelOfAnotherSize_ThrowsNamingTheLevel()
    {
        Frame[] frames = [Pattern(64, 48, 0), Pattern(64, 48, 1), Pattern(64, 40, 2)];
        try
        {
            ZoomSequenceException ex = Assert.Throws<ZoomSequenceException>(() => ZoomSequence.FromFrames(frames, [2.0, 2.0], ["a.png", "b.png", "c.png"]));
            Assert.Equal("Zoom level 2 'c.png' is 64x40, but level 0 'a.png' is 64x48; every level of a zoom sequence must be the same size.", ex.Message);
        }
        finally
        {
            foreach (Frame f in frames)
            {
                f.Dispose();
            }
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(double.NaN)]
    public void FromFrames_FactorOutOfRange_Throws(double factor)
    {
        Frame[] frames = [Pattern(64, 48, 0), Pattern(64, 48, 1)];
        try
        {
            ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => ZoomSequence.FromFrames(frames, [factor]));
            Assert.Contains("use a factor from 1.05 to 4", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            foreach (Frame f in frames)
            {
                f.Dispose();
            }
        }
    }

    [Fact]
    public void Reorder_Permutation_MovesLevelsAndNames()
    {
        Frame[] frames = [Pattern(64, 48, 0), Pattern(64, 48, 1), Pattern(64, 48, 2)];
        using ZoomSequence sequence = ZoomSequence.FromFrames(frames, [2.0, 2.0], ["a.png", "b.png", "c.png"]);

        sequence.Reorder([2, 0, 1]);

        Assert.Equal(["c.png", "a.png", "b.png"], sequence.Names);
        Assert.Same(frames[2], sequence.Levels[0]);
        Assert.Same(frames[1], sequence.Levels[2]);
    }

    [Theory]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 0, 1, 1 })]
    [InlineData(new[] { 0, 1, 3 })]
    public void Reorder_NotAPermutation_Throws(int[] order)
    {
        using ZoomSequence sequence = ZoomSequence.FromFrames([Pattern(64, 48, 0), Pattern(64, 48, 1), Pattern(64, 48, 2)]);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => sequence.Reorder(order));

        Assert.Contains("The order must name each of the 3 levels (0 to 2) once.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaturalCompare_NumberedFiles_SortsByValue()
    {
        string[] names = ["level10.png", "level2.png", "level1.png", "Level3.png", "level02b.png"];

        Array.Sort(names, ZoomSequence.NaturalCompare);

        Assert.Equal(["level1.png", "level2.png", "level02b.png", "Level3.png", "level10.png"], names);
    }

    [Fact]
    public void AlignPair_ShiftedScaledCopy_FindsPlacement()
    {
        // The outer level is the inner one shrunk by 1.6 about (0.53 W, 0.47 H), drawn by the compositor itself.
        using Frame inner = Noise(192, 128, 7);
        using Frame outerBase = Noise(192, 128, 8);
        using ZoomSequence pair = ZoomSequence.FromFrames([inner.Clone(), outerBase.Clone()], [1.6]);
        var truth = new ZoomStep(1, 1.6, 192 * 0.53, 128 * 0.47);
        using var compositor = new ZoomCompositor(pair, [truth], new ZoomCompositorOptions { FeatherFraction = 0 });
        // Rendered at twice the size, so the inner level is the finest covering level everywhere it shows, then halved.
        using var large = new Frame(384, 256);
        compositor.RenderFrame(1, large);
        using var outer = new Frame(192, 128);
        for (int y = 0; y < 128; y++)
        {
            for (int x = 0; x < 192; x++)
            {
                for (int c = 0; c < 4; c++)
                {
                    int sum = large.Span[((((2 * y) * 384) + (2 * x)) * 4) + c] + large.Span[((((2 * y) * 384) + (2 * x) + 1) * 4) + c]
                        + large.Span[(((((2 * y) + 1) * 384) + (2 * x)) * 4) + c] + large.Span[(((((2 * y) + 1) * 384) + (2 * x) + 1) * 4) + c];
                    outer.Span[(((y * 192) + x) * 4) + c] = (byte)((sum + 2) / 4);
                }
            }
        }

        ZoomStep found = ZoomAligner.AlignPair(inner, outer);

        Assert.InRange(found.Scale, 1.6 * 0.998, 1.6 * 1.002);
        Assert.InRange(found.CenterX, truth.CenterX - 0.5, truth.CenterX + 0.5);
        Assert.InRange(found.CenterY, truth.CenterY - 0.5, truth.CenterY + 0.5);
    }
}
