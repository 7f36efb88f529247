using System.Globalization;
using System.Text.Json;
using VideoKit.Text;

namespace VideoKit.Projects;

/// <summary>
/// Reads the text kind of overlay item: <c>{ "text": "Worldweight", "start": 0, "duration": 4, "fadeIn": 0.5,
/// "fadeOut": 0.5, "slide": "up", "style": { ... } }</c>. <see cref="TryRead"/> is the seam an <c>overlays</c> reader
/// that also knows picture overlays calls for items with a <c>"text"</c> field.
/// </summary>
internal static class TextOverlayReader
{
    public static readonly string[] Fields = ["text", "start", "duration", "fadeIn", "fadeOut", "slide", "style"];

    /// <summary>Reads one text item (reporting problems at <paramref name="path"/>); <see langword="null"/> when it is invalid.</summary>
    public static TextOverlay? TryRead(ProjectReader r, JsonElement item, string path)
    {
        int before = r.Problems.Count;
        r.CheckFields(item, path, Fields);
        string? text = r.GetString(item, path, "text", required: true);
        TimeSpan start = r.GetTime(item, path, "start") ?? TimeSpan.Zero;
        TimeSpan? duration = r.GetTime(item, path, "duration");
        if (duration is null && !item.TryGetProperty("duration", out _))
        {
            r.Problem(ProjectReader.Join(path, "duration"), "is required for a text item");
        }

        TimeSpan fadeIn = r.GetTime(item, path, "fadeIn") ?? TimeSpan.Zero;
        TimeSpan fadeOut = r.GetTime(item, path, "fadeOut") ?? TimeSpan.Zero;
        TextSlide slide = TextSlide.None;
        if (r.GetString(item, path, "slide") is { } s && (!Enum.TryParse(s, ignoreCase: true, out slide) || !Enum.IsDefined(slide)))
        {
            r.Problem(ProjectReader.Join(path, "slide"), $"unknown slide \"{s}\"; use none, up, down, left or right");
        }

        CaptionStyle? style = WordsValues.ReadStyle(r, item, path, CaptionStyle.Title);
        if (r.Problems.Count > before || text is null || duration is not { } d || style is null)
        {
            return null;
        }

        var overlay = new TextOverlay { Text = text, Start = start, Duration = d, FadeIn = fadeIn, FadeOut = fadeOut, Slide = slide, Style = style };
        foreach (string problem in overlay.Validate())
        {
            int colon = problem.IndexOf(": ", StringComparison.Ordinal);
            r.Problem(ProjectReader.Join(path, problem[..colon]), problem[(colon + 2)..]);
        }

        return r.Problems.Count > before ? null : overlay;
    }
}
