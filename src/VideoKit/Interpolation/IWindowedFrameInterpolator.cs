using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// An interpolator that can also use the frame before the pair and the frame after it. The retimer and
/// <see cref="RetimedClipSource"/> pass them when the source has them; a plain two-frame call
/// (<see cref="IFrameInterpolator.Interpolate"/>) still works and is the same as passing neither.
/// </summary>
public interface IWindowedFrameInterpolator : IFrameInterpolator
{
    /// <summary>Writes the frame at position <paramref name="position"/> between <paramref name="first"/> and <paramref name="second"/>.</summary>
    /// <param name="previous">The source frame before A, or <see langword="null"/> (start of the source, or unknown).</param>
    /// <param name="first">Frame A (t = 0).</param>
    /// <param name="second">Frame B (t = 1), of the same size and format as A.</param>
    /// <param name="following">The source frame after B, or <see langword="null"/> (end of the source, or unknown).</param>
    /// <param name="position">The position t; 0 gives A and 1 gives B (values outside [0, 1] are clamped).</param>
    /// <param name="destination">A frame of the same size and format to overwrite completely; it may not be one of the inputs.</param>
    /// <exception cref="ArgumentException">The frames differ in size or format, or the destination is one of the inputs.</exception>
    void Interpolate(Frame? previous, Frame first, Frame second, Frame? following, double position, Frame destination);
}
