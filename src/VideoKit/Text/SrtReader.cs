using System.Text.RegularExpressions;

namespace VideoKit.Text;

/// <summary>Reads SubRip: numbered blocks of <c>hh:mm:ss,mmm --&gt; hh:mm:ss,mmm</c> and text lines, separated by a blank
/// line. Formatting tags (<c>&lt;i&gt;</c>, <c>{\an8}</c>) are dropped.</summary>
internal static partial class SrtReader
{
    public static List<LyricLine> Read(string text, string name)
    {
        var result = new List<LyricLine>();
        string[] lines = text.Split('\n');
        int n = 0;
        while (n < lines.Length)
        {
            string line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                n++;
                continue;
            }

            // An optional counter line, then the timing line.
            if (!line.Contains("-->", StringComparison.Ordinal))
            {
                if (!line.All(char.IsAsciiDigit))
                {
                    throw LyricParseException.At(name, n + 1, $"expected a cue number or 'hh:mm:ss,mmm --> hh:mm:ss,mmm' (is '{line}')");
                }

                n++;
                line = n < lines.Length ? lines[n].TrimEnd('\r').Trim() : string.Empty;
            }

            int timingLine = n + 1;
            (TimeSpan start, TimeSpan end) = CueTiming.Parse(line, ',', name, timingLine, "hh:mm:ss,mmm");
            n++;
            var body = new List<string>();
            while (n < lines.Length && lines[n].TrimEnd('\r').Trim().Length > 0)
            {
                body.Add(StripTags(lines[n].TrimEnd('\r').Trim()));
                n++;
            }

            CueTiming.Add(result, start, end, string.Join('\n', body), [], timingLine, name);
        }

        return CueTiming.InTimeOrder(result, name);
    }

    internal static string StripTags(string s) => Tags().Replace(s, string.Empty);

    [GeneratedRegex(@"<[^>]*>|\{\\[^}]*\}")]
    private static partial Regex Tags();
}

/// <summary>The cue timing line shared by SRT and WebVTT, and the overlap rule.</summary>
internal static class CueTiming
{
    public static (TimeSpan Start, TimeSpan End) Parse(string line, char separator, string name, int lineNumber, string form)
    {
        int arrow = line.IndexOf("-->", StringComparison.Ordinal);
        if (arrow < 0)
        {
            throw LyricParseException.At(name, lineNumber, $"expected '{form} --> {form}' (is '{line}')");
        }

        string left = line[..arrow].Trim();
        string right = line[(arrow + 3)..].Trim();
        int space = right.IndexOfAny([' ', '\t']);
        if (space >= 0)
        {
            right = right[..space];   // WebVTT cue settings follow the end time
        }

        if (!TimedTextClock.TryParse(left, separator, out TimeSpan start))
        {
            throw LyricParseException.At(name, lineNumber, $"bad timestamp '{left}'; use {form}");
        }

        if (!TimedTextClock.TryParse(right, separator, out TimeSpan end))
        {
            throw LyricParseException.At(name, lineNumber, $"bad timestamp '{right}'; use {form}");
        }

        if (end <= start)
        {
            throw LyricParseException.At(name, lineNumber, $"ends ({right}) before it starts ({left})");
        }

        return (start, end);
    }

    /// <summary>Adds a cue (in file order; <see cref="InTimeOrder"/> sorts and checks them).</summary>
    public static void Add(List<LyricLine> lines, TimeSpan start, TimeSpan end, string text, IReadOnlyList<LyricWord> words, int lineNumber, string name) =>
        lines.Add(new LyricLine { Index = lines.Count, Start = start, End = end, Text = text, Words = words, SourceLine = lineNumber });

    /// <summary>
    /// The cues in time order (a player shows SRT, WebVTT and ASS cues by their times, and editors such as Aegisub
    /// save ASS events in any order), refusing one that starts before the previous one ends.
    /// </summary>
    public static List<LyricLine> InTimeOrder(List<LyricLine> cues, string name)
    {
        List<LyricLine> sorted = [.. cues.OrderBy(c => c.Start)]; // stable: equal starts keep file order
        var result = new List<LyricLine>(sorted.Count);
        foreach (LyricLine cue in sorted)
        {
            if (result.Count > 0 && cue.Start < result[^1].End)
            {
                LyricLine previous = result[^1];
                throw LyricParseException.At(name, cue.SourceLine, $"overlaps line {previous.SourceLine}: starts at {LrcReader.Clock(cue.Start)}, before that one ends ({LrcReader.Clock(previous.End)})");
            }

            result.Add(new LyricLine { Index = result.Count, Start = cue.Start, End = cue.End, Text = cue.Text, Words = cue.Words, SourceLine = cue.SourceLine });
        }

        return result;
    }
}
