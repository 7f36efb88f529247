namespace VideoKit.Imaging;

/// <summary>The reconstruction filter a <see cref="Resampler"/> uses along each axis.</summary>
public enum ResamplingFilter
{
    /// <summary>
    /// <see cref="Area"/> along an axis that shrinks, <see cref="Bicubic"/> along an axis that grows or keeps its size:
    /// the sharpest choice that does not alias.
    /// </summary>
    Auto = 0,

    /// <summary>Linear interpolation (the triangle filter), widened when shrinking so every source pixel counts.</summary>
    Bilinear = 1,

    /// <summary>Cubic convolution (Keys, a = −0.5, also called Catmull-Rom), widened when shrinking.</summary>
    Bicubic = 2,

    /// <summary>
    /// Area averaging (a box filter weighted by exact pixel coverage): each destination pixel is the mean of the source
    /// area it covers. The right filter for large reductions; when enlarging it replicates pixels with blended edges.
    /// </summary>
    Area = 3,
}
