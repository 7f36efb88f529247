using System.Text.Json;

namespace VideoKit.Projects;

/// <summary><c>{ "image": "a.png", "start": 0, "duration": 4, "fit": "cover" }</c></summary>
internal sealed class ImageItemReader : IProjectItemReader
{
    public string Key => "image";

    public IReadOnlyCollection<string> Fields { get; } = ["image", "fit", "kenBurns"];

    public void Read(ProjectItemContext c)
    {
        string? file = c.Reader.GetFile(c.Item, c.Path, "image", "an image");
        if (c.Duration is not { } duration)
        {
            if (!c.HasField("duration"))
            {
                c.Reader.Problem(ProjectReader.Join(c.Path, "duration"), "is required for an image");
            }

            return;
        }

        if (c.HasField("kenBurns"))
        {
            // A still that pans and zooms: its own source (the framing replaces the fit).
            if (KenBurnsReader.Read(c.Reader, c.Item, c.Path) is { } move && file is not null && duration > TimeSpan.Zero)
            {
                c.Builder.AddSource(c.Path, file, () => new Stills.KenBurnsSource(file, move, duration), c.Start, duration, c.Transition);
            }

            return;
        }

        if (file is not null)
        {
            c.Builder.AddImage(c.Path, file, c.Start, duration, c.Fit, c.Transition);
        }
    }
}

/// <summary><c>{ "video": "a.mp4", "start": 4, "in": 2, "out": 6, "fit": "contain" }</c> (duration = out − in when not given).</summary>
internal sealed class VideoItemReader : IProjectItemReader
{
    public string Key => "video";

    public IReadOnlyCollection<string> Fields { get; } = ["video", "in", "out", "fit"];

    public void Read(ProjectItemContext c)
    {
        string? file = c.Reader.GetFile(c.Item, c.Path, "video", "a video");
        TimeSpan inPoint = c.Reader.GetTime(c.Item, c.Path, "in") ?? TimeSpan.Zero;
        TimeSpan? outPoint = c.Reader.GetTime(c.Item, c.Path, "out");
        TimeSpan? duration = c.Duration;
        if (outPoint is { } o)
        {
            if (o <= inPoint)
            {
                c.Reader.Problem(ProjectReader.Join(c.Path, "out"), $"must be after \"in\" ({TimelineBuilder.Text(o)} <= {TimelineBuilder.Text(inPoint)})");
                return;
            }

            if (duration is { } d && d != o - inPoint)
            {
                c.Reader.Problem(ProjectReader.Join(c.Path, "duration"), $"{TimelineBuilder.Text(d)} disagrees with out - in ({TimelineBuilder.Text(o - inPoint)}); give one or the other");
                return;
            }

            duration = o - inPoint;
        }

        if (duration is not { } length)
        {
            if (!c.HasField("duration") && !c.HasField("out"))
            {
                c.Reader.Problem(ProjectReader.Join(c.Path, "duration"), "is required for a video unless \"out\" is given");
            }

            return;
        }

        if (file is not null)
        {
            c.Builder.AddVideo(c.Path, file, c.Start, length, inPoint, c.Fit, c.Transition);
        }
    }
}

/// <summary>Parses the common item fields that every kind shares.</summary>
internal static class CommonItemFields
{
    public static readonly string[] Names = ["start", "duration", "transition"];

    public static FitMode? ReadFit(ProjectReader reader, JsonElement item, string path)
    {
        string? text = reader.GetString(item, path, "fit");
        if (text is null)
        {
            return FitMode.Cover;
        }

        switch (text.ToLowerInvariant())
        {
            case "cover":
                return FitMode.Cover;
            case "contain":
                return FitMode.Contain;
            case "stretch":
                return FitMode.Stretch;
            case "blurredfill":
                return FitMode.BlurredFill;
            default:
                reader.Problem(ProjectReader.Join(path, "fit"), $"unknown fit mode \"{text}\"; use cover, contain, stretch or blurredFill");
                return null;
        }
    }

    public static Transition? ReadTransition(ProjectReader reader, JsonElement item, string path)
    {
        if (!item.TryGetProperty("transition", out JsonElement t) || t.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string tPath = ProjectReader.Join(path, "transition");
        string? type;
        TimeSpan? duration = null;
        TransitionPlacement? placement = null;
        double? strength = null;
        if (t.ValueKind == JsonValueKind.String)
        {
            type = t.GetString();
        }
        else if (t.ValueKind == JsonValueKind.Object)
        {
            reader.CheckFields(t, tPath, ["type", "duration", "placement", "strength"]);
            type = reader.GetString(t, tPath, "type", required: true);
            duration = reader.GetTime(t, tPath, "duration");
            if (reader.GetString(t, tPath, "placement") is { } p)
            {
                if (Enum.TryParse(p, ignoreCase: true, out TransitionPlacement parsed) && Enum.IsDefined(parsed))
                {
                    placement = parsed;
                }
                else
                {
                    reader.Problem(ProjectReader.Join(tPath, "placement"), $"unknown placement \"{p}\"; use centered, endingAtCut or startingAtCut");
                }
            }

            if (t.TryGetProperty("strength", out JsonElement st) && st.ValueKind != JsonValueKind.Null)
            {
                if (st.ValueKind == JsonValueKind.Number && st.GetDouble() is >= 0 and <= 1)
                {
                    strength = st.GetDouble();
                }
                else
                {
                    reader.Problem(ProjectReader.Join(tPath, "strength"), $"must be a number from 0 to 1 (is {ProjectReader.Describe(st)})");
                }
            }
        }
        else
        {
            reader.Problem(tPath, $"must be \"cut\" or an object such as {{ \"type\": \"crossfade\", \"duration\": 0.5 }} (is {ProjectReader.Describe(t)})");
            return null;
        }

        // A bad name is reported where it is written: "transition": "wipe" at items[0].transition, the object form at .type.
        string typePath = t.ValueKind == JsonValueKind.String ? tPath : ProjectReader.Join(tPath, "type");
        if (type is null)
        {
            return null;
        }

        if (!Enum.TryParse(type, ignoreCase: true, out TransitionKind kind) || !Enum.IsDefined(kind) || kind == TransitionKind.Custom || int.TryParse(type, out _))
        {
            reader.Problem(typePath, $"unknown transition \"{type}\"; use cut, crossfade, dipToBlack, dipToWhite, flash, whip, slide or zoomPunch");
            return null;
        }

        if (kind == TransitionKind.Cut)
        {
            return Transition.Cut;
        }

        if (duration is not { } d)
        {
            reader.Problem(ProjectReader.Join(tPath, "duration"), $"is required for a {TimelineBuilder.KindName(kind)}");
            return null;
        }

        if (d <= TimeSpan.Zero)
        {
            reader.Problem(ProjectReader.Join(tPath, "duration"), $"must be > 0 (is {TimelineBuilder.Text(d)})");
            return null;
        }

        Transition defaults = kind switch
        {
            TransitionKind.Flash => Transition.Flash(d),
            TransitionKind.ZoomPunch => Transition.ZoomPunch(d),
            TransitionKind.Whip => Transition.Whip(d),
            _ => Transition.Create(kind, d, TransitionPlacement.Centered, 0),
        };
        return Transition.Create(kind, d, placement ?? defaults.Placement, (float)(strength ?? defaults.Strength));
    }
}
