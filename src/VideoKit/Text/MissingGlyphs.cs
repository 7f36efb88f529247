using System.Globalization;
using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Characters libass could not draw, read from its own log, and the warnings that name them. libass looks each
/// character up in the style's font, then asks fontconfig for any installed font that has it; when none has, it logs
/// <c>fontselect: failed to find any fallback with glyph 0x1F972 for font: (Noto Sans, 400, 0)</c> (or, for a font
/// that claims the character but has no glyph, <c>Glyph 0x… not found in font for (…)</c>) and draws the font's empty
/// box. FFmpeg passes both at its <c>warning</c> level, so an encode that burns text in runs at that level and hands
/// these lines here instead of to its error tail.
/// </summary>
internal sealed class MissingGlyphs
{
    private const int MaxLinesNamed = 5;
    private static readonly string[] s_markers = ["fallback with glyph 0x", "Glyph 0x"];
    private readonly HashSet<int> _codePoints = [];

    /// <summary>The characters reported so far, in code point order.</summary>
    public IReadOnlyList<int> CodePoints
    {
        get
        {
            lock (_codePoints)
            {
                return [.. _codePoints.Order()];
            }
        }
    }

    /// <summary>Takes a line of FFmpeg's log: true when it is libass's report about a glyph (recorded when it says
    /// the glyph is missing; its "trying all charmaps" note, which may still find it, is only consumed).</summary>
    public bool Observe(string line)
    {
        if (TryParse(line, out int codePoint))
        {
            lock (_codePoints)
            {
                _codePoints.Add(codePoint);
            }

            return true;
        }

        return line.Contains("not found, broken font? Trying all charmaps", StringComparison.Ordinal);
    }

    /// <summary>The character a libass "no glyph" line names.</summary>
    internal static bool TryParse(string line, out int codePoint)
    {
        codePoint = 0;
        bool missing = line.Contains("failed to find any fallback with glyph 0x", StringComparison.Ordinal)
            || (line.Contains("Glyph 0x", StringComparison.Ordinal) && line.Contains(" not found in font for ", StringComparison.Ordinal));
        if (!missing)
        {
            return false;
        }

        foreach (string marker in s_markers)
        {
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            int start = at + marker.Length, end = start;
            while (end < line.Length && char.IsAsciiHexDigit(line[end]))
            {
                end++;
            }

            return int.TryParse(line.AsSpan(start, end - start), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out codePoint)
                && Rune.IsValid(codePoint);
        }

        return false;
    }

    /// <summary>
    /// One warning per line of the layer (shown between <paramref name="from"/> and <paramref name="to"/>) that holds a
    /// missing character, naming the line and the characters; characters no line holds (a user's own .ass file) are
    /// named once. Empty when nothing is missing.
    /// </summary>
    public static IReadOnlyList<string> Warnings(TextLayer? layer, IReadOnlyList<int> missing, TimeSpan from, TimeSpan to)
    {
        if (missing.Count == 0)
        {
            return [];
        }

        var warnings = new List<string>();
        var named = new HashSet<int>();
        int skipped = 0;
        void Name(string what, string text)
        {
            int[] here = [.. text.EnumerateRunes().Select(r => r.Value).Where(missing.Contains).Distinct().Order()];
            if (here.Length == 0)
            {
                return;
            }

            named.UnionWith(here);
            if (warnings.Count == MaxLinesNamed)
            {
                skipped++;
                return;
            }

            warnings.Add($"text: {what} \"{Shorten(text)}\" has {Describe(here)} that no installed font has; {Advice(here)}");
        }

        if (layer is not null)
        {
            foreach (LyricLine line in layer.Captions.Where(l => l.End > from && l.Start < to))
            {
                Name(FormattableString.Invariant($"caption line {line.Index + 1} (at {AssWriter.Clock(line.Start)}{(line.SourceLine > 0 ? $", source line {line.SourceLine}" : string.Empty)})"), line.Text);
            }

            for (int i = 0; i < layer.Overlays.Count; i++)
            {
                TextOverlay o = layer.Overlays[i];
                if (o.End > from && o.Start < to)
                {
                    Name(FormattableString.Invariant($"text item {i} (at {AssWriter.Clock(o.Start)})"), o.Text);
                }
            }
        }

        if (skipped > 0)
        {
            warnings.Add(FormattableString.Invariant($"text: {skipped} more line{(skipped == 1 ? " has" : "s have")} such characters."));
        }

        int[] rest = [.. missing.Where(c => !named.Contains(c))];
        if (rest.Length > 0)
        {
            string where = layer?.AssFile is { } file ? $"the subtitle file '{file}'" : "the text";
            warnings.Add($"text: {where} has {Describe(rest)} that no installed font has; {Advice(rest)}");
        }

        return warnings;
    }

    /// <summary>"the character U+1F972 (🥲)" or "the characters U+… (…), U+… (…)".</summary>
    private static string Describe(int[] codePoints) =>
        (codePoints.Length == 1 ? "the character " : "the characters ") + string.Join(", ", codePoints.Select(c => FormattableString.Invariant($"U+{c:X4} ({char.ConvertFromUtf32(c)})")));

    /// <summary>What to install, by the kind of character (the Debian packages the Text README lists).</summary>
    private static string Advice(int[] codePoints)
    {
        string it = codePoints.Length == 1 ? "it" : "them";
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        var notes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (int c in codePoints)
        {
            switch (c)
            {
                case >= 0xE000 and <= 0xF8FF or >= 0xF0000:
                    notes.Add("A private-use character is in no font but the one made for it.");
                    break;
                case >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF when FontCatalog.IsInstalled("Symbola"):
                    notes.Add("Symbola, installed, has emoji up to Unicode 9 only: newer ones need an outline emoji font such as Noto Emoji (libass cannot draw the colour Noto Color Emoji).");
                    break;
                case >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF:
                    packages.Add("fonts-symbola for emoji, drawn in the text colour");
                    break;
                case >= 0x1100 and <= 0x11FF or >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF:
                    packages.Add("fonts-noto-cjk or the smaller fonts-droid-fallback for Chinese, Japanese, Korean");
                    break;
                default:
                    packages.Add("fonts-noto-core for most scripts, fonts-noto-extra for more");
                    break;
            }
        }

        string advice = $"libass draws {(codePoints.Length == 1 ? "it as an empty box" : "them as empty boxes")}.";
        if (packages.Count > 0)
        {
            advice += $" Install a font that has {it} (Debian: {string.Join("; ", packages)}) or choose a font that has {it}.";
        }

        return notes.Count == 0 ? advice : advice + " " + string.Join(" ", notes);
    }

    private static string Shorten(string text)
    {
        string oneLine = text.ReplaceLineEndings(" ");
        if (oneLine.Length <= 60)
        {
            return oneLine;
        }

        int cut = char.IsHighSurrogate(oneLine[56]) ? 56 : 57;
        return oneLine[..cut] + "...";
    }
}
