using System.Globalization;

namespace VideoKit;

/// <summary>A frame size in pixels. Both sides are even so every encoder's 4:2:0 chroma subsampling accepts it.</summary>
public readonly record struct Resolution
{
    /// <summary>Creates a resolution.</summary>
    /// <param name="width">Width in pixels, positive and even.</param>
    /// <param name="height">Height in pixels, positive and even.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive, is odd, or exceeds 16384.</exception>
    public Resolution(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 16384);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 16384);
        if ((width & 1) != 0 || (height & 1) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} has an odd side; video encoders need even widths and heights.");
        }

        Width = width;
        Height = height;
    }

    /// <summary>1280×720.</summary>
    public static Resolution Hd720 => new(1280, 720);

    /// <summary>1920×1080.</summary>
    public static Resolution Hd1080 => new(1920, 1080);

    /// <summary>1080×1920 (vertical 9:16).</summary>
    public static Resolution Vertical1080 => new(1080, 1920);

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>True for <see langword="default"/>, which means "not set".</summary>
    public bool IsEmpty => Width == 0;

    /// <summary>Width divided by height.</summary>
    public double AspectRatio => (double)Width / Height;

    /// <summary>Parses "1280x720".</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The resolution.</returns>
    /// <exception cref="FormatException">The text is not WIDTHxHEIGHT with even positive sides.</exception>
    public static Resolution Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int x = text.IndexOfAny(['x', 'X', '*']);
        if (x > 0 &&
            int.TryParse(text.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out int w) &&
            int.TryParse(text.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int h) &&
            w > 0 && h > 0 && w <= 16384 && h <= 16384 && (w & 1) == 0 && (h & 1) == 0)
        {
            return new Resolution(w, h);
        }

        throw new FormatException($"'{text}' is not a frame size: use WIDTHxHEIGHT with even sides, such as 1280x720.");
    }

    /// <summary>"WIDTHxHEIGHT".</summary>
    /// <returns>The size text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
