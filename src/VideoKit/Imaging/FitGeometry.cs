using System.Drawing;

namespace VideoKit.Imaging;

/// <summary>The source region and destination rectangle that fit a picture into a frame, for <see cref="Resampler"/>.</summary>
internal static class FitGeometry
{
    /// <summary>Computes what to read and where to write to fit a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> picture.</summary>
    public static (SampleRegion Source, Rectangle Destination) Compute(FitMode fit, int sourceWidth, int sourceHeight, int destinationWidth, int destinationHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(destinationWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(destinationHeight);
        var whole = new SampleRegion(0, 0, sourceWidth, sourceHeight);
        var full = new Rectangle(0, 0, destinationWidth, destinationHeight);
        double sx = (double)destinationWidth / sourceWidth, sy = (double)destinationHeight / sourceHeight;
        switch (fit)
        {
            case FitMode.Stretch:
                return (whole, full);
            case FitMode.Cover:
            {
                // The source window with the destination's aspect ratio, centred: sub-pixel exact, no rounding.
                double scale = Math.Max(sx, sy);
                double w = destinationWidth / scale, h = destinationHeight / scale;
                return (new SampleRegion((sourceWidth - w) / 2, (sourceHeight - h) / 2, w, h), full);
            }

            case FitMode.Contain:
            {
                double scale = Math.Min(sx, sy);
                int w = Math.Clamp((int)Math.Round(sourceWidth * scale), 1, destinationWidth);
                int h = Math.Clamp((int)Math.Round(sourceHeight * scale), 1, destinationHeight);
                return (whole, new Rectangle((destinationWidth - w) / 2, (destinationHeight - h) / 2, w, h));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(fit), fit, $"Unknown fit mode {fit}.");
        }
    }

    /// <summary>Fits <paramref name="source"/> into <paramref name="destination"/>; with <see cref="FitMode.Contain"/> the bars are filled with <paramref name="background"/> (RGB).</summary>
    public static void Fit(Frame source, Frame destination, FitMode fit, ResamplingFilter filter = ResamplingFilter.Auto, (byte R, byte G, byte B) background = default, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        (SampleRegion region, Rectangle area) = Compute(fit, source.Width, source.Height, destination.Width, destination.Height);
        if (area.Width != destination.Width || area.Height != destination.Height)
        {
            destination.Fill(background.R, background.G, background.B);
        }

        Resampler.Resample(source, region, destination, area, filter, maxDegreeOfParallelism);
    }
}
