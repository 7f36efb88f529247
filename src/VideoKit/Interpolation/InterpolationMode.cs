namespace VideoKit.Interpolation;

/// <summary>How in-between frames are made.</summary>
public enum InterpolationMode
{
    /// <summary>Repeat the nearer source frame (no new pictures; the cheapest, and exact).</summary>
    Nearest = 0,

    /// <summary>Cross-fade the two source frames (fast; moving edges show as ghosts).</summary>
    Blend = 1,

    /// <summary>Estimate motion between the frames and move both to the in-between time (sharp motion, the default).</summary>
    Motion = 2,
}
