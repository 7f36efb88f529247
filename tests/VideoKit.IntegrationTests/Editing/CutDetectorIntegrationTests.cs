using System.Collections.Immutable;
using VideoKit.Editing;

namespace VideoKit.IntegrationTests.Editing;

[Trait("Category", "FFmpeg")]
public sealed class CutDetectorIntegrationTests
{
    [Fact]
    public async Task DetectAsync_EncodedConcatenation_FindsEveryCutOnItsFrame()
    {
        int[] lengths = [37, 45, 20, 60, 15, 50, 33, 40];
        string video = EditingMedia.Concatenated("cuts-known.mp4", 160, 90, 30, lengths);
        long[] expected = [.. lengths.Take(lengths.Length - 1).Select((_, i) => (long)lengths.Take(i + 1).Sum())];

        var detector = new CutDetector();
        ImmutableArray<double> scores = await detector.ScoreAsync(video, cancellationToken: TestContext.Current.CancellationToken);
        ImmutableArray<long> cuts = detector.Detect(scores);

        Assert.Equal(lengths.Sum(), scores.Length);
        Assert.True(expected.SequenceEqual(cuts), $"expected [{string.Join(", ", expected)}], detected [{string.Join(", ", cuts)}]; scores at cuts: " +
            string.Join(", ", expected.Select(f => $"{f}:{scores[(int)f]:0.000}")) + "; max elsewhere " +
            scores.Where((_, i) => !expected.Contains(i)).Max().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
    }
}
