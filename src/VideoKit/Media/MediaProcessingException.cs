namespace VideoKit.Media;

/// <summary>FFmpeg or FFprobe failed while reading or writing a file.</summary>
public sealed class MediaProcessingException : VideoKitException
{
    /// <summary>Creates an exception with no details.</summary>
    public MediaProcessingException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed, naming the file.</param>
    public MediaProcessingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another failure.</summary>
    /// <param name="message">What failed, naming the file.</param>
    /// <param name="innerException">The underlying failure.</param>
    public MediaProcessingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a process that exited with an error.</summary>
    /// <param name="message">What failed, naming the file.</param>
    /// <param name="exitCode">The process exit code.</param>
    /// <param name="standardError">The last lines the process wrote to its error stream.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public MediaProcessingException(string message, int exitCode, IReadOnlyList<string> standardError, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        StandardError = standardError;
    }

    /// <summary>The exit code of FFmpeg or FFprobe, or 0 when the process did not exit with an error.</summary>
    public int ExitCode { get; }

    /// <summary>The last lines FFmpeg or FFprobe wrote to its error stream.</summary>
    public IReadOnlyList<string> StandardError { get; } = [];
}
