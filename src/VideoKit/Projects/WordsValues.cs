using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using VideoKit.Text;

namespace VideoKit.Projects;

/// <summary>Shared pieces of the words-and-sound section readers: numbers, booleans, styles, the project's lyric sheet
/// (read once), and the text layer that captions and text overlays add to together.</summary>
internal static class WordsValues
{
    private static readonly ConditionalWeakTable<ProjectReader, LyricSheetBox> s_lyrics = [];
    private static readonly ConditionalWeakTable<TimelineBuilder, TextParts> s_text = [];

    private static readonly string[] s_styleFields = ["font", "size", "bold", "color", "highlightColor", "outlineColor", "outline", "shadow", "position", "margins"];

    public static double? GetNumber(ProjectReader r, JsonElement obj, string path, string name, double min, double max)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            r.Problem(ProjectReader.Join(path, name), $"must be a number (is {ProjectReader.Describe(v)})");
            return null;
        }

        if (d < min || d > max)
        {
            r.Problem(ProjectReader.Join(path, name), string.Create(CultureInfo.InvariantCulture, $"must be {min} to {max} (is {d})"));
            return null;
        }

        return d;
    }

    public static bool? GetBool(ProjectReader r, JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            r.Problem(ProjectReader.Join(path, name), $"must be true or false (is {ProjectReader.Describe(v)})");
            return null;
        }

        return v.GetBoolean();
    }

    /// <summary>The project's <c>"lyrics"</c> file, read once; problems are reported at <c>lyrics</c>.</summary>
    public static LyricSheet? Lyrics(ProjectReader r, JsonElement root, string usedBy)
    {
        if (s_lyrics.TryGetValue(r, out LyricSheetBox? box))
        {
            return box.Sheet;
        }

        LyricSheet? sheet = null;
        if (!root.TryGetProperty("lyrics", out JsonElement _))
        {
            r.Problem(usedBy, "needs \"lyrics\": a timed lyrics file (.lrc, .srt, .vtt or .ass)");
        }
        else
        {
            sheet = LoadSheet(r, root, string.Empty, "lyrics");
        }

        s_lyrics.AddOrUpdate(r, new LyricSheetBox(sheet));
        return sheet;
    }

    /// <summary>Reads a timed-text file named by field <paramref name="name"/> of <paramref name="obj"/> (at <paramref name="path"/>),
    /// reporting a missing file or a parse error (with its line number) there.</summary>
    public static LyricSheet? LoadSheet(ProjectReader r, JsonElement obj, string path, string name)
    {
        string? full = r.GetFile(obj, path, name, "a lyrics file");
        if (full is null || !File.Exists(full))
        {
            return null;
        }

        try
        {
            return LyricSheet.Load(full);
        }
        catch (LyricParseException ex)
        {
            r.Problem(ProjectReader.Join(path, name), ex.Message);
            return null;
        }
    }

    public static CaptionStyle? ReadStyle(ProjectReader r, JsonElement obj, string path, CaptionStyle defaults)
    {
        if (!obj.TryGetProperty("style", out JsonElement s) || s.ValueKind == JsonValueKind.Null)
        {
            return defaults;
        }

        string p = ProjectReader.Join(path, "style");
        if (s.ValueKind != JsonValueKind.Object)
        {
            r.Problem(p, $"must be an object such as {{ \"font\": \"Noto Sans\", \"size\": 0.06 }} (is {ProjectReader.Describe(s)})");
            return null;
        }

        int before = r.Problems.Count;
        r.CheckFields(s, p, s_styleFields);
        TextPosition position = defaults.Position;
        if (r.GetString(s, p, "position") is { } pos)
        {
            if (!Enum.TryParse(pos, ignoreCase: true, out position) || !Enum.IsDefined(position))
            {
                r.Problem(ProjectReader.Join(p, "position"), $"unknown position \"{pos}\"; use bottom, top or middle");
            }
        }

        SafeMargins landscape = defaults.LandscapeMargins, portrait = defaults.PortraitMargins;
        if (s.TryGetProperty("margins", out JsonElement m) && m.ValueKind != JsonValueKind.Null)
        {
            string mp = ProjectReader.Join(p, "margins");
            if (m.ValueKind != JsonValueKind.Object)
            {
                r.Problem(mp, "must be an object such as { \"16:9\": { \"x\": 0.05, \"y\": 0.07 }, \"9:16\": { \"x\": 0.08, \"y\": 0.14 } }");
            }
            else
            {
                r.CheckFields(m, mp, ["16:9", "9:16"]);
                landscape = ReadMargins(r, m, mp, "16:9", landscape);
                portrait = ReadMargins(r, m, mp, "9:16", portrait);
            }
        }

        var style = new CaptionStyle
        {
            Font = r.GetString(s, p, "font") ?? defaults.Font,
            Size = GetNumber(r, s, p, "size", 0.005, 0.5) ?? defaults.Size,
            Bold = GetBool(r, s, p, "bold") ?? defaults.Bold,
            Color = r.GetString(s, p, "color") ?? defaults.Color,
            HighlightColor = r.GetString(s, p, "highlightColor") ?? defaults.HighlightColor,
            OutlineColor = r.GetString(s, p, "outlineColor") ?? defaults.OutlineColor,
            Outline = GetNumber(r, s, p, "outline", 0, 50) ?? defaults.Outline,
            Shadow = GetNumber(r, s, p, "shadow", 0, 50) ?? defaults.Shadow,
            Position = position,
            LandscapeMargins = landscape,
            PortraitMargins = portrait,
        };
        foreach (string problem in style.Validate())
        {
            int colon = problem.IndexOf(": ", StringComparison.Ordinal);
            r.Problem(ProjectReader.Join(p, problem[..colon]), problem[(colon + 2)..]);
        }

        return r.Problems.Count > before ? null : style;
    }

    private static SafeMargins ReadMargins(ProjectReader r, JsonElement m, string path, string key, SafeMargins defaults)
    {
        if (!m.TryGetProperty(key, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return defaults;
        }

        string p = ProjectReader.Join(path, key);
        if (v.ValueKind != JsonValueKind.Object)
        {
            r.Problem(p, "must be an object such as { \"x\": 0.05, \"y\": 0.07 } (fractions of the width and height)");
            return defaults;
        }

        r.CheckFields(v, p, ["x", "y"]);
        return new SafeMargins(GetNumber(r, v, p, "x", 0, 0.45) ?? defaults.Horizontal, GetNumber(r, v, p, "y", 0, 0.45) ?? defaults.Vertical);
    }

    /// <summary>Adds captions and/or text overlays to the builder's text layer (both sections contribute to one layer).</summary>
    public static void AddText(ProjectTimelineBuilder builder, TextLayer? captions = null, IReadOnlyList<TextOverlay>? overlays = null)
    {
        TextParts parts = s_text.GetValue(builder.Inner, _ => new TextParts());
        parts.Captions = captions ?? parts.Captions;
        parts.Overlays = overlays ?? parts.Overlays;
        TextLayer baseLayer = parts.Captions ?? new TextLayer();
        builder.Inner.WithText(new TextLayer
        {
            Captions = baseLayer.Captions,
            Karaoke = baseLayer.Karaoke,
            CaptionStyle = baseLayer.CaptionStyle,
            AssFile = baseLayer.AssFile,
            FontsFolder = baseLayer.FontsFolder,
            Overlays = parts.Overlays,
        });
    }

    private sealed class LyricSheetBox(LyricSheet? sheet)
    {
        public LyricSheet? Sheet { get; } = sheet;
    }

    private sealed class TextParts
    {
        public TextLayer? Captions { get; set; }

        public IReadOnlyList<TextOverlay> Overlays { get; set; } = [];
    }
}
