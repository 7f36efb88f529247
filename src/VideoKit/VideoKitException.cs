namespace VideoKit;

/// <summary>The base of every exception VideoKit defines; catch it to handle any VideoKit failure.</summary>
public class VideoKitException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public VideoKitException()
    {
    }

    /// <summary>Creates an exception with a message that names the input and the problem.</summary>
    /// <param name="message">What went wrong, with the offending input and the fix.</param>
    public VideoKitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the failure that caused it.</summary>
    /// <param name="message">What went wrong, with the offending input and the fix.</param>
    /// <param name="innerException">The underlying failure.</param>
    public VideoKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
