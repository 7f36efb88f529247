using System.Globalization;
using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Reads the events of an ASS/SSA file (as written by Aegisub): the <c>[Events]</c> section's <c>Format:</c> line names
/// the columns, each <c>Dialogue:</c> line is a timed line (<c>h:mm:ss.cc</c>). Karaoke tags (<c>\k</c>, <c>\K</c>,
/// <c>\kf</c>, <c>\ko</c>, in centiseconds) give the word times; other override tags are dropped; <c>\N</c> is a line break.
/// </summary>
internal static class AssReader
{
    public static List<LyricLine> Read(string text, string name)
    {
        string[] lines = text.Split('\n');
        bool inEvents = false;
        string[]? format = null;
        var result = new List<LyricLine>();
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNumber = n + 1;
            string line = lines[n].TrimEnd('\r').Trim().TrimStart('\uFEFF');
            if (line.StartsWith('['))
            {
                inEvents = line.Equals("[Events]", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inEvents)
            {
                continue;
            }

            if (line.StartsWith("Format:", StringComparison.OrdinalIgnoreCase))
            {
                format = [.. line[7..].Split(',').Select(f => f.Trim().ToLowerInvariant())];
                continue;
            }

            if (!line.StartsWith("Dialogue:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (format is null)
            {
                throw LyricParseException.At(name, lineNumber, "a Dialogue line comes before the [Events] section's Format: line");
            }

            string[] fields = line[9..].Split(',', format.Length);
            if (fields.Length < format.Length)
            {
                throw LyricParseException.At(name, lineNumber, FormattableString.Invariant($"has {fields.Length} fields; the Format line names {format.Length}"));
            }

            TimeSpan start = Field(fields, format, "start", name, lineNumber);
            TimeSpan end = Field(fields, format, "end", name, lineNumber);
            if (end <= start)
            {
                throw LyricParseException.At(name, lineNumber, "ends before it starts");
            }

            (string plain, List<LyricWord> words) = ReadText(fields[Array.IndexOf(format, "text")], start, end);
            CueTiming.Add(result, start, end, plain, words, lineNumber, name);
        }

        if (format is null)
        {
            throw LyricParseException.At(name, lines.Length, "has no [Events] section with a Format: line");
        }

        return CueTiming.InTimeOrder(result, name);
    }

    private static TimeSpan Field(string[] fields, string[] format, string column, string name, int lineNumber)
    {
        int i = Array.IndexOf(format, column);
        if (i < 0)
        {
            throw LyricParseException.At(name, lineNumber, $"the Format line has no '{column}' column");
        }

        string value = fields[i].Trim();
        return TimedTextClock.TryParse(value, '.', out TimeSpan t)
            ? t
            : throw LyricParseException.At(name, lineNumber, $"bad timestamp '{value}'; use h:mm:ss.cc");
    }

    private static (string Text, List<LyricWord> Words) ReadText(string raw, TimeSpan start, TimeSpan end)
    {
        var plain = new StringBuilder();
        var words = new List<LyricWord>();
        TimeSpan cursor = start;
        TimeSpan? wordStart = null, wordEnd = null;
        var word = new StringBuilder();
        void Flush()
        {
            if (wordStart is { } ws && word.Length > 0)
            {
                words.Add(new LyricWord(word.ToString(), ws, wordEnd ?? end));
            }

            word.Clear();
        }

        int pos = 0;
        while (pos < raw.Length)
        {
            if (raw[pos] == '{')
            {
                int close = raw.IndexOf('}', pos);
                close = close < 0 ? raw.Length - 1 : close;
                string block = raw[(pos + 1)..close];
                foreach (string tag in block.Split('\\', StringSplitOptions.RemoveEmptyEntries))
                {
                    string t = tag.Trim();
                    string digits = t.StartsWith("kf", StringComparison.OrdinalIgnoreCase) || t.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? t[2..]
                        : t.StartsWith('k') || t.StartsWith('K') ? t[1..] : string.Empty;
                    if (digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int cs))
                    {
                        Flush();
                        wordStart = cursor;
                        cursor += TimeSpan.FromMilliseconds(cs * 10);
                        wordEnd = cursor;
                    }
                }

                pos = close + 1;
                continue;
            }

            if (raw[pos] == '\\' && pos + 1 < raw.Length && raw[pos + 1] is 'N' or 'n')
            {
                plain.Append('\n');
                word.Append(' ');
                pos += 2;
                continue;
            }

            plain.Append(raw[pos]);
            word.Append(raw[pos]);
            pos++;
        }

        Flush();
        return (plain.ToString().Trim(), words);
    }
}
