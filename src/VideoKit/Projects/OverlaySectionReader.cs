using System.Globalization;
using System.Text.Json;

namespace VideoKit.Projects;

/// <summary>
/// The top-level <c>overlays</c> array: pictures and clips drawn over the video track, beside hand-placed
/// <c>items</c> or a beat-cut <c>clips</c> + <c>edit</c>:
/// <c>{ "image" | "video": path, "start", "duration", "in", "rect": { "x", "y", "width" }, "opacity", "fadeIn",
/// "fadeOut", "scale", "rotation", "layer" }</c>. <c>opacity</c>, <c>scale</c>, <c>rotation</c> and the rect's
/// <c>x</c>/<c>y</c> are a number or keyframes <c>[{ "time": 0, "value": 0.5, "easing": "easeInOut" }, ...]</c>.
/// </summary>
internal sealed class OverlaySectionReader : IProjectSectionReader
{
    internal static readonly string[] Fields = ["image", "video", "start", "duration", "in", "rect", "opacity", "fadeIn", "fadeOut", "scale", "rotation", "layer"];

    public string Key => "overlays";

    public Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken)
    {
        ProjectReader r = context.Reader;
        if (context.Section.ValueKind != JsonValueKind.Array)
        {
            r.Problem(context.Path, $"must be an array of {{ \"image\" | \"video\" | \"text\": ..., \"start\", \"duration\" }} (is {ProjectReader.Describe(context.Section)})");
            return Task.CompletedTask;
        }

        int index = 0;
        var texts = new List<Text.TextOverlay>();
        foreach (JsonElement o in context.Section.EnumerateArray())
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"{context.Path}[{index++}]");
            if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("text", out _))
            {
                // The text kind is drawn by libass with the captions (Text/), not composed as a picture.
                if (TextOverlayReader.TryRead(r, o, path) is { } text)
                {
                    texts.Add(text);
                }

                continue;
            }

            Read(context, o, path);
        }

        if (texts.Count > 0)
        {
            WordsValues.AddText(context.Builder, overlays: texts);
        }

        return Task.CompletedTask;
    }

    private static void Read(ProjectSectionContext context, JsonElement o, string path)
    {
        ProjectReader r = context.Reader;
        if (o.ValueKind != JsonValueKind.Object)
        {
            r.Problem(path, $"must be an object such as {{ \"image\": \"logo.png\", \"start\": 0, \"duration\": 4 }} (is {ProjectReader.Describe(o)})");
            return;
        }

        r.CheckFields(o, path, Fields);
        bool image = o.TryGetProperty("image", out _), video = o.TryGetProperty("video", out _);
        if (image == video)
        {
            r.Problem(path, image ? "has both \"image\" and \"video\"; give one" : "needs \"image\", \"video\" or \"text\": what the overlay shows");
            return;
        }

        string? file = r.GetFile(o, path, image ? "image" : "video", image ? "an image" : "a video", required: true);
        TimeSpan start = r.GetTime(o, path, "start") ?? TimeSpan.Zero;
        TimeSpan inPoint = r.GetTime(o, path, "in") ?? TimeSpan.Zero;
        TimeSpan? duration = r.GetTime(o, path, "duration");
        if (duration is null)
        {
            if (!o.TryGetProperty("duration", out _))
            {
                r.Problem(ProjectReader.Join(path, "duration"), "is required: how long the overlay stays");
            }

            return;
        }

        if (image && o.TryGetProperty("in", out _))
        {
            r.Problem(ProjectReader.Join(path, "in"), "is for a video overlay; an image has no in point");
        }

        var placement = new OverlayPlacement
        {
            Opacity = GetAnimated(r, o, path, "opacity") ?? 1.0,
            Scale = GetAnimated(r, o, path, "scale") ?? 1.0,
            Rotation = GetAnimated(r, o, path, "rotation") ?? 0.0,
            FadeIn = r.GetTime(o, path, "fadeIn") ?? TimeSpan.Zero,
            FadeOut = r.GetTime(o, path, "fadeOut") ?? TimeSpan.Zero,
            Layer = r.GetInt(o, path, "layer", 1, 1000) ?? 1,
        };
        if (o.TryGetProperty("rect", out JsonElement rect) && rect.ValueKind != JsonValueKind.Null)
        {
            string rectPath = ProjectReader.Join(path, "rect");
            if (rect.ValueKind != JsonValueKind.Object)
            {
                r.Problem(rectPath, $"must be an object {{ \"x\", \"y\", \"width\" }} of fractions of the frame (is {ProjectReader.Describe(rect)})");
            }
            else
            {
                r.CheckFields(rect, rectPath, ["x", "y", "width"]);
                placement = placement with
                {
                    X = GetAnimated(r, rect, rectPath, "x") ?? 0.0,
                    Y = GetAnimated(r, rect, rectPath, "y") ?? 0.0,
                    Width = GetNumber(r, rect, rectPath, "width") ?? 1,
                };
            }
        }

        if (file is null)
        {
            return;
        }

        if (image)
        {
            context.Builder.AddOverlayImage(path, file, start, duration.Value, placement);
        }
        else
        {
            context.Builder.AddOverlayVideo(path, file, start, duration.Value, placement, inPoint);
        }
    }

    private static double? GetNumber(ProjectReader r, JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d))
        {
            return d;
        }

        r.Problem(ProjectReader.Join(path, name), $"must be a number (is {ProjectReader.Describe(v)})");
        return null;
    }

    /// <summary>A number, or keyframes <c>[{ "time", "value", "easing" }]</c>.</summary>
    internal static AnimatedValue? GetAnimated(ProjectReader r, JsonElement obj, string path, string name)
    {
        if (!obj.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string field = ProjectReader.Join(path, name);
        if (v.ValueKind == JsonValueKind.Number)
        {
            return GetNumber(r, obj, path, name);
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
        {
            r.Problem(field, $"must be a number or keyframes [{{ \"time\": 0, \"value\": 1, \"easing\": \"linear\" }}, ...] (is {ProjectReader.Describe(v)})");
            return null;
        }

        var keys = new List<Keyframe>();
        int i = 0;
        bool ok = true;
        foreach (JsonElement k in v.EnumerateArray())
        {
            string kp = string.Create(CultureInfo.InvariantCulture, $"{field}[{i++}]");
            if (k.ValueKind != JsonValueKind.Object)
            {
                r.Problem(kp, $"must be a keyframe {{ \"time\", \"value\", \"easing\" }} (is {ProjectReader.Describe(k)})");
                ok = false;
                continue;
            }

            r.CheckFields(k, kp, ["time", "value", "easing"]);
            TimeSpan? time = r.GetTime(k, kp, "time");
            double? value = GetNumber(r, k, kp, "value");
            string? easing = r.GetString(k, kp, "easing");
            Easing e = Easing.Linear;
            if (easing is not null && !Enum.TryParse(easing, ignoreCase: true, out e))
            {
                r.Problem(ProjectReader.Join(kp, "easing"), $"'{easing}' is not an easing; use linear, easeIn, easeOut, easeInOut or hold");
                ok = false;
            }

            if (time is null || value is null)
            {
                if (time is null && !k.TryGetProperty("time", out _))
                {
                    r.Problem(ProjectReader.Join(kp, "time"), "is required");
                }

                if (value is null && !k.TryGetProperty("value", out _))
                {
                    r.Problem(ProjectReader.Join(kp, "value"), "is required");
                }

                ok = false;
                continue;
            }

            if (keys.Any(x => x.Time == time.Value))
            {
                r.Problem(ProjectReader.Join(kp, "time"), $"{TimelineBuilder.Text(time.Value)} is used by another keyframe");
                ok = false;
                continue;
            }

            keys.Add(new Keyframe(time.Value, value.Value, e));
        }

        return ok ? AnimatedValue.FromKeyframes(keys) : null;
    }
}
