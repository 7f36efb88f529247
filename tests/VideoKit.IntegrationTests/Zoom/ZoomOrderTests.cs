using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Zoom;

namespace VideoKit.IntegrationTests.Zoom;

[Trait("Category", "FFmpeg")]
public sealed class ZoomOrderTests
{
    private const int W = 512, H = 320;

    /// <summary>
    /// A perturbed sequence (shifted inner content, colour gain, repainted border, JPEG q85) copied under shuffled file
    /// names: true level k becomes file <c>shuffle[k] + 1</c>, so the natural order of names is wrong.
    /// </summary>
    private static async Task<(string Folder, int[] Shuffle)> ShuffledAsync(string image, double factor, int count, int seed)
    {
        (string folder, _) = await ZoomAlignmentTests.PerturbedAsync(image, factor, count, seed);
        var rng = new Random(seed);
        int[] shuffle = [.. Enumerable.Range(0, count)];
        while (shuffle.Select((v, i) => v == i).Any(same => same))
        {
            rng.Shuffle(shuffle);
        }

        string shuffled = TestMedia.NewFolder("zoom-shuffled");
        for (int k = 0; k < count; k++)
        {
            File.Copy(Path.Combine(folder, $"{k + 1}.jpg"), Path.Combine(shuffled, $"{shuffle[k] + 1}.jpg"));
        }

        return (shuffled, shuffle);
    }

    [Theory]
    [InlineData("Garden.jpg", 2.0, 5, true)]
    [InlineData("LadyBird.jpg", 4.0 / 3.0, 5, false)]
    public async Task FindOrder_ShuffledSequence_RecoversInnermostFirst(string image, double factor, int count, bool factorGiven)
    {
        (string folder, int[] shuffle) = await ShuffledAsync(image, factor, count, seed: 11);
        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, factorGiven ? factor : null, cancellationToken: TestContext.Current.CancellationToken);

        IReadOnlyList<int> order = ZoomAligner.FindOrder(sequence, cancellationToken: TestContext.Current.CancellationToken);

        // The loaded sequence holds true level k at index shuffle[k] (files in natural order 1, 2, …).
        Assert.Equal(shuffle, order);
        sequence.Reorder(order);
        IReadOnlyList<ZoomStep> steps = ZoomAligner.Align(sequence, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(steps, s => Assert.InRange(s.Scale / factor, 0.998, 1.002));
    }

    [Fact]
    public async Task FindOrder_LevelOfAnotherPicture_ThrowsNamingIt()
    {
        (string folder, _) = await ShuffledAsync("Garden.jpg", 2.0, 3, seed: 5);
        ZoomTestSequences other = await ZoomTestSequences.LoadAsync("Storm.jpg");
        using (Frame stranger = other.Crop(960, 640, 2 * W, W, H))
        {
            await ImageFile.SaveAsync(stranger, Path.Combine(folder, "4.png"), cancellationToken: TestContext.Current.CancellationToken);
        }

        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, 2.0, cancellationToken: TestContext.Current.CancellationToken);
        ZoomSequenceException ex = Assert.Throws<ZoomSequenceException>(() => ZoomAligner.FindOrder(sequence, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("Cannot order the 4 zoom levels:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'" + Path.Combine(folder, "4.png") + "'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("do not match", ex.Message, StringComparison.Ordinal);
    }
}
