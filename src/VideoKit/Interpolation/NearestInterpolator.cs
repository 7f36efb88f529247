using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>Repeats the nearer frame: A for t &lt; 0.5, B from 0.5 on. Exact and nearly free; motion judders.</summary>
public sealed class NearestInterpolator : IFrameInterpolator
{
    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, double position, Frame destination)
    {
        double t = FrameInterpolator.Check(first, second, position, destination);
        (t < 0.5 ? first : second).CopyTo(destination);
    }
}
