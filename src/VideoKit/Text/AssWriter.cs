using System.Globalization;
using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Writes a <see cref="TextLayer"/> as one ASS script for libass: a style per look (sizes and margins in output pixels,
/// <c>PlayRes</c> = the output size), a Dialogue event per caption line (karaoke lines carry <c>\k</c> tags, so a word
/// switches from the text colour to the highlight colour at its start time), and events for each text item with
/// <c>\fad</c> and, for slides, <c>\move</c> (in, hold and out as three events).
/// </summary>
internal static class AssWriter
{
    private const string CaptionStyleName = "Caption";

    public static string Write(TextLayer layer, Resolution size)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var sb = new StringBuilder();
        sb.Append("[Script Info]\n; written by VideoKit\nScriptType: v4.00+\n")
          .Append(Inv($"PlayResX: {size.Width}\nPlayResY: {size.Height}\n"))
          .Append("WrapStyle: 0\nScaledBorderAndShadow: yes\nYCbCr Matrix: TV.709\n\n")
          .Append("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        AppendStyle(sb, CaptionStyleName, layer.CaptionStyle, size, layer.Karaoke);
        for (int i = 0; i < layer.Overlays.Count; i++)
        {
            AppendStyle(sb, Inv($"Text{i}"), layer.Overlays[i].Style ?? CaptionStyle.Title, size, karaoke: false);
        }

        sb.Append("\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        foreach (LyricLine line in layer.Captions)
        {
            string text = layer.Karaoke && line.Words.Count > 0 ? KaraokeText(line) : Escape(line.Text);
            AppendEvent(sb, 0, line.Start, line.End, CaptionStyleName, text);
        }

        for (int i = 0; i < layer.Overlays.Count; i++)
        {
            AppendOverlay(sb, layer.Overlays[i], Inv($"Text{i}"), size);
        }

        return sb.ToString();
    }

    /// <summary>ASS colour <c>&amp;HAABBGGRR</c> (alpha 00 is opaque).</summary>
    internal static string AssColor(string color)
    {
        if (!CaptionStyle.TryParseColor(color, out (byte R, byte G, byte B, byte A) c))
        {
            throw new ArgumentException($"'{color}' is not a colour; use #RRGGBB or #RRGGBBAA.", nameof(color));
        }

        return Inv($"&H{255 - c.A:X2}{c.B:X2}{c.G:X2}{c.R:X2}");
    }

    /// <summary>h:mm:ss.cc, rounded to the nearest centisecond.</summary>
    internal static string Clock(TimeSpan t)
    {
        long cs = (long)Math.Round(Math.Max(0, t.Ticks) / 100_000.0, MidpointRounding.AwayFromZero);
        return Inv($"{cs / 360_000}:{cs / 6000 % 60:00}:{cs / 100 % 60:00}.{cs % 100:00}");
    }

    private static void AppendStyle(StringBuilder sb, string name, CaptionStyle s, Resolution size, bool karaoke)
    {
        SafeMargins m = s.MarginsFor(size);
        double scale = size.Height / 1080.0;
        int alignment = s.Position switch { TextPosition.Top => 8, TextPosition.Middle => 5, _ => 2 };

        // Karaoke: SecondaryColour is the unsung text, PrimaryColour what a word turns into once its \k time starts.
        string primary = AssColor(karaoke ? s.HighlightColor : s.Color);
        string secondary = AssColor(karaoke ? s.Color : s.HighlightColor);
        string outline = AssColor(s.OutlineColor);
        // Encoding -1: libass takes each line's direction from its first strong character and orders right-to-left
        // text over the whole line. With a Windows charset (1) it lays each run out left to right, so the words of an
        // Arabic or Hebrew karaoke line (one run per \k tag) came out in reverse order.
        sb.Append(Inv($"Style: {name},{s.Font},{s.Size * size.Height:0.##},{primary},{secondary},{outline},{outline},{(s.Bold ? -1 : 0)},0,0,0,100,100,0,0,1,{s.Outline * scale:0.##},{s.Shadow * scale:0.##},{alignment},"))
          .Append(Inv($"{Math.Round(m.Horizontal * size.Width)},{Math.Round(m.Horizontal * size.Width)},{Math.Round(m.Vertical * size.Height)},-1\n"));
    }

    private static void AppendEvent(StringBuilder sb, int layer, TimeSpan start, TimeSpan end, string style, string text) =>
        sb.Append(Inv($"Dialogue: {layer},{Clock(start)},{Clock(end)},{style},,0,0,0,,{LineBreaks.AllowCjkBreaks(text)}\n"));

    /// <summary>Each word as <c>{\kN}word</c>, N in centiseconds; the cumulative times are rounded (not each length), so no drift builds up.</summary>
    private static string KaraokeText(LyricLine line)
    {
        var sb = new StringBuilder();
        long Cs(TimeSpan t) => (long)Math.Round((t - line.Start).Ticks / 100_000.0, MidpointRounding.AwayFromZero);
        long at = 0;
        long first = Cs(line.Words[0].Start);
        if (first > 0)
        {
            sb.Append(Inv($"{{\\k{first}}}"));
            at = first;
        }

        for (int i = 0; i < line.Words.Count; i++)
        {
            long next = i + 1 < line.Words.Count ? Cs(line.Words[i + 1].Start) : Math.Max(Cs(line.Words[i].End), at);
            sb.Append(Inv($"{{\\k{Math.Max(0, next - at)}}}")).Append(Escape(line.Words[i].Text));
            at = Math.Max(at, next);
        }

        return sb.ToString();
    }

    private static void AppendOverlay(StringBuilder sb, TextOverlay o, string style, Resolution size)
    {
        CaptionStyle s = o.Style ?? CaptionStyle.Title;
        string text = Escape(o.Text);
        int fadeIn = (int)Math.Round(o.FadeIn.TotalMilliseconds), fadeOut = (int)Math.Round(o.FadeOut.TotalMilliseconds);
        if (o.Slide == TextSlide.None)
        {
            AppendEvent(sb, 1, o.Start, o.End, style, Inv($"{{\\fad({fadeIn},{fadeOut})}}") + text);
            return;
        }

        // The anchor the style's alignment puts the text at, and the offset it slides from.
        SafeMargins m = s.MarginsFor(size);
        (int alignment, double x, double y) = s.Position switch
        {
            TextPosition.Top => (8, size.Width / 2.0, m.Vertical * size.Height),
            TextPosition.Middle => (5, size.Width / 2.0, size.Height / 2.0),
            _ => (2, size.Width / 2.0, size.Height - (m.Vertical * size.Height)),
        };
        (double dx, double dy) = o.Slide switch
        {
            TextSlide.Up => (0.0, 0.08 * size.Height),
            TextSlide.Down => (0.0, -0.08 * size.Height),
            TextSlide.Left => (0.08 * size.Width, 0.0),
            _ => (-0.08 * size.Width, 0.0),
        };
        TimeSpan holdStart = o.Start + o.FadeIn, holdEnd = o.End - o.FadeOut;
        if (fadeIn > 0)
        {
            AppendEvent(sb, 1, o.Start, holdStart, style, Inv($"{{\\an{alignment}\\move({x + dx:0.#},{y + dy:0.#},{x:0.#},{y:0.#},0,{fadeIn})\\fad({fadeIn},0)}}") + text);
        }

        if (holdEnd > holdStart)
        {
            AppendEvent(sb, 1, holdStart, holdEnd, style, Inv($"{{\\an{alignment}\\pos({x:0.#},{y:0.#})}}") + text);
        }

        if (fadeOut > 0)
        {
            AppendEvent(sb, 1, holdEnd, o.End, style, Inv($"{{\\an{alignment}\\move({x:0.#},{y:0.#},{x - dx:0.#},{y - dy:0.#},0,{fadeOut})\\fad(0,{fadeOut})}}") + text);
        }
    }

    /// <summary>Text as ASS event text: braces escaped, a backslash kept from starting a tag, line breaks as <c>\N</c>.</summary>
    internal static string Escape(string text) => text
        .Replace("\\", "\\\u2060", StringComparison.Ordinal)
        .Replace("{", "\\{", StringComparison.Ordinal)
        .Replace("}", "\\}", StringComparison.Ordinal)
        .Replace("\r\n", "\\N", StringComparison.Ordinal)
        .Replace("\n", "\\N", StringComparison.Ordinal);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
