namespace VideoKit.Imaging;

/// <summary>
/// A rectangle of a source frame in pixel units with sub-pixel precision: pixel <c>(i, j)</c> covers
/// <c>[i, i + 1) × [j, j + 1)</c>, so <c>new SampleRegion(0, 0, width, height)</c> is the whole frame. A region may reach
/// outside the frame; the edge pixels are then repeated.
/// </summary>
public readonly record struct SampleRegion
{
    /// <summary>Creates a region.</summary>
    /// <param name="x">Left edge, in source pixels.</param>
    /// <param name="y">Top edge, in source pixels.</param>
    /// <param name="width">Width in source pixels, greater than zero.</param>
    /// <param name="height">Height in source pixels, greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, or a side is not positive.</exception>
    public SampleRegion(double x, double y, double width, double height)
    {
        ThrowIfNotFinite(x, nameof(x));
        ThrowIfNotFinite(y, nameof(y));
        ThrowIfNotFinite(width, nameof(width));
        ThrowIfNotFinite(height, nameof(height));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        (X, Y, Width, Height) = (x, y, width, height);
    }

    /// <summary>Left edge, in source pixels.</summary>
    public double X { get; }

    /// <summary>Top edge, in source pixels.</summary>
    public double Y { get; }

    /// <summary>Width in source pixels.</summary>
    public double Width { get; }

    /// <summary>Height in source pixels.</summary>
    public double Height { get; }

    /// <summary>The whole of a frame.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns><c>(0, 0, frame.Width, frame.Height)</c>.</returns>
    public static SampleRegion Of(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new SampleRegion(0, 0, frame.Width, frame.Height);
    }

    private static void ThrowIfNotFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"The sample region's {name} must be a finite number.");
        }
    }
}
