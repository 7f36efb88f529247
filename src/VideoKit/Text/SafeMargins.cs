namespace VideoKit.Text;

/// <summary>The distance text keeps from the frame's edges, as fractions of the frame's width and height.</summary>
/// <param name="Horizontal">Left and right margin, a fraction of the width (0 to 0.45).</param>
/// <param name="Vertical">Top and bottom margin, a fraction of the height (0 to 0.45).</param>
public readonly record struct SafeMargins(double Horizontal, double Vertical)
{
    /// <summary>Title-safe margins for a landscape (16:9) frame: 5 % of the width, 7 % of the height.</summary>
    public static SafeMargins Landscape { get; } = new(0.05, 0.07);

    /// <summary>Margins for a portrait (9:16) frame, clear of the buttons and captions phone apps draw over the
    /// bottom and sides: 8 % of the width, 14 % of the height.</summary>
    public static SafeMargins Portrait { get; } = new(0.08, 0.14);
}
