namespace VideoKit;

/// <summary>How a picture whose shape differs from the output is fitted into the frame.</summary>
public enum FitMode
{
    /// <summary>Scale to fill the whole frame, keeping the aspect ratio, and crop what overflows (no bars).</summary>
    Cover = 0,

    /// <summary>Scale to fit inside the frame, keeping the aspect ratio, with black bars where it does not reach.</summary>
    Contain = 1,

    /// <summary>Scale each side to the frame's side, distorting the aspect ratio.</summary>
    Stretch = 2,

    /// <summary>Fit inside the frame (as <see cref="Contain"/>) over a blurred, dimmed copy of the picture scaled to cover
    /// it, instead of black bars: the usual way to show a vertical clip in a landscape video.</summary>
    BlurredFill = 3,
}
