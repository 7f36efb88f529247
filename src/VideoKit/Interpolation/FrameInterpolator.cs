using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>Creates the interpolator for an <see cref="InterpolationMode"/>, and holds the checks every interpolator shares.</summary>
public static class FrameInterpolator
{
    /// <summary>Creates the interpolator for a mode, with default settings.</summary>
    /// <param name="mode">Nearest, blend or motion-compensated.</param>
    /// <returns>A thread-safe interpolator.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The mode is not defined.</exception>
    public static IFrameInterpolator Create(InterpolationMode mode) => mode switch
    {
        InterpolationMode.Nearest => new NearestInterpolator(),
        InterpolationMode.Blend => new BlendInterpolator(),
        InterpolationMode.Motion => new MotionCompensatedInterpolator(),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Unknown interpolation mode {mode}; use Nearest, Blend or Motion."),
    };

    /// <summary>Parses a mode name as the CLI spells it: nearest, blend or motion (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="FormatException">The name is not one of the three.</exception>
    public static InterpolationMode ParseMode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "NEAREST" => InterpolationMode.Nearest,
            "BLEND" => InterpolationMode.Blend,
            "MOTION" or "MCI" => InterpolationMode.Motion,
            _ => throw new FormatException($"Unknown interpolation mode '{text}'; use nearest, blend or motion."),
        };
    }

    /// <summary>Validates the arguments of <see cref="IFrameInterpolator.Interpolate"/> and returns t clamped to [0, 1].</summary>
    internal static double Check(Frame first, Frame second, double position, Frame destination)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(destination);
        if (first.Width != second.Width || first.Height != second.Height || first.Format != second.Format)
        {
            throw new ArgumentException($"Cannot interpolate between a {first.Width}x{first.Height} {first.Format} frame and a {second.Width}x{second.Height} {second.Format} frame.", nameof(second));
        }

        if (destination.Width != first.Width || destination.Height != first.Height || destination.Format != first.Format)
        {
            throw new ArgumentException($"The destination is {destination.Width}x{destination.Height} {destination.Format}; the frames are {first.Width}x{first.Height} {first.Format}.", nameof(destination));
        }

        if (ReferenceEquals(destination, first) || ReferenceEquals(destination, second))
        {
            throw new ArgumentException("The destination must be a different frame from both inputs.", nameof(destination));
        }

        if (double.IsNaN(position))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "The position between the frames must be a number in [0, 1].");
        }

        return Math.Clamp(position, 0, 1);
    }
}
