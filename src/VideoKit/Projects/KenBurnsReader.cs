using System.Text.Json;
using VideoKit.Stills;

namespace VideoKit.Projects;

/// <summary>
/// The <c>"kenBurns"</c> field of an image item: <c>"auto"</c>, or <c>{ "from": { "x", "y", "width" }, "to": { ... },
/// "easing": "smooth" | "linear" }</c> (framings as fractions of the image; either end may be left out for automatic).
/// </summary>
internal static class KenBurnsReader
{
    public static KenBurnsMove? Read(ProjectReader r, JsonElement item, string itemPath)
    {
        string path = ProjectReader.Join(itemPath, "kenBurns");
        JsonElement v = item.GetProperty("kenBurns");
        if (v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), "auto", StringComparison.OrdinalIgnoreCase))
        {
            return KenBurnsMove.Auto;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            r.Problem(path, $"must be \"auto\" or {{ \"from\": {{ \"x\": 0, \"y\": 0, \"width\": 1 }}, \"to\": {{ \"x\": 0.3, \"y\": 0.2, \"width\": 0.5 }} }} (is {ProjectReader.Describe(v)})");
            return null;
        }

        int before = r.Problems.Count;
        r.CheckFields(v, path, ["from", "to", "easing"]);
        Framing? from = ReadFraming(r, v, path, "from");
        Framing? to = ReadFraming(r, v, path, "to");
        KenBurnsEasing easing = KenBurnsEasing.Smooth;
        if (r.GetString(v, path, "easing") is { } e && (!Enum.TryParse(e, ignoreCase: true, out easing) || !Enum.IsDefined(easing)))
        {
            r.Problem(ProjectReader.Join(path, "easing"), $"unknown easing \"{e}\"; use smooth or linear");
        }

        return r.Problems.Count > before ? null : new KenBurnsMove { From = from, To = to, Easing = easing };
    }

    private static Framing? ReadFraming(ProjectReader r, JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement f) || f.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string p = ProjectReader.Join(path, name);
        if (f.ValueKind != JsonValueKind.Object)
        {
            r.Problem(p, "must be { \"x\": 0.1, \"y\": 0.2, \"width\": 0.5 } (fractions of the image)");
            return null;
        }

        r.CheckFields(f, p, ["x", "y", "width"]);
        double x = WordsValues.GetNumber(r, f, p, "x", 0, 1) ?? 0;
        double y = WordsValues.GetNumber(r, f, p, "y", 0, 1) ?? 0;
        double? w = WordsValues.GetNumber(r, f, p, "width", 0.01, 1);
        if (w is null && !f.TryGetProperty("width", out _))
        {
            r.Problem(ProjectReader.Join(p, "width"), "is required (a fraction of the image width)");
        }

        if (w is { } width && x + width > 1 + 1e-9)
        {
            r.Problem(p, FormattableString.Invariant($"x + width = {x + width:0.###} reaches past the image's right edge"));
        }

        return w is { } ww ? new Framing(x, y, ww) : null;
    }
}
