using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Words;

/// <summary>Helpers for the words-and-sound tests: solid stills, decoding every frame, region differences.</summary>
internal static class WordsMedia
{
    public static async Task<List<Frame>> ReadAllAsync(string path)
    {
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(path, cancellationToken: TestContext.Current.CancellationToken))
        {
            frames.Add(f);
        }

        return frames;
    }

    /// <summary>Mean absolute difference of the RGB channels in a rectangle.</summary>
    public static double MeanDifference(Frame a, Frame b, int x0, int y0, int x1, int y1)
    {
        double sum = 0;
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> ra = a.GetRow(y), rb = b.GetRow(y);
            for (int x = x0; x < x1; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    sum += Math.Abs(ra[(4 * x) + c] - rb[(4 * x) + c]);
                }
            }
        }

        return sum / ((x1 - x0) * (y1 - y0) * 3);
    }

    /// <summary>Pixels in a rectangle that match a colour within a tolerance per channel.</summary>
    public static int CountColour(Frame f, int x0, int y0, int x1, int y1, int r, int g, int b, int tolerance)
    {
        int n = 0;
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> row = f.GetRow(y);
            for (int x = x0; x < x1; x++)
            {
                if (Math.Abs(row[4 * x] - r) <= tolerance && Math.Abs(row[(4 * x) + 1] - g) <= tolerance && Math.Abs(row[(4 * x) + 2] - b) <= tolerance)
                {
                    n++;
                }
            }
        }

        return n;
    }

    public static void DisposeAll(IEnumerable<Frame> frames)
    {
        foreach (Frame f in frames)
        {
            f.Dispose();
        }
    }
}
