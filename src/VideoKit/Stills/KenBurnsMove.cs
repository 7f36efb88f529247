namespace VideoKit.Stills;

/// <summary>
/// A pan and zoom across a still between two framings. The shown width changes geometrically (the same scale ratio from
/// one frame to the next at a steady speed, which the eye reads as a constant zoom), and the corner moves in step with
/// it, so a zoom is a straight push toward one fixed point of the image. Leave <see cref="From"/> and <see cref="To"/>
/// unset for an automatic move from the whole picture toward its most detailed region.
/// </summary>
public sealed class KenBurnsMove
{
    /// <summary>An automatic move: from the whole picture toward its most detailed region.</summary>
    public static KenBurnsMove Auto { get; } = new();

    /// <summary>The framing at the start, or <see langword="null"/> for the whole picture (automatic).</summary>
    public Framing? From { get; init; }

    /// <summary>The framing at the end, or <see langword="null"/> for the most detailed region (automatic).</summary>
    public Framing? To { get; init; }

    /// <summary>How the move speeds up and slows down.</summary>
    public KenBurnsEasing Easing { get; init; } = KenBurnsEasing.Smooth;

    /// <summary>The share of the automatic framing's width around the detailed region (default 0.6 of the picture).</summary>
    public double AutoZoom { get; init; } = 0.6;

    /// <summary>Beat times (from the item's start) on which the move pushes forward; empty for an even move.</summary>
    public IReadOnlyList<TimeSpan> Pushes { get; init; } = [];

    /// <summary>The share of the whole move made by the pushes (0 to 1, default 0.5); the rest is spread evenly.</summary>
    public double PushShare { get; init; } = 0.5;

    /// <summary>Progress along the move (0 to 1) at <paramref name="time"/> of <paramref name="duration"/>.</summary>
    /// <param name="time">Time from the item's start.</param>
    /// <param name="duration">The item's length.</param>
    /// <returns>0 at the start, 1 at the end, never going back.</returns>
    public double ProgressAt(TimeSpan time, TimeSpan duration)
    {
        double u = duration > TimeSpan.Zero ? Math.Clamp(time / duration, 0, 1) : 1;
        double eased = Easing == KenBurnsEasing.Linear ? u : Trapezoid(u, 0.25);
        if (Pushes.Count == 0)
        {
            return eased;
        }

        // Each push moves its share within a short window after its beat (a smoothstep, a quarter second at most).
        double share = Math.Clamp(PushShare, 0, 1);
        double pushes = 0;
        for (int k = 0; k < Pushes.Count; k++)
        {
            double spacing = k + 1 < Pushes.Count ? (Pushes[k + 1] - Pushes[k]).TotalSeconds : double.PositiveInfinity;
            double tau = Math.Max(1e-3, Math.Min(0.25, spacing / 2));
            double s = Math.Clamp((time - Pushes[k]).TotalSeconds / tau, 0, 1);
            pushes += s * s * (3 - (2 * s));
        }

        return ((1 - share) * eased) + (share * pushes / Pushes.Count);
    }

    /// <summary>Position for a trapezoid speed profile with ramps of <paramref name="ramp"/> each.</summary>
    internal static double Trapezoid(double u, double ramp)
    {
        double v = 1 / (1 - ramp);
        if (u < ramp)
        {
            return v * u * u / (2 * ramp);
        }

        if (u > 1 - ramp)
        {
            double r = 1 - u;
            return 1 - (v * r * r / (2 * ramp));
        }

        return v * ((ramp / 2) + (u - ramp));
    }

    /// <summary>The rectangle (image pixels) at progress <paramref name="p"/> between two rectangles: the width interpolated
    /// geometrically, the corner moved in proportion to the width's change (a homothety), or linearly for a pure pan.</summary>
    internal static (double X, double Y, double W, double H) Interpolate((double X, double Y, double W, double H) a, (double X, double Y, double W, double H) b, double p)
    {
        double w = a.W * Math.Pow(b.W / a.W, p);
        double s = Math.Abs(a.W - b.W) > 1e-9 * a.W ? (a.W - w) / (a.W - b.W) : p;
        return (a.X + ((b.X - a.X) * s), a.Y + ((b.Y - a.Y) * s), w, a.H * (w / a.W));
    }
}
