namespace VideoKit.Text;

/// <summary>A timed-lyrics file is unreadable or malformed: a bad timestamp, an overlapping line. The message names the
/// file and the line number.</summary>
public sealed class LyricParseException : VideoKitException
{
    /// <summary>Creates an exception with no details.</summary>
    public LyricParseException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong, with the file and line.</param>
    public LyricParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another failure.</summary>
    /// <param name="message">What is wrong, with the file.</param>
    /// <param name="innerException">The underlying failure.</param>
    public LyricParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file (or name) that was read.</summary>
    public string? FileName { get; init; }

    /// <summary>The line number of the problem (from 1), or 0 when it concerns the whole file.</summary>
    public int LineNumber { get; init; }

    internal static LyricParseException At(string name, int line, string problem) =>
        new($"'{name}' line {line}: {problem}") { FileName = name, LineNumber = line };
}
