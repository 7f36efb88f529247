using System.Text.Json;
using VideoKit.Text;

namespace VideoKit.Projects;

/// <summary>
/// <c>"captions": { "from": "lyrics" | "file.srt" | "file.ass", "karaoke": true, "style": { ... }, "fontsFolder": "fonts/" }</c>:
/// burned-in captions. An .ass file without a <c>style</c> is burned in as it is (its own styles and effects).
/// </summary>
internal sealed class CaptionsSectionReader : IProjectSectionReader
{
    private static readonly string[] s_fields = ["from", "karaoke", "style", "fontsFolder"];

    public string Key => "captions";

    public Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken)
    {
        ProjectReader r = context.Reader;
        JsonElement c = context.Section;
        if (c.ValueKind != JsonValueKind.Object)
        {
            r.Problem("captions", $"must be an object such as {{ \"from\": \"lyrics\", \"karaoke\": true }} (is {ProjectReader.Describe(c)})");
            return Task.CompletedTask;
        }

        int before = r.Problems.Count;
        r.CheckFields(c, "captions", s_fields);
        string from = r.GetString(c, "captions", "from") ?? "lyrics";
        bool karaoke = WordsValues.GetBool(r, c, "captions", "karaoke") ?? false;
        CaptionStyle? style = WordsValues.ReadStyle(r, c, "captions", CaptionStyle.Default);
        string? fonts = r.GetString(c, "captions", "fontsFolder") is { } f ? r.ResolvePath(f) : null;
        if (fonts is not null && !Directory.Exists(fonts))
        {
            r.Problem("captions.fontsFolder", $"the folder '{fonts}' does not exist");
            fonts = null;
        }

        bool hasStyle = c.TryGetProperty("style", out JsonElement st) && st.ValueKind != JsonValueKind.Null;
        LyricSheet? sheet = null;
        string? assFile = null;
        if (from == "lyrics")
        {
            sheet = WordsValues.Lyrics(r, context.Root, "captions.from");
        }
        else if (LyricSheet.FormatOf(from) == LyricFormat.Ass && !hasStyle && !karaoke)
        {
            assFile = r.GetFile(c, "captions", "from", "a subtitle file");
        }
        else
        {
            sheet = WordsValues.LoadSheet(r, c, "captions", "from");
        }

        if (style is null || r.Problems.Count > before || (sheet is null && assFile is null))
        {
            return Task.CompletedTask;
        }

        if (karaoke && sheet is { HasWordTimes: false })
        {
            r.Problem("captions.karaoke", $"needs word times, and '{Path.GetFileName(sheet.Name)}' times whole lines only; use the enhanced LRC form <mm:ss.xx>, WebVTT inline timestamps or ASS \\k tags");
            return Task.CompletedTask;
        }

        var layer = new TextLayer { Captions = sheet?.Lines ?? [], Karaoke = karaoke, CaptionStyle = style, AssFile = assFile, FontsFolder = fonts };
        // Fonts are checked when the timeline is validated (captions.style.font: ...).
        WordsValues.AddText(context.Builder, captions: layer);
        return Task.CompletedTask;
    }
}
