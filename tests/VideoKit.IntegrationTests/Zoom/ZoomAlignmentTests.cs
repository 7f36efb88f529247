using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.Zoom;

[Trait("Category", "FFmpeg")]
public sealed class ZoomAlignmentTests
{
    private const int W = 512, H = 320;

    public static TheoryData<string, double, int, bool> Cases => new()
    {
        { "Garden.jpg", 2.0, 3, true },
        { "Storm.jpg", 2.0, 3, false },
        { "LadyBird.jpg", 4.0 / 3.0, 4, true },
        { "RainDrops.jpg", 4.0 / 3.0, 4, false },
    };

    /// <summary>A perturbed sequence written as JPEG q85: shifted inner content, colour gain, repainted border ring.</summary>
    internal static async Task<(string Folder, (double X, double Y)[] Centres)> PerturbedAsync(string image, double factor, int count, int seed)
    {
        ZoomTestSequences src = await ZoomTestSequences.LoadAsync(image);
        var rng = new Random(seed);
        var centres = new (double X, double Y)[count];
        centres[count - 1] = (src.Width / 2.0, src.Height / 2.0);
        for (int k = count - 1; k >= 1; k--)
        {
            // Inner level k−1 is shifted inside level k by up to 3 % of the width (in level-k pixels).
            double px = Math.Pow(factor, k);
            double dx = (rng.NextDouble() * 2 - 1) * 0.03 * W, dy = (rng.NextDouble() * 2 - 1) * 0.03 * W;
            centres[k - 1] = (centres[k].X + (dx * px), centres[k].Y + (dy * px));
        }

        var gains = new (float, float, float)[count];
        for (int k = 0; k < count; k++)
        {
            gains[k] = (Gain(rng), Gain(rng), Gain(rng));
        }

        Frame[] levels = src.OutpaintedLevels(count, factor, W, H, centres, gains, ringFraction: 0.06);
        string folder = TestMedia.NewFolder("zoom-perturbed");
        await ZoomTestSequences.WriteAsync(levels, folder, jpegQuality: 85);
        foreach (Frame f in levels)
        {
            f.Dispose();
        }

        return (folder, centres);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Align_PerturbedJpegSequence_FindsPlacementWithinHalfPixel(string image, double factor, int count, bool factorGiven)
    {
        (string folder, (double X, double Y)[] centres) = await PerturbedAsync(image, factor, count, seed: image.Length);
        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, factorGiven ? factor : null, cancellationToken: TestContext.Current.CancellationToken);

        IReadOnlyList<ZoomStep> steps = ZoomAligner.Align(sequence, cancellationToken: TestContext.Current.CancellationToken);

        for (int k = 1; k < count; k++)
        {
            (double x, double y) = ZoomTestSequences.TrueCentre(centres, k, factor, W, H);
            ZoomStep s = steps[k - 1];
            TestContext.Current.TestOutputHelper?.WriteLine($"{s}  truth ({x:0.00}, {y:0.00}) scale {factor:0.0000}");
            Assert.True(Math.Abs(s.CenterX - x) <= 0.5 && Math.Abs(s.CenterY - y) <= 0.5, $"step {k}: centre ({s.CenterX:0.00}, {s.CenterY:0.00}), truth ({x:0.00}, {y:0.00})");
            Assert.True(Math.Abs((s.Scale / factor) - 1) <= 0.002, $"step {k}: scale {s.Scale:0.0000}, truth {factor:0.0000}");
        }
    }

    [Fact]
    public async Task Align_UnrelatedImages_ThrowsNamingBothFiles()
    {
        string folder = TestMedia.NewFolder("zoom-nomatch");
        ZoomTestSequences a = await ZoomTestSequences.LoadAsync("Dune.jpg"), b = await ZoomTestSequences.LoadAsync("Storm.jpg");
        Frame[] levels = [a.Crop(840, 525, W, W, H), b.Crop(960, 640, 2 * W, W, H)];
        await ZoomTestSequences.WriteAsync(levels, folder, jpegQuality: null);
        foreach (Frame f in levels)
        {
            f.Dispose();
        }

        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, 2.0, cancellationToken: TestContext.Current.CancellationToken);
        ZoomSequenceException ex = Assert.Throws<ZoomSequenceException>(() => ZoomAligner.Align(sequence, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Zoom levels 0 '" + Path.Combine(folder, "1.png") + "' and 1 '" + Path.Combine(folder, "2.png") + "' do not match", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Garden levels 1, 2 and 4 (2× steps, 320×200) with Storm, resized to the same size, as level 3.</summary>
    internal static async Task<string> BadMiddleLevelAsync()
    {
        const int w = 320, h = 200;
        ZoomTestSequences garden = await ZoomTestSequences.LoadAsync("Garden.jpg"), storm = await ZoomTestSequences.LoadAsync("Storm.jpg");
        (double, double)[] centres = [.. Enumerable.Repeat((garden.Width / 2.0, garden.Height / 2.0), 4)];
        Frame[] levels = garden.Levels(4, 2.0, w, h, centres);
        levels[2].Dispose();
        levels[2] = storm.Crop(storm.Width / 2.0, storm.Height / 2.0, storm.Width, w, h);
        string folder = await ZoomTestSequences.WriteAsync(levels, TestMedia.NewFolder("zoom-badlevel"), jpegQuality: null);
        foreach (Frame f in levels)
        {
            f.Dispose();
        }

        return folder;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Align_UnrelatedLevelInTheMiddle_ThrowsNamingBothFilesAndWhy(bool factorGiven)
    {
        string folder = await BadMiddleLevelAsync();
        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, factorGiven ? 2.0 : null, cancellationToken: TestContext.Current.CancellationToken);

        ZoomSequenceException ex = Assert.Throws<ZoomSequenceException>(() => ZoomAligner.Align(sequence, cancellationToken: TestContext.Current.CancellationToken));

        TestContext.Current.TestOutputHelper?.WriteLine(ex.Message);
        Assert.StartsWith($"Zoom levels 1 '{Path.Combine(folder, "2.png")}' and 2 '{Path.Combine(folder, "3.png")}' do not match: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("below 0.85", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("Check that the files are in order (innermost first), belong to the same zoom sequence, and the zoom factor.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LevelOfAnotherSize_ThrowsNamingTheFile()
    {
        string folder = TestMedia.NewFolder("zoom-oddsize");
        ZoomTestSequences src = await ZoomTestSequences.LoadAsync("Dune.jpg");
        Frame[] levels = [src.Crop(840, 525, 256, 256, 160), src.Crop(840, 525, 512, 256, 160), src.Crop(840, 525, 1024, 256, 144)];
        await ZoomTestSequences.WriteAsync(levels, folder, jpegQuality: null);
        foreach (Frame f in levels)
        {
            f.Dispose();
        }

        ZoomSequenceException ex = await Assert.ThrowsAsync<ZoomSequenceException>(() => ZoomSequence.LoadAsync(folder, 2.0, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"Zoom level 2 '{Path.Combine(folder, "3.png")}' is 256x144, but level 0 '{Path.Combine(folder, "1.png")}' is 256x160; every level of a zoom sequence must be the same size.", ex.Message);
    }

    private static float Gain(Random rng) => (float)(1 + ((rng.NextDouble() * 2) - 1) * 0.08);
}
