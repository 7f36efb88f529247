using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// Makes the picture between two frames: given frames A and B and a position t in (0, 1), writes the frame at time
/// A + t·(B − A) into a destination frame of the same size and format.
/// </summary>
/// <remarks>
/// Implementations are thread-safe: one instance may interpolate several pairs at once. They never keep the frames they
/// are given, and they fall back to the nearer frame when A and B straddle a scene cut.
/// </remarks>
public interface IFrameInterpolator
{
    /// <summary>Writes the frame at position <paramref name="position"/> between <paramref name="first"/> and <paramref name="second"/>.</summary>
    /// <param name="first">Frame A (t = 0).</param>
    /// <param name="second">Frame B (t = 1), of the same size and format as A.</param>
    /// <param name="position">The position t; 0 gives A and 1 gives B (values outside [0, 1] are clamped).</param>
    /// <param name="destination">A frame of the same size and format to overwrite completely; it may not be A or B.</param>
    /// <exception cref="ArgumentException">The frames differ in size or format, or the destination is one of the inputs.</exception>
    void Interpolate(Frame first, Frame second, double position, Frame destination);
}
