namespace VideoKit;

/// <summary>
/// Where and how an overlay item sits over the video track: its top-left corner and width as fractions of the frame
/// (the height follows the picture's own aspect), its opacity with optional fades, and a scale and rotation about its
/// centre. Position, opacity, scale and rotation may be constant or keyframed (<see cref="AnimatedValue"/>, times from
/// the item's start).
/// </summary>
/// <example>
/// <code>
/// var pip = OverlayPlacement.At(0.6, 0.05, 0.35) with { Opacity = 0.8, FadeIn = TimeSpan.FromSeconds(0.5) };
/// </code>
/// </example>
public sealed record OverlayPlacement
{
    /// <summary>The left edge as a fraction of the frame width (0 = left edge; may be negative or past 1 to start off-frame).</summary>
    public AnimatedValue X { get; init; } = 0.0;

    /// <summary>The top edge as a fraction of the frame height.</summary>
    public AnimatedValue Y { get; init; } = 0.0;

    /// <summary>The width as a fraction of the frame width (greater than 0, at most 4); the height follows the picture's aspect.</summary>
    public double Width { get; init; } = 1;

    /// <summary>The opacity, 0 (invisible) to 1 (opaque), multiplied with the picture's own alpha.</summary>
    public AnimatedValue Opacity { get; init; } = 1.0;

    /// <summary>How long the overlay fades in from transparent at its start.</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>How long the overlay fades out to transparent at its end.</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>A scale about the overlay's centre (1 = the size <see cref="Width"/> gives).</summary>
    public AnimatedValue Scale { get; init; } = 1.0;

    /// <summary>A clockwise rotation about the overlay's centre, in degrees.</summary>
    public AnimatedValue Rotation { get; init; } = 0.0;

    /// <summary>The layer: higher layers are drawn over lower ones; overlays on the same layer may overlap in time and
    /// are drawn in the order they were added (the later one on top).</summary>
    public int Layer { get; init; } = 1;

    /// <summary>A placement with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>) and the given width, all fractions of the frame.</summary>
    /// <param name="x">The left edge, a fraction of the frame width.</param>
    /// <param name="y">The top edge, a fraction of the frame height.</param>
    /// <param name="width">The width, a fraction of the frame width.</param>
    /// <returns>The placement.</returns>
    public static OverlayPlacement At(double x, double y, double width) => new() { X = x, Y = y, Width = width };

    /// <summary>Covering the whole frame (for a picture of the frame's aspect).</summary>
    public static OverlayPlacement FullFrame { get; } = new();

    /// <summary>The opacity at <paramref name="time"/> from the item's start, with the fades applied, clamped to 0–1.</summary>
    /// <param name="time">The time from the item's start.</param>
    /// <param name="duration">The item's length (for the fade-out).</param>
    /// <returns>The opacity.</returns>
    public double OpacityAt(TimeSpan time, TimeSpan duration)
    {
        double o = Opacity.ValueAt(time);
        if (FadeIn > TimeSpan.Zero && time < FadeIn)
        {
            o *= Math.Max(0, time.Ticks / (double)FadeIn.Ticks);
        }

        TimeSpan left = duration - time;
        if (FadeOut > TimeSpan.Zero && left < FadeOut)
        {
            o *= Math.Max(0, left.Ticks / (double)FadeOut.Ticks);
        }

        return Math.Clamp(o, 0, 1);
    }
}
