using System.Globalization;

namespace VideoKit;

/// <summary>
/// An exact, rational frame rate (for example 30000/1001 for NTSC 29.97). Frame indices are computed from absolute
/// times with integer arithmetic, so long videos never drift.
/// </summary>
public readonly record struct FrameRate
{
    /// <summary>Creates a frame rate of <paramref name="numerator"/>/<paramref name="denominator"/> frames per second.</summary>
    /// <param name="numerator">Frames, greater than 0.</param>
    /// <param name="denominator">Seconds, greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">Either part is zero or negative.</exception>
    public FrameRate(int numerator, int denominator = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        int gcd = Gcd(numerator, denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    /// <summary>24 frames per second.</summary>
    public static FrameRate Fps24 => new(24);

    /// <summary>25 frames per second.</summary>
    public static FrameRate Fps25 => new(25);

    /// <summary>30 frames per second.</summary>
    public static FrameRate Fps30 => new(30);

    /// <summary>60 frames per second.</summary>
    public static FrameRate Fps60 => new(60);

    /// <summary>NTSC 29.97 (30000/1001) frames per second.</summary>
    public static FrameRate Ntsc30 => new(30000, 1001);

    /// <summary>The frames part of the ratio; 0 only for <see langword="default"/> (unset).</summary>
    public int Numerator { get; }

    /// <summary>The seconds part of the ratio; 0 only for <see langword="default"/> (unset).</summary>
    public int Denominator { get; }

    /// <summary>True for <see langword="default"/>, which means "not set".</summary>
    public bool IsEmpty => Denominator == 0;

    /// <summary>The rate as a double (for display and per-frame maths that tolerate rounding).</summary>
    public double FramesPerSecond => IsEmpty ? 0 : (double)Numerator / Denominator;

    /// <summary>The duration of one frame.</summary>
    public TimeSpan FrameDuration => TimeAt(1);

    /// <summary>The index of the frame shown at <paramref name="time"/> (floor).</summary>
    /// <param name="time">A time from the start of the video.</param>
    /// <returns>The frame index.</returns>
    public long FrameIndexAt(TimeSpan time) =>
        (long)Int128.DivRem((Int128)time.Ticks * Numerator, (Int128)TimeSpan.TicksPerSecond * Denominator).Quotient;

    /// <summary>The number of whole frames nearest to <paramref name="duration"/> (round half up): exactly
    /// round(duration × fps).</summary>
    /// <param name="duration">A duration.</param>
    /// <returns>The rounded frame count.</returns>
    public long FrameCountFor(TimeSpan duration)
    {
        Int128 num = (Int128)duration.Ticks * Numerator;
        Int128 den = (Int128)TimeSpan.TicksPerSecond * Denominator;
        return (long)((num * 2 + den) / (den * 2));
    }

    /// <summary>The frame index nearest to <paramref name="time"/> (round half up).</summary>
    /// <param name="time">A time from the start of the video.</param>
    /// <returns>The nearest frame index.</returns>
    public long NearestFrameAt(TimeSpan time) => FrameCountFor(time);

    /// <summary>The exact start time of frame <paramref name="frameIndex"/>, rounded to the nearest tick.</summary>
    /// <param name="frameIndex">A frame index.</param>
    /// <returns>The presentation time of the frame.</returns>
    public TimeSpan TimeAt(long frameIndex)
    {
        Int128 num = (Int128)frameIndex * Denominator * TimeSpan.TicksPerSecond;
        Int128 den = Numerator;
        return TimeSpan.FromTicks((long)((num * 2 + den) / (den * 2)));
    }

    /// <summary>The start time of frame <paramref name="frameIndex"/> in seconds.</summary>
    /// <param name="frameIndex">A frame index.</param>
    /// <returns>Seconds from the start.</returns>
    public double SecondsAt(long frameIndex) => (double)frameIndex * Denominator / Numerator;

    /// <summary>Parses "30", "29.97", "30000/1001" or "30000:1001".</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The frame rate.</returns>
    /// <exception cref="FormatException">The text is not a positive frame rate.</exception>
    public static FrameRate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out FrameRate rate))
        {
            return rate;
        }

        throw new FormatException($"'{text}' is not a frame rate: use a positive number such as 30 or 29.97, or a ratio such as 30000/1001.");
    }

    /// <summary>Tries to parse "30", "29.97", "30000/1001" or "30000:1001".</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="rate">The frame rate, when the text is valid.</param>
    /// <returns>True when the text is a positive frame rate.</returns>
    public static bool TryParse(string? text, out FrameRate rate)
    {
        rate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        int sep = text.IndexOfAny(['/', ':']);
        if (sep > 0)
        {
            if (long.TryParse(text.AsSpan(0, sep), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) &&
                long.TryParse(text.AsSpan(sep + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out long d) &&
                n > 0 && d > 0)
            {
                long g = Gcd(n, d);
                n /= g;
                d /= g;
                if (n <= int.MaxValue && d <= int.MaxValue)
                {
                    rate = new FrameRate((int)n, (int)d);
                    return true;
                }
            }

            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fps) || !(fps > 0) || fps > 10_000)
        {
            return false;
        }

        rate = FromDouble(fps);
        return true;
    }

    /// <summary>The rational nearest to <paramref name="fps"/>, recognising the NTSC rates (23.976, 29.97, 59.94).</summary>
    /// <param name="fps">Frames per second, greater than 0.</param>
    /// <returns>The frame rate.</returns>
    public static FrameRate FromDouble(double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        double rounded = Math.Round(fps);
        if (Math.Abs(fps - rounded) < 1e-6)
        {
            return new FrameRate((int)rounded);
        }

        double ntsc = Math.Round(fps * 1.001);
        if (Math.Abs(fps - (ntsc / 1.001)) < 0.005)
        {
            return new FrameRate((int)ntsc * 1000, 1001);
        }

        return new FrameRate((int)Math.Round(fps * 1000), 1000);
    }

    /// <summary>The rate as FFmpeg writes it: "30" or "30000/1001".</summary>
    /// <returns>The rate text.</returns>
    public override string ToString() =>
        Denominator == 1 ? Numerator.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static int Gcd(int a, int b) => (int)Gcd((long)a, b);

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
