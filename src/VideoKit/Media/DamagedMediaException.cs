namespace VideoKit.Media;

/// <summary>
/// FFmpeg reported decode errors in an input (a truncated or corrupt song, image or clip). Thrown unless
/// <see cref="VideoKitOptions.AcceptDamagedInput"/> is set; the message names the file, where the damage starts and
/// FFmpeg's first error.
/// </summary>
public sealed class DamagedMediaException : VideoKitException
{
    /// <summary>Creates an exception with no message.</summary>
    public DamagedMediaException()
    {
    }

    /// <summary>Creates an exception with a message that names the input and the problem.</summary>
    /// <param name="message">What went wrong.</param>
    public DamagedMediaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the failure that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public DamagedMediaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a damaged file.</summary>
    /// <param name="path">The damaged input as the caller named it.</param>
    /// <param name="location">Where the damage starts ("near 1.36 s", "near frame 12"), or empty when unknown.</param>
    /// <param name="message">The whole message.</param>
    public DamagedMediaException(string path, string location, string message)
        : base(message)
    {
        Path = path;
        Location = location;
    }

    /// <summary>The damaged input.</summary>
    public string Path { get; } = string.Empty;

    /// <summary>Where the damage starts, in the input's own terms (a time or a frame), or empty when unknown.</summary>
    public string Location { get; } = string.Empty;
}
