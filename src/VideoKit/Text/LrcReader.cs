using System.Globalization;
using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Reads LRC: <c>[mm:ss.xx]text</c> lines (several timestamps on one line repeat it), metadata tags (<c>[ar:...]</c>,
/// <c>[offset:+250]</c>), an empty timed line as the end of the line before, and the enhanced form
/// <c>[00:12.00]&lt;00:12.00&gt;Hold &lt;00:12.40&gt;on &lt;00:13.10&gt;</c> whose last bare tag ends the last word.
/// </summary>
internal static class LrcReader
{
    /// <summary>How long the last line lasts when nothing ends it.</summary>
    private static readonly TimeSpan s_lastLineLength = TimeSpan.FromSeconds(5);

    private sealed record Raw(TimeSpan Start, string Text, List<(TimeSpan Time, string Text)> Words, TimeSpan? EndMark, int SourceLine);

    public static List<LyricLine> Read(string text, string name)
    {
        var raws = new List<Raw>();
        var endMarks = new List<(TimeSpan Time, int SourceLine)>();
        TimeSpan offset = TimeSpan.Zero;
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int lineNumber = n + 1;
            string line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var stamps = new List<TimeSpan>();
            int pos = 0;
            bool metadata = false;
            while (pos < line.Length && line[pos] == '[')
            {
                int close = line.IndexOf(']', pos);
                if (close < 0)
                {
                    throw LyricParseException.At(name, lineNumber, $"'{line[pos..]}' has no closing ']'");
                }

                string tag = line[(pos + 1)..close];
                if (TimedTextClock.TryParse(tag, '.', out TimeSpan t))
                {
                    stamps.Add(t);
                }
                else if (tag.Length > 0 && (char.IsAsciiDigit(tag[0]) || tag[0] == '-'))
                {
                    throw LyricParseException.At(name, lineNumber, $"bad timestamp '[{tag}]'; use [mm:ss.xx] with seconds below 60");
                }
                else if (tag.Contains(':', StringComparison.Ordinal))
                {
                    metadata = true;
                    string key = tag[..tag.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant();
                    string value = tag[(tag.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    if (key == "offset")
                    {
                        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int ms))
                        {
                            throw LyricParseException.At(name, lineNumber, $"bad offset '{value}'; use milliseconds such as +250 or -100");
                        }

                        offset = TimeSpan.FromMilliseconds(ms);
                    }
                }
                else
                {
                    throw LyricParseException.At(name, lineNumber, $"bad tag '[{tag}]'; a line starts with [mm:ss.xx]");
                }

                pos = close + 1;
            }

            if (stamps.Count == 0)
            {
                if (metadata && pos >= line.Length)
                {
                    continue;
                }

                throw LyricParseException.At(name, lineNumber, "has no timestamp; start the line with [mm:ss.xx]");
            }

            (string lineText, List<(TimeSpan, string)> words, TimeSpan? end) = ReadWords(line[pos..], name, lineNumber);
            foreach (TimeSpan stamp in stamps)
            {
                if (lineText.Length == 0)
                {
                    endMarks.Add((stamp, lineNumber));
                    continue;
                }

                // A repeated line (several stamps) moves its word times with it.
                TimeSpan shift = words.Count > 0 ? stamp - words[0].Item1 : TimeSpan.Zero;
                List<(TimeSpan, string)> shifted = stamps.Count == 1 ? words : words.ConvertAll(w => (w.Item1 + shift, w.Item2));
                raws.Add(new Raw(stamp, lineText, shifted, end is { } e ? (stamps.Count == 1 ? e : e + shift) : null, lineNumber));
            }
        }

        // Stable sort by start (repeated choruses come from earlier file lines).
        raws = [.. raws.Select((r, i) => (r, i)).OrderBy(p => p.r.Start).ThenBy(p => p.i).Select(p => p.r)];
        endMarks.Sort((a, b) => a.Time.CompareTo(b.Time));
        var result = new List<LyricLine>(raws.Count);
        for (int i = 0; i < raws.Count; i++)
        {
            Raw r = raws[i];
            if (i > 0 && raws[i - 1].Start == r.Start)
            {
                throw LyricParseException.At(name, r.SourceLine, FormattableString.Invariant($"overlaps line {raws[i - 1].SourceLine}: both start at {Clock(r.Start)}"));
            }

            TimeSpan? next = i + 1 < raws.Count ? raws[i + 1].Start : null;
            TimeSpan end = r.EndMark ?? FirstMarkAfter(endMarks, r.Start, next) ?? next ?? (r.Words.Count > 0 ? Max(r.Words[^1].Time + TimeSpan.FromSeconds(1), r.Start + s_lastLineLength) : r.Start + s_lastLineLength);
            if (next is { } n2 && end > n2)
            {
                throw LyricParseException.At(name, r.SourceLine, $"overlaps the next line (line {raws[i + 1].SourceLine}, at {Clock(n2)}): its last word ends at {Clock(end)}");
            }

            if (r.Words.Count > 0 && r.Words[0].Time < r.Start)
            {
                throw LyricParseException.At(name, r.SourceLine, $"word '{r.Words[0].Text.Trim()}' at {Clock(r.Words[0].Time)} is before the line's start ({Clock(r.Start)})");
            }

            var words = new List<LyricWord>(r.Words.Count);
            for (int w = 0; w < r.Words.Count; w++)
            {
                TimeSpan wEnd = w + 1 < r.Words.Count ? r.Words[w + 1].Time : end;
                words.Add(new LyricWord(r.Words[w].Text, r.Words[w].Time - offset, wEnd - offset));
            }

            result.Add(new LyricLine { Index = i, Start = r.Start - offset, End = end - offset, Text = r.Text, Words = words, SourceLine = r.SourceLine });
        }

        return result;
    }

    private static TimeSpan? FirstMarkAfter(List<(TimeSpan Time, int SourceLine)> marks, TimeSpan start, TimeSpan? next)
    {
        foreach ((TimeSpan t, _) in marks)
        {
            if (t > start)
            {
                return next is { } n && t > n ? null : t;
            }
        }

        return null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The text after the line's stamps: plain, or words each led by <c>&lt;mm:ss.xx&gt;</c>.</summary>
    private static (string Text, List<(TimeSpan, string)> Words, TimeSpan? End) ReadWords(string rest, string name, int lineNumber)
    {
        var words = new List<(TimeSpan, string)>();
        if (!rest.Contains('<', StringComparison.Ordinal))
        {
            return (rest.Trim(), words, null);
        }

        var plain = new StringBuilder();
        TimeSpan? pending = null;
        TimeSpan? end = null;
        int pos = 0;
        TimeSpan last = TimeSpan.MinValue;
        while (pos < rest.Length)
        {
            int open = rest.IndexOf('<', pos);
            if (open < 0)
            {
                open = rest.Length;
            }

            string segment = rest[pos..open];
            if (segment.Length > 0)
            {
                if (pending is { } t)
                {
                    words.Add((t, segment));
                    pending = null;
                }
                else if (words.Count > 0)
                {
                    words[^1] = (words[^1].Item1, words[^1].Item2 + segment);
                }
                else if (segment.Trim().Length > 0)
                {
                    throw LyricParseException.At(name, lineNumber, $"text '{segment.Trim()}' has no word timestamp; lead every word with <mm:ss.xx>");
                }

                plain.Append(segment);
            }

            if (open >= rest.Length)
            {
                break;
            }

            int close = rest.IndexOf('>', open);
            if (close < 0)
            {
                throw LyricParseException.At(name, lineNumber, $"'{rest[open..]}' has no closing '>'");
            }

            string tag = rest[(open + 1)..close];
            if (!TimedTextClock.TryParse(tag, '.', out TimeSpan wt))
            {
                throw LyricParseException.At(name, lineNumber, $"bad word timestamp '<{tag}>'; use <mm:ss.xx> with seconds below 60");
            }

            if (wt < last)
            {
                throw LyricParseException.At(name, lineNumber, $"word timestamp <{tag}> goes back in time (the one before is {Clock(last)})");
            }

            last = wt;
            if (pending is not null && words.Count > 0)
            {
                // Two tags in a row: the first ends the word before.
                end = pending;
            }

            pending = wt;
            pos = close + 1;
        }

        if (pending is { } trailing)
        {
            end = trailing;   // a bare last tag ends the last word
        }

        return (plain.ToString().Trim(), words, words.Count > 0 ? end : null);
    }

    internal static string Clock(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss\.ff" : @"mm\:ss\.ff", CultureInfo.InvariantCulture);
}
