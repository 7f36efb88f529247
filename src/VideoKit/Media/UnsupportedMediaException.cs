namespace VideoKit.Media;

/// <summary>A file exists but holds nothing VideoKit can use: it is corrupt, empty, or lacks the stream asked for.</summary>
public sealed class UnsupportedMediaException : VideoKitException
{
    /// <summary>Creates an exception with no details.</summary>
    public UnsupportedMediaException()
    {
    }

    /// <summary>Creates an exception with a message naming the file and the problem.</summary>
    /// <param name="message">What is wrong with the file.</param>
    public UnsupportedMediaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another failure.</summary>
    /// <param name="message">What is wrong with the file.</param>
    /// <param name="innerException">The underlying failure.</param>
    public UnsupportedMediaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What is wrong, phrased without the file's name ("it is empty (0 bytes), not a media file."), so a caller
    /// that names the file in its own words says it once; null when only <see cref="Exception.Message"/> says it.</summary>
    internal string? Reason { get; init; }
}
