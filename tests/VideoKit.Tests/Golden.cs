using System.Globalization;
using System.Runtime.CompilerServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using VideoKit.Imaging;

namespace VideoKit.Tests;

/// <summary>
/// Golden-image comparisons: the actual picture is compared with <c>Reference/&lt;name&gt;.png</c> with a per-channel
/// tolerance and an allowed fraction of differing pixels. On failure the actual picture is written to
/// <c>artifacts/test-output/</c>; with <c>VIDEOKIT_UPDATE_GOLDEN=1</c> the golden is (re)written instead, for review.
/// </summary>
internal static class Golden
{
    /// <summary>True when goldens are being rewritten.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("VIDEOKIT_UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that a frame matches its golden (see <see cref="AssertMatches(Image{Rgba32}, int, double, string)"/>).</summary>
    public static void AssertMatches(Frame actual, int channelTolerance = 1, double allowedFraction = 0, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        using Image<Rgba32> image = actual.ToImage();
        AssertMatches(image, channelTolerance, allowedFraction, name);
    }

    /// <summary>
    /// Asserts that no channel of any pixel differs from the golden by more than <paramref name="channelTolerance"/>,
    /// except in at most <paramref name="allowedFraction"/> of the pixels.
    /// </summary>
    public static void AssertMatches(Image<Rgba32> actual, int channelTolerance = 1, double allowedFraction = 0, [CallerMemberName] string name = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        string goldenPath = Path.Combine(TestPaths.ProjectDirectory, "Reference", name + ".png");
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            actual.SaveAsPng(goldenPath);
            return;
        }

        if (!File.Exists(goldenPath))
        {
            string written = WriteActual(actual, name);
            Assert.Fail($"No golden image '{goldenPath}'. The actual image is at '{written}'; run the tests with VIDEOKIT_UPDATE_GOLDEN=1 to create the golden, then review and commit it.");
        }

        using Image<Rgba32> expected = Image.Load<Rgba32>(goldenPath);
        string? problem = Compare(expected, actual, channelTolerance, allowedFraction);
        if (problem is not null)
        {
            string written = WriteActual(actual, name);
            Assert.Fail($"{name} differs from its golden '{goldenPath}': {problem}. Actual image: '{written}'.");
        }
    }

    /// <summary>Compares two images; returns a description of the difference, or null when they match within tolerance.</summary>
    public static string? Compare(Image<Rgba32> expected, Image<Rgba32> actual, int channelTolerance, double allowedFraction)
    {
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return $"size {actual.Width}x{actual.Height}, expected {expected.Width}x{expected.Height}";
        }

        long differing = 0;
        int worst = 0;
        for (int y = 0; y < expected.Height; y++)
        {
            for (int x = 0; x < expected.Width; x++)
            {
                Rgba32 e = expected[x, y], a = actual[x, y];
                int d = Math.Max(Math.Max(Math.Abs(e.R - a.R), Math.Abs(e.G - a.G)), Math.Max(Math.Abs(e.B - a.B), Math.Abs(e.A - a.A)));
                worst = Math.Max(worst, d);
                if (d > channelTolerance)
                {
                    differing++;
                }
            }
        }

        double fraction = (double)differing / ((long)expected.Width * expected.Height);
        return fraction > allowedFraction
            ? string.Create(CultureInfo.InvariantCulture, $"{differing} pixels ({fraction:P2}) differ by more than {channelTolerance} (largest difference {worst}); allowed {allowedFraction:P2}")
            : null;
    }

    private static string WriteActual(Image<Rgba32> actual, string name)
    {
        Directory.CreateDirectory(TestPaths.TestOutput);
        string path = Path.Combine(TestPaths.TestOutput, name + ".png");
        actual.SaveAsPng(path);
        return path;
    }
}
