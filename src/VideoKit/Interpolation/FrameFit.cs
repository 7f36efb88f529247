namespace VideoKit.Interpolation;

/// <summary>How a clip whose aspect ratio differs from the output's fills the output frame.</summary>
public enum FrameFit
{
    /// <summary>Scale to cover the whole frame and crop the overflow at the centre (no bars).</summary>
    Cover = 0,

    /// <summary>Scale to fit inside the frame and fill the rest with black bars.</summary>
    Contain = 1,

    /// <summary>Scale each side independently to the frame (distorts when the aspect ratios differ).</summary>
    Stretch = 2,
}
