namespace VideoKit.Imaging;

/// <summary>The byte order of a <see cref="Frame"/>'s 4-byte pixels.</summary>
public enum PixelFormat
{
    /// <summary>Red, green, blue, alpha (FFmpeg <c>rgba</c>).</summary>
    Rgba32 = 0,

    /// <summary>Blue, green, red, alpha (FFmpeg <c>bgra</c>).</summary>
    Bgra32 = 1,
}
