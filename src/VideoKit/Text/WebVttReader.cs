using System.Text;

namespace VideoKit.Text;

/// <summary>Reads WebVTT: the <c>WEBVTT</c> header, cues of <c>[hh:]mm:ss.mmm --&gt; [hh:]mm:ss.mmm [settings]</c> with an
/// optional identifier, NOTE/STYLE/REGION blocks (skipped), and inline <c>&lt;mm:ss.mmm&gt;</c> timestamps as word times.</summary>
internal static class WebVttReader
{
    public static List<LyricLine> Read(string text, string name)
    {
        string[] lines = text.Split('\n');
        string first = lines.Length > 0 ? lines[0].TrimEnd('\r').TrimStart('\uFEFF') : string.Empty;
        if (!first.StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            throw LyricParseException.At(name, 1, "a WebVTT file starts with 'WEBVTT'");
        }

        var result = new List<LyricLine>();
        int n = 1;
        while (n < lines.Length)
        {
            string line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                n++;
                continue;
            }

            if (line.StartsWith("NOTE", StringComparison.Ordinal) || line.StartsWith("STYLE", StringComparison.Ordinal) || line.StartsWith("REGION", StringComparison.Ordinal))
            {
                while (n < lines.Length && lines[n].TrimEnd('\r').Trim().Length > 0)
                {
                    n++;
                }

                continue;
            }

            if (!line.Contains("-->", StringComparison.Ordinal))
            {
                n++;   // a cue identifier
                line = n < lines.Length ? lines[n].TrimEnd('\r').Trim() : string.Empty;
            }

            int timingLine = n + 1;
            (TimeSpan start, TimeSpan end) = CueTiming.Parse(line, '.', name, timingLine, "[hh:]mm:ss.mmm");
            n++;
            var body = new List<string>();
            while (n < lines.Length && lines[n].TrimEnd('\r').Trim().Length > 0)
            {
                body.Add(lines[n].TrimEnd('\r').Trim());
                n++;
            }

            (string plain, List<LyricWord> words) = ReadWords(string.Join('\n', body), start, end, name, timingLine);
            CueTiming.Add(result, start, end, plain, words, timingLine, name);
        }

        return CueTiming.InTimeOrder(result, name);
    }

    /// <summary>Text with inline timestamps: the text before the first one is a word starting with the cue.</summary>
    private static (string Text, List<LyricWord> Words) ReadWords(string body, TimeSpan start, TimeSpan end, string name, int lineNumber)
    {
        var plain = new StringBuilder();
        var marks = new List<(TimeSpan Time, StringBuilder Text)> { (start, new StringBuilder()) };
        bool timed = false;
        int pos = 0;
        while (pos < body.Length)
        {
            int open = body.IndexOf('<', pos);
            if (open < 0)
            {
                open = body.Length;
            }

            string segment = body[pos..open];
            plain.Append(segment);
            marks[^1].Text.Append(segment);
            if (open >= body.Length)
            {
                break;
            }

            int close = body.IndexOf('>', open);
            if (close < 0)
            {
                throw LyricParseException.At(name, lineNumber, $"'{body[open..]}' has no closing '>'");
            }

            string tag = body[(open + 1)..close];
            if (tag.Length > 0 && char.IsAsciiDigit(tag[0]))
            {
                if (!TimedTextClock.TryParse(tag, '.', out TimeSpan t))
                {
                    throw LyricParseException.At(name, lineNumber, $"bad timestamp '<{tag}>'; use <[hh:]mm:ss.mmm>");
                }

                if (t < marks[^1].Time || t > end)
                {
                    throw LyricParseException.At(name, lineNumber, $"timestamp <{tag}> is outside the cue or goes back in time");
                }

                marks.Add((t, new StringBuilder()));
                timed = true;
            }

            pos = close + 1;   // other tags (<c>, <v Name>, <i>) are formatting
        }

        var words = new List<LyricWord>();
        if (timed)
        {
            for (int i = 0; i < marks.Count; i++)
            {
                string w = marks[i].Text.ToString();
                if (w.Length > 0)
                {
                    words.Add(new LyricWord(w, marks[i].Time, i + 1 < marks.Count ? marks[i + 1].Time : end));
                }
            }
        }

        return (plain.ToString().Trim(), words);
    }
}
