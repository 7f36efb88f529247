using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Where a long line may wrap when its script writes no spaces. libass wraps only at spaces (the Debian and Homebrew
/// builds have no libunibreak, and FFmpeg does not turn Unicode line breaking on), so a Chinese or Japanese line wider
/// than the frame ran off both sides. Between two CJK characters that may be broken apart this puts a space scaled to
/// zero width (<c>{\fscx0} {\fscx100}</c>): invisible, but a place libass can wrap at, and its smart wrapping then
/// balances the lines (in karaoke lines, between timed words only). The rules are the simple part of Unicode line
/// breaking (UAX #14) for ideographs and kana: no break before closing punctuation, small kana, the prolonged sound mark
/// or iteration marks, none after an opening bracket. Korean (spaces between words) is left alone.
/// </summary>
internal static class LineBreaks
{
    /// <summary>The invisible break opportunity (our styles all have ScaleX 100).</summary>
    internal const string Opportunity = "{\\fscx0} {\\fscx100}";

    /// <summary>Characters a line must not start with (UAX #14 classes CL, CP, EX, IS, NS among the CJK ones).</summary>
    private const string NoBreakBefore =
        "\u3000、。，．・：；？！ー～〜‥…゠々〻ゝゞヽヾ" +
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
        "」』）］｝〉》】〕〗〙〛｣";

    /// <summary>Characters a line must not end with (UAX #14 class OP among the CJK ones).</summary>
    private const string NoBreakAfter = "「『（［｛〈《【〔〖〘〚｢";

    /// <summary>
    /// ASS event text with a break opportunity between every two CJK characters that may be broken apart. Override
    /// blocks (<c>{...}</c>) are passed through and do not separate the characters around them; the opportunity goes
    /// before them. Escaped characters (<c>\{</c>, <c>\N</c>, ...) do separate them. In a karaoke line (one with
    /// <c>\k</c> tags) the opportunities are only between the timed words: libass times karaoke per run of equal style,
    /// so a run started inside a word by the scaled space would be highlighted only when the word ends.
    /// </summary>
    public static string AllowCjkBreaks(string eventText)
    {
        ArgumentNullException.ThrowIfNull(eventText);
        if (!eventText.EnumerateRunes().Any(IsCjk))
        {
            return eventText;
        }

        bool karaoke = false;
        for (int at = eventText.IndexOf('{'); at >= 0 && !karaoke; at = eventText.IndexOf('{', at + 1))
        {
            int close = eventText.IndexOf('}', at);
            karaoke = IsSyllableStart(eventText.AsSpan(at, (close < 0 ? eventText.Length : close + 1) - at));
        }

        var sb = new StringBuilder(eventText.Length * 2);
        Rune? previous = null;   // the last visible character, when it was a CJK one
        int afterPrevious = 0;   // where in sb that character ends (before the tag blocks that follow it)
        bool syllableBetween = false;
        int i = 0;
        while (i < eventText.Length)
        {
            char c = eventText[i];
            if (c == '{')
            {
                int close = eventText.IndexOf('}', i);
                int end = close < 0 ? eventText.Length : close + 1;
                syllableBetween |= IsSyllableStart(eventText.AsSpan(i, end - i));
                sb.Append(eventText, i, end - i);
                i = end;
                continue;
            }

            if (c == '\\' && i + 1 < eventText.Length)
            {
                sb.Append(c).Append(eventText[i + 1]);
                previous = null;
                i += 2;
                continue;
            }

            Rune.DecodeFromUtf16(eventText.AsSpan(i), out Rune rune, out int length);
            if (previous is { } before && IsCjk(rune) && MayBreakBetween(before, rune) && (!karaoke || syllableBetween))
            {
                sb.Insert(afterPrevious, Opportunity);
            }

            sb.Append(eventText, i, length);
            previous = IsCjk(rune) ? rune : null;
            afterPrevious = sb.Length;
            syllableBetween = false;
            i += length;
        }

        return sb.ToString();
    }

    /// <summary>Whether an override block starts a karaoke word (<c>\k</c>, <c>\K</c>, <c>\kf</c>, <c>\ko</c>).</summary>
    private static bool IsSyllableStart(ReadOnlySpan<char> block) =>
        block.Contains("\\k", StringComparison.Ordinal) || block.Contains("\\K", StringComparison.Ordinal);

    /// <summary>Whether a line may break between two CJK characters.</summary>
    internal static bool MayBreakBetween(Rune before, Rune after) =>
        !(before.IsBmp && NoBreakAfter.Contains((char)before.Value, StringComparison.Ordinal))
        && !(after.IsBmp && NoBreakBefore.Contains((char)after.Value, StringComparison.Ordinal));

    /// <summary>Ideographs, kana, bopomofo, CJK punctuation and full-width forms: characters written without spaces.</summary>
    internal static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0x2FDF => true,    // CJK radicals, Kangxi radicals
        >= 0x3000 and <= 0x303F => true,    // CJK symbols and punctuation
        >= 0x3040 and <= 0x30FF => true,    // hiragana, katakana
        >= 0x3100 and <= 0x312F => true,    // bopomofo
        >= 0x31A0 and <= 0x31BF => true,    // bopomofo extended
        >= 0x31F0 and <= 0x31FF => true,    // katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true,    // CJK unified ideographs extension A
        >= 0x4E00 and <= 0x9FFF => true,    // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true,    // CJK compatibility ideographs
        >= 0xFF01 and <= 0xFF60 => true,    // full-width forms
        >= 0xFF61 and <= 0xFF9F => true,    // half-width katakana and punctuation
        >= 0x20000 and <= 0x3FFFF => true,  // CJK unified ideographs extensions B and later
        _ => false,
    };
}
