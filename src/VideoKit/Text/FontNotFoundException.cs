namespace VideoKit.Text;

/// <summary>A style names a font that is neither installed nor in the fonts folder; the message names it and how to fix it.</summary>
public sealed class FontNotFoundException : VideoKitException
{
    /// <summary>Creates an exception with no details.</summary>
    public FontNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">Which font, and the fix.</param>
    public FontNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another failure.</summary>
    /// <param name="message">Which font, and the fix.</param>
    /// <param name="innerException">The underlying failure.</param>
    public FontNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The font family that was not found.</summary>
    public string? FontName { get; init; }
}
