using System.Globalization;

namespace VideoKit.Text;

/// <summary>Parses the clock forms timed-text files use: <c>mm:ss.xx</c> (LRC), <c>hh:mm:ss,mmm</c> (SRT),
/// <c>[hh:]mm:ss.mmm</c> (WebVTT) and <c>h:mm:ss.cc</c> (ASS). Minutes and seconds must be below 60 where an hour field exists.</summary>
internal static class TimedTextClock
{
    /// <summary>Parses <c>[h:]m:s[.fraction]</c> with <paramref name="decimalSeparator"/> before the fraction.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, char decimalSeparator, out TimeSpan time)
    {
        time = default;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        Span<Range> parts = stackalloc Range[4];
        int count = text.Split(parts, ':');
        if (count is < 2 or > 3)
        {
            return false;
        }

        long hours = 0;
        int i = 0;
        if (count == 3)
        {
            if (!TryDigits(text[parts[0]], out hours))
            {
                return false;
            }

            i = 1;
        }

        if (!TryDigits(text[parts[i]], out long minutes) || (count == 3 && minutes >= 60))
        {
            return false;
        }

        ReadOnlySpan<char> secondsText = text[parts[i + 1]];
        int dot = secondsText.IndexOf(decimalSeparator);
        ReadOnlySpan<char> whole = dot < 0 ? secondsText : secondsText[..dot];
        ReadOnlySpan<char> fraction = dot < 0 ? [] : secondsText[(dot + 1)..];
        if (!TryDigits(whole, out long seconds) || seconds >= 60 || whole.Length > 2 || (dot >= 0 && (fraction.IsEmpty || fraction.Length > 7)))
        {
            return false;
        }

        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (!TryDigits(fraction, out long f))
            {
                return false;
            }

            ticks = f * (long)Math.Pow(10, 7 - fraction.Length);
        }

        time = TimeSpan.FromTicks((((((hours * 60) + minutes) * 60) + seconds) * TimeSpan.TicksPerSecond) + ticks);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
