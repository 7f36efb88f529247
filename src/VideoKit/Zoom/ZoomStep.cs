using System.Globalization;
using System.Numerics;

namespace VideoKit.Zoom;

/// <summary>
/// Where level <see cref="Level"/> − 1 sits inside level <see cref="Level"/>: the outer/inner size ratio and the inner
/// image's centre in the outer image's pixel coordinates ((0,0) is the top-left corner of the top-left pixel, (W,H) the
/// bottom-right corner), plus the colour change from the inner level to the outer one.
/// </summary>
public sealed class ZoomStep
{
    /// <summary>Creates a step.</summary>
    /// <param name="level">The outer level k (≥ 1); the step places level k − 1 inside it.</param>
    /// <param name="scale">The outer/inner size ratio (2 for a 2× zoom out), greater than 1.</param>
    /// <param name="centerX">The inner image's centre, x, in outer pixel coordinates.</param>
    /// <param name="centerY">The inner image's centre, y, in outer pixel coordinates.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is below 1, or the scale is not above 1.</exception>
    public ZoomStep(int level, double scale, double centerX, double centerY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        if (!double.IsFinite(scale) || scale <= 1.01)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A zoom step's scale must be a finite number above 1.01.");
        }

        if (!double.IsFinite(centerX) || !double.IsFinite(centerY))
        {
            throw new ArgumentOutOfRangeException(nameof(centerX), "A zoom step's centre must be finite.");
        }

        Level = level;
        Scale = scale;
        CenterX = centerX;
        CenterY = centerY;
    }

    /// <summary>The outer level k; the step places level k − 1 inside it.</summary>
    public int Level { get; }

    /// <summary>The outer/inner size ratio: 2 for a 2× step.</summary>
    public double Scale { get; }

    /// <summary>The inner image's centre, x, in the outer image's pixel coordinates.</summary>
    public double CenterX { get; }

    /// <summary>The inner image's centre, y, in the outer image's pixel coordinates.</summary>
    public double CenterY { get; }

    /// <summary>Per-channel gain (R, G, B) of the colour change inner → outer: outer ≈ Gain · inner + Offset.</summary>
    public Vector3 Gain { get; init; } = Vector3.One;

    /// <summary>Per-channel offset (R, G, B, in 0–255 units) of the colour change inner → outer.</summary>
    public Vector3 Offset { get; init; } = Vector3.Zero;

    /// <summary>How well the placed inner level matches the outer one: the zero-mean normalised cross-correlation of luma, 1 = perfect.</summary>
    public double Match { get; init; } = 1;

    /// <summary>A step with the inner level exactly centred and no colour change.</summary>
    /// <param name="level">The outer level k (≥ 1).</param>
    /// <param name="scale">The outer/inner size ratio.</param>
    /// <param name="width">The level width in pixels.</param>
    /// <param name="height">The level height in pixels.</param>
    /// <returns>The nominal step.</returns>
    public static ZoomStep Centered(int level, double scale, int width, int height) => new(level, scale, width / 2.0, height / 2.0);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"level {Level}: scale {Scale:0.####}, centre ({CenterX:0.##}, {CenterY:0.##}), match {Match:0.###}");
}
