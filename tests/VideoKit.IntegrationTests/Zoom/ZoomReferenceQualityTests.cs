using System.Globalization;
using VideoKit.ZoomQuality;

namespace VideoKit.IntegrationTests.Zoom;

/// <summary>
/// Frames at fractional zoom positions against ground truth, compared with the plain two-level reference (outer level
/// enlarged with bicubic, next finer level reduced with Lanczos-3 widened by the reduction and pasted): on average within
/// 0.3 dB of it (in practice ahead), and no frame more than 1 dB below it.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class ZoomReferenceQualityTests
{
    private const int W = 192, H = 120;
    private static readonly double[] s_fractions = [0.05, 0.25, 0.5, 0.75, 0.95];

    public static TheoryData<string, double> Cases => new()
    {
        { "Dune.jpg", 2.0 },
        { "Dune.jpg", 4.0 / 3.0 },
        { "Dune.jpg", 1.6 },
        { "Storm.jpg", 2.0 },
        { "Storm.jpg", 4.0 / 3.0 },
        { "Storm.jpg", 1.6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RenderFrame_FractionalZoom_MatchesTheTwoLevelReference(string photo, double factor)
    {
        ZoomQualityHarness harness = await ZoomQualityHarness.LoadAsync(ZoomTestSequences.ImagePath(photo));
        int count = harness.LevelsThatFit(factor, W, H, 5);
        Assert.True(count >= 3, $"{photo} holds only {count} levels at factor {factor}");

        IReadOnlyList<(double Z, double Ours, double Reference)> rows = harness.Measure(factor, count, W, H, s_fractions);

        foreach ((double z, double ours, double reference) in rows)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"z={z:0.##}: VideoKit {ours:0.00} dB, reference {reference:0.00} dB"));
            Assert.True(ours >= reference - 1, string.Create(CultureInfo.InvariantCulture, $"z = {z:0.##}: {ours:0.00} dB is more than 1 dB below the reference ({reference:0.00} dB)"));
        }

        double mean = rows.Average(r => r.Ours - r.Reference);
        Assert.True(mean >= -0.3, string.Create(CultureInfo.InvariantCulture, $"{photo}, factor {factor:0.###}: mean {mean:+0.00;-0.00} dB against the reference"));
        Assert.True(rows.Average(r => r.Ours) >= 30, "the frames are far from the ground truth");
    }
}
