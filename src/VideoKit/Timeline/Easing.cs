namespace VideoKit;

/// <summary>How an animated value moves from one keyframe to the next.</summary>
public enum Easing
{
    /// <summary>At a constant rate.</summary>
    Linear,

    /// <summary>Slow at first, then faster (quadratic).</summary>
    EaseIn,

    /// <summary>Fast at first, then settling (quadratic).</summary>
    EaseOut,

    /// <summary>Slow at both ends (smoothstep).</summary>
    EaseInOut,

    /// <summary>Keeps the keyframe's value until the next keyframe, then jumps.</summary>
    Hold,
}
