using System.Text.Json;
using VideoKit.Editing;
using VideoKit.Text;

namespace VideoKit.Projects;

/// <summary><c>"edit": { "cutAt": "lyrics", "snap": "beat" | "downbeat" | "none", "snapTolerance": 0.25 }</c>: one clip per
/// line of the project's <c>"lyrics"</c>, each cut snapped to a beat within the tolerance.</summary>
internal static class LyricEditReader
{
    public static CutRule? ReadRule(ProjectReader r, JsonElement edit, JsonElement root)
    {
        string? at = r.GetString(edit, "edit", "cutAt");
        if (at != "lyrics")
        {
            r.Problem("edit.cutAt", $"must be \"lyrics\" or an array of beat indices such as [0, 4, 6] (is \"{at}\")");
            return null;
        }

        LyricSnap snap = LyricSnap.Beat;
        if (r.GetString(edit, "edit", "snap") is { } s && (!Enum.TryParse(s, ignoreCase: true, out snap) || !Enum.IsDefined(snap)))
        {
            r.Problem("edit.snap", $"unknown snap \"{s}\"; use beat, downbeat or none");
            return null;
        }

        TimeSpan tolerance = TimeSpan.FromSeconds(WordsValues.GetNumber(r, edit, "edit", "snapTolerance", 0, 2) ?? 0.25);
        LyricSheet? sheet = WordsValues.Lyrics(r, root, "edit.cutAt");
        return sheet is null ? null : CutRule.AtLyrics(sheet.Lines.Select(l => l.Start), snap, tolerance);
    }
}
