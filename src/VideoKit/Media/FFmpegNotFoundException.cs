namespace VideoKit.Media;

/// <summary>FFmpeg or FFprobe could not be found on PATH or in the configured folder.</summary>
public sealed class FFmpegNotFoundException : VideoKitException
{
    /// <summary>Creates an exception with no details.</summary>
    public FFmpegNotFoundException()
    {
    }

    /// <summary>Creates an exception with a message that says where VideoKit looked.</summary>
    /// <param name="message">Where VideoKit looked and how to fix it.</param>
    public FFmpegNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps another failure.</summary>
    /// <param name="message">Where VideoKit looked and how to fix it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public FFmpegNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
