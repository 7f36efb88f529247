namespace VideoKit.Zoom;

/// <summary>A zoom sequence cannot be used: its levels differ in size, or a step between two levels has no match.</summary>
public sealed class ZoomSequenceException : VideoKitException
{
    /// <summary>Creates the exception.</summary>
    public ZoomSequenceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the files.</param>
    public ZoomSequenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong, naming the files.</param>
    /// <param name="innerException">The cause.</param>
    public ZoomSequenceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
