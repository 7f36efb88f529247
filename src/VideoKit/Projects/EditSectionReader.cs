using System.Globalization;
using System.Text.Json;
using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Zoom;

namespace VideoKit.Projects;

/// <summary>
/// The project file's beat-synced edit: <c>"clips"</c> (the material) and <c>"edit"</c> (how to cut it). The reader
/// registered for "clips" does the work (reading "edit" beside it, or its defaults); the one registered for "edit" only
/// reports an edit without clips. Adds one video-track item per planned segment and the onset effects (see
/// <see cref="MontageTimeline"/>).
/// </summary>
internal sealed class EditSectionReader(string key) : IProjectSectionReader
{
    private static readonly string[] s_editFields = ["cutEvery", "cutAt", "transition", "beatGrid", "order", "seed", "density", "onsetEffect", "fit", "inPoint", "maxSpeedChange", "retime", "whenTooShort", "minSegment", "beatsPerBar", "snap", "snapTolerance", "tempo", "bpm", "firstBeat", "beatOffsetMs", "downbeatShift"];
    private static readonly string[] s_transitionFields = ["type", "duration", "beats", "placement", "strength"];
    private static readonly string[] s_imageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"];
    private static readonly string[] s_videoExtensions = [".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v", ".gif"];

    public string Key { get; } = key;

    public async Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken)
    {
        ProjectReader r = context.Reader;
        bool hasClips = context.Root.TryGetProperty("clips", out _);
        if (Key == "edit")
        {
            if (!hasClips)
            {
                r.Problem("edit", "needs \"clips\": the videos, images or zoom sequences to cut (for example \"clips\": [\"a.mp4\", \"b.mp4\"])");
            }

            return;
        }

        JsonElement edit = context.Root.TryGetProperty("edit", out JsonElement e) && e.ValueKind != JsonValueKind.Null ? e : default;
        if (edit.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            r.Problem("edit", $"must be an object such as {{ \"cutEvery\": {{ \"beats\": 2 }}, \"transition\": \"cut\" }} (is {ProjectReader.Describe(edit)})");
            edit = default;
        }

        if (edit.ValueKind == JsonValueKind.Object)
        {
            r.CheckFields(edit, "edit", s_editFields);
        }

        var zooms = new Dictionary<int, ZoomClipSpec>();
        List<MontageClip> clips = ReadClips(r, context.Section, zooms);
        BeatEditor? editor = ReadEditor(r, edit, context.Root);
        ClipFitPolicy? policy = ReadPolicy(r, edit);
        string? gridFile = edit.ValueKind == JsonValueKind.Object ? r.GetFile(edit, "edit", "beatGrid", "a beats file or MIDI file") : null;
        BeatGridAdjustments say = edit.ValueKind == JsonValueKind.Object ? ReadAdjustments(r, edit) : BeatGridAdjustments.None;
        if (context.SongPath is not { } song)
        {
            r.Problem("clips", "a beat-synced edit needs a \"song\": its beats place the cuts and its length is the video's");
            return;
        }

        if (clips.Count == 0 || editor is null || policy is null || r.Problems.Count > 0 || !File.Exists(song) || (gridFile is not null && !File.Exists(gridFile)))
        {
            return;   // problems are reported; do not analyse a song for a project that will not load
        }

        TimeSpan songLength;
        try
        {
            MediaInfo info = await MediaProbe.ProbeAsync(song, r.Options, cancellationToken).ConfigureAwait(false);
            songLength = info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio?.Duration ?? TimeSpan.Zero;
        }
        catch (UnsupportedMediaException ex)
        {
            r.Problem("song", ex.Message);
            return;
        }

        TimeSpan length = context.Root.TryGetProperty("duration", out JsonElement d) && ProjectReader.TryParseTime(d, out TimeSpan explicitLength) && explicitLength > TimeSpan.Zero
            ? explicitLength
            : songLength;
        int? beatsPerBar = edit.ValueKind == JsonValueKind.Object ? r.GetInt(edit, "edit", "beatsPerBar", 1, 32) : null;
        if (r.Problems.Count > 0)
        {
            return;
        }

        (BeatGrid? grid, string? advice) = await ReadGridAsync(r, gridFile, beatsPerBar, say, song, songLength, cancellationToken).ConfigureAwait(false);
        if (grid is null)
        {
            return;
        }

        EditPlan plan;
        try
        {
            plan = editor.Plan(grid, clips.Count, context.Builder.Inner.FrameRate, TimeSpan.Zero, length);
        }
        catch (ArgumentException ex)
        {
            r.Problem("edit", ex.Message);
            return;
        }

        plan = plan with { Warnings = [.. plan.WarningDetails.Select(w => ProjectWarning(w, edit, grid, gridFile, length)), .. advice is null ? [] : new[] { "song: the beat grid is uncertain; " + advice }] };
        context.Builder.EditPlan = plan;
        List<MontageClip> material = WithZooms(plan, grid, clips, zooms);
        System.Collections.Immutable.ImmutableArray<ClipFit> fits;
        try
        {
            fits = await MontageTimeline.FitAsync(plan, material, policy, r.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UnsupportedMediaException or FileNotFoundException)
        {
            r.Problem("clips", ex.Message);
            return;
        }

        MontageTimeline.AddItems(plan, material, fits, policy, d => context.Builder.Add("clips", d), e => context.Builder.Inner.AddEffect(e));
    }

    /// <summary>
    /// The clips with each zoom placeholder replaced by a source that zooms through its levels over the longest segment
    /// it fills, driven by that segment's beats.
    /// </summary>
    private static List<MontageClip> WithZooms(EditPlan plan, BeatGrid grid, List<MontageClip> clips, Dictionary<int, ZoomClipSpec> zooms)
    {
        var result = new List<MontageClip>(clips);
        foreach ((int index, ZoomClipSpec spec) in zooms)
        {
            EditSegment? longest = null;
            foreach (EditSegment s in plan.Segments)
            {
                if (s.ClipIndex == index && (longest is null || s.VisibleFrameCount > longest.VisibleFrameCount))
                {
                    longest = s;
                }
            }

            long frames = Math.Max(1, longest?.VisibleFrameCount ?? 1);
            TimeSpan start = plan.SectionStart + plan.FrameRate.TimeAt(longest?.VisibleStartFrame ?? 0);
            FrameRate rate = plan.FrameRate;
            result[index] = MontageClip.FromFactory(spec.Folder, () => new ZoomClipSource(spec, grid, start, rate, frames), rate.TimeAt(frames));
        }

        return result;
    }

    private static ZoomClipSpec? ReadZoom(ProjectReader r, JsonElement item, string path)
    {
        // Every field is checked, so a bad factor does not hide a missing folder (or the reverse).
        int before = r.Problems.Count;
        string? value = r.GetString(item, path, "zoom", required: true);
        double? factor = null;
        if (item.TryGetProperty("factor", out JsonElement f) && f.ValueKind != JsonValueKind.Null)
        {
            if (f.ValueKind != JsonValueKind.Number || !(f.GetDouble() is >= 1.05 and <= 4))
            {
                r.Problem(path + ".factor", $"must be the zoom factor of each step, from 1.05 to 4 (2 for a 2× zoom out), or left out to estimate it (is {ProjectReader.Describe(f)})");
            }
            else
            {
                factor = f.GetDouble();
            }
        }

        double? levelsPerBar = null;
        if (item.TryGetProperty("levelsPerBar", out JsonElement lpb) && lpb.ValueKind != JsonValueKind.Null)
        {
            if (lpb.ValueKind != JsonValueKind.Number || !(lpb.GetDouble() is >= 0.0625 and <= 16))
            {
                r.Problem(path + ".levelsPerBar", $"must be how many levels to pass per bar, from 0.0625 to 16 (1 = one level per bar), or left out to spread the levels over the clip's bars (is {ProjectReader.Describe(lpb)})");
            }
            else
            {
                levelsPerBar = lpb.GetDouble();
            }
        }

        string? full = null;
        if (value is not null)
        {
            full = r.ResolvePath(value);
            if (!Directory.Exists(full))
            {
                r.Problem(path + ".zoom", $"folder '{value}' does not exist (looked for {full})");
            }
            else if (ZoomSequence.FindLevels(full).Length is var levels && levels < 2)
            {
                r.Problem(path + ".zoom", $"folder '{value}' holds {levels} image(s); a zoom sequence needs at least two levels, innermost first by name");
            }
        }

        return r.Problems.Count > before || full is null ? null : new ZoomClipSpec(full, factor, levelsPerBar);
    }

    private static List<MontageClip> ReadClips(ProjectReader r, JsonElement section, Dictionary<int, ZoomClipSpec> zooms)
    {
        var clips = new List<MontageClip>();
        if (section.ValueKind != JsonValueKind.Array)
        {
            r.Problem("clips", $"must be an array of paths or {{ \"video\" | \"image\" | \"zoom\": path }} objects (is {ProjectReader.Describe(section)})");
            return clips;
        }

        int index = 0;
        foreach (JsonElement item in section.EnumerateArray())
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"clips[{index++}]");
            if (item.ValueKind == JsonValueKind.String)
            {
                AddPath(r, path, item.GetString() ?? string.Empty, clips);
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                if (item.TryGetProperty("zoom", out _))
                {
                    r.CheckFields(item, path, ["zoom", "factor", "levelsPerBar"]);
                    if (ReadZoom(r, item, path) is { } zoom)
                    {
                        zooms[clips.Count] = zoom;
                        clips.Add(MontageClip.Image(zoom.Folder));   // a placeholder: replaced once the plan gives its length
                    }
                }
                else if (item.TryGetProperty("video", out _))
                {
                    r.CheckFields(item, path, ["video"]);
                    string? file = r.GetFile(item, path, "video", "a video");
                    if (file is not null && File.Exists(file))
                    {
                        clips.Add(MontageClip.Video(file));
                    }
                }
                else if (item.TryGetProperty("image", out _))
                {
                    r.CheckFields(item, path, ["image"]);
                    string? file = r.GetFile(item, path, "image", "an image");
                    if (file is not null && File.Exists(file))
                    {
                        clips.Add(MontageClip.Image(file));
                    }
                }
                else
                {
                    r.Problem(path, "needs one of \"video\", \"image\" or \"zoom\"");
                }
            }
            else
            {
                r.Problem(path, $"must be a path or an object such as {{ \"video\": \"a.mp4\" }} (is {ProjectReader.Describe(item)})");
            }
        }

        if (index == 0)
        {
            r.Problem("clips", "is empty; list at least one video, image or folder");
        }

        return clips;
    }

    private static void AddPath(ProjectReader r, string jsonPath, string value, List<MontageClip> clips)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            r.Problem(jsonPath, "must be a non-empty path");
            return;
        }

        string full = r.ResolvePath(value);
        if (Directory.Exists(full))
        {
            string[] files = [.. Directory.EnumerateFiles(full)
                .Where(f => s_videoExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()) || s_imageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                r.Problem(jsonPath, $"the folder '{value}' holds no videos or images (looked in {full})");
            }

            clips.AddRange(files.Select(MontageClip.File));
        }
        else if (!File.Exists(full))
        {
            r.Problem(jsonPath, $"'{value}' does not exist (looked for {full})");
        }
        else
        {
            clips.Add(MontageClip.File(full));
        }
    }

    private static BeatEditor? ReadEditor(ProjectReader r, JsonElement edit, JsonElement root)
    {
        int before = r.Problems.Count;
        if (edit.ValueKind != JsonValueKind.Object)
        {
            return new BeatEditor();
        }

        CutRule rule = CutRule.OnDownbeats;
        bool hasEvery = edit.TryGetProperty("cutEvery", out JsonElement every) && every.ValueKind != JsonValueKind.Null;
        bool hasAt = edit.TryGetProperty("cutAt", out JsonElement at) && at.ValueKind != JsonValueKind.Null;
        if (hasEvery && hasAt)
        {
            r.Problem("edit", "has both \"cutEvery\" and \"cutAt\"; use one");
        }
        else if (hasEvery)
        {
            rule = ReadCutEvery(r, every) ?? rule;
        }
        else if (hasAt && at.ValueKind == JsonValueKind.String)
        {
            rule = Projects.LyricEditReader.ReadRule(r, edit, root) ?? rule;   // "cutAt": "lyrics"
        }
        else if (hasAt)
        {
            if (at.ValueKind != JsonValueKind.Array)
            {
                r.Problem("edit.cutAt", $"must be an array of beat indices (0 or more) such as [0, 4, 6] (is {ProjectReader.Describe(at)})");
            }
            else
            {
                int position = 0, bad = 0;
                foreach (JsonElement v in at.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int i) || i < 0)
                    {
                        r.Problem(string.Create(CultureInfo.InvariantCulture, $"edit.cutAt[{position}]"), $"must be a beat index, a whole number 0 or more (is {ProjectReader.Describe(v)})");
                        bad++;
                    }

                    position++;
                }

                if (bad == 0)
                {
                    rule = CutRule.AtBeats(at.EnumerateArray().Select(v => v.GetInt32()));
                }
            }
        }

        Transition transition = ReadTransition(r, edit) ?? Transition.Cut;
        ClipOrder order = ClipOrder.AsGiven;
        string? orderName = r.GetString(edit, "edit", "order");
        int seed = r.GetInt(edit, "edit", "seed", int.MinValue, int.MaxValue) ?? 0;
        switch (orderName?.ToLowerInvariant())
        {
            case null or "asgiven" or "as-given" or "given":
                break;
            case "shuffle" or "shuffled" or "random":
                order = ClipOrder.Shuffled(seed);
                break;
            default:
                r.Problem("edit.order", $"unknown order \"{orderName}\"; use \"asGiven\" or \"shuffle\" (with \"seed\")");
                break;
        }

        CutDensity? density = null;
        string? densityName = r.GetString(edit, "edit", "density");
        switch (densityName?.ToLowerInvariant())
        {
            case null or "steady":
                break;
            case "onsets" or "adaptive":
                density = CutDensity.OnsetAdaptive;
                break;
            default:
                r.Problem("edit.density", $"unknown density \"{densityName}\"; use \"steady\" or \"onsets\"");
                break;
        }

        OnsetEffect? effect = null;
        string? effectName = r.GetString(edit, "edit", "onsetEffect");
        switch (effectName?.ToLowerInvariant())
        {
            case null or "none":
                break;
            case "flash":
                effect = new OnsetEffect { Kind = OnsetEffectKind.Flash };
                break;
            case "zoompunch" or "zoom-punch" or "punch":
                effect = new OnsetEffect { Kind = OnsetEffectKind.ZoomPunch, MaxStrength = 0.12f };
                break;
            default:
                r.Problem("edit.onsetEffect", $"unknown effect \"{effectName}\"; use \"flash\", \"zoomPunch\" or \"none\"");
                break;
        }

        TimeSpan minSegment = r.GetTime(edit, "edit", "minSegment") ?? TimeSpan.FromMilliseconds(200);
        if (minSegment < TimeSpan.Zero)
        {
            r.Problem("edit.minSegment", $"must be a duration in seconds, 0 or more, such as 0.2 (is {minSegment.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)})");
        }

        return r.Problems.Count > before ? null : new BeatEditor { Cut = rule, Transition = transition, Order = order, Density = density, OnsetEffect = effect, MinSegmentDuration = minSegment };
    }

    private static CutRule? ReadCutEvery(ProjectReader r, JsonElement every)
    {
        if (every.ValueKind != JsonValueKind.Object)
        {
            r.Problem("edit.cutEvery", $"must be {{ \"beats\": N }} or {{ \"bars\": N }} (is {ProjectReader.Describe(every)})");
            return null;
        }

        r.CheckFields(every, "edit.cutEvery", ["beats", "bars", "offset"]);
        bool beats = every.TryGetProperty("beats", out _), bars = every.TryGetProperty("bars", out _);
        if (beats == bars)
        {
            r.Problem("edit.cutEvery", beats ? "has both \"beats\" and \"bars\"; use one" : "needs \"beats\" or \"bars\", for example { \"beats\": 2 }");
            return null;
        }

        int? n = r.GetInt(every, "edit.cutEvery", beats ? "beats" : "bars", 1, 1024);
        int offset = r.GetInt(every, "edit.cutEvery", "offset", -1024, 1024) ?? 0;
        if (n is not int count)
        {
            return null;
        }

        if (bars && every.TryGetProperty("offset", out _))
        {
            r.Problem("edit.cutEvery.offset", "applies to \"beats\" only; cuts every N bars are on downbeats");
            return null;
        }

        return beats ? CutRule.EveryBeats(count, offset) : CutRule.EveryBars(count);
    }

    private static Transition? ReadTransition(ProjectReader r, JsonElement edit)
    {
        if (!edit.TryGetProperty("transition", out JsonElement t) || t.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        const string Kinds = "\"cut\", \"crossfade\", \"dipToBlack\", \"dipToWhite\", \"flash\", \"whip\", \"slide\" or \"zoomPunch\"";
        string? name;
        JsonElement obj = default;
        if (t.ValueKind == JsonValueKind.String)
        {
            name = t.GetString();
        }
        else if (t.ValueKind == JsonValueKind.Object)
        {
            obj = t;
            r.CheckFields(t, "edit.transition", s_transitionFields);
            name = r.GetString(t, "edit.transition", "type", required: true);
            if (name is null)
            {
                return null;
            }
        }
        else
        {
            r.Problem("edit.transition", $"must be {Kinds}, or an object {{ \"type\", \"duration\" | \"beats\", \"placement\", \"strength\" }} (is {ProjectReader.Describe(t)})");
            return null;
        }

        string where = obj.ValueKind == JsonValueKind.Object ? "edit.transition.type" : "edit.transition";
        if (!Transition.TryParseKind(name, out TransitionKind kind))
        {
            r.Problem(where, $"unknown transition \"{name}\"; use {Kinds}");
            return null;
        }

        if (kind == TransitionKind.Cut)
        {
            return Transition.Cut;
        }

        TimeSpan duration = TimeSpan.FromMilliseconds(kind is TransitionKind.Crossfade or TransitionKind.DipToBlack or TransitionKind.DipToWhite ? 400 : 250);
        double? beats = null;
        var placement = (TransitionPlacement?)null;
        float? strength = null;
        if (obj.ValueKind == JsonValueKind.Object)
        {
            TimeSpan? given = r.GetTime(obj, "edit.transition", "duration");
            if (given is { } g)
            {
                if (g <= TimeSpan.Zero)
                {
                    r.Problem("edit.transition.duration", $"must be > 0 (is {TimelineBuilder.Text(g)})");
                    return null;
                }

                duration = g;
            }

            if (obj.TryGetProperty("beats", out JsonElement b) && b.ValueKind != JsonValueKind.Null)
            {
                if (b.ValueKind != JsonValueKind.Number || !(b.GetDouble() > 0) || given is not null)
                {
                    r.Problem("edit.transition.beats", given is not null ? "give \"duration\" or \"beats\", not both" : $"must be a number of beats > 0 such as 0.5 (is {ProjectReader.Describe(b)})");
                    return null;
                }

                beats = b.GetDouble();
            }

            string? placementName = r.GetString(obj, "edit.transition", "placement");
            if (placementName is not null)
            {
                placement = placementName.ToLowerInvariant() switch
                {
                    "centered" or "centred" or "center" or "centre" => TransitionPlacement.Centered,
                    "endingatcut" or "ending" or "end" or "before" => TransitionPlacement.EndingAtCut,
                    "startingatcut" or "starting" or "start" or "after" => TransitionPlacement.StartingAtCut,
                    _ => null,
                };
                if (placement is null)
                {
                    r.Problem("edit.transition.placement", $"unknown placement \"{placementName}\"; use \"centered\", \"endingAtCut\" or \"startingAtCut\"");
                    return null;
                }
            }

            if (obj.TryGetProperty("strength", out JsonElement s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Number || !(s.GetDouble() is >= 0 and <= 1))
                {
                    r.Problem("edit.transition.strength", $"must be a number from 0 to 1 (is {ProjectReader.Describe(s)})");
                    return null;
                }

                strength = (float)s.GetDouble();
            }
        }

        Transition result = beats is { } n && kind == TransitionKind.Crossfade
            ? Transition.CrossfadeBeats(n)
            : kind switch
            {
                TransitionKind.Flash => Transition.Flash(duration, strength ?? 0.8f),
                TransitionKind.ZoomPunch => Transition.ZoomPunch(duration, strength ?? 0.15f),
                _ => Transition.Default(kind, duration),
            };
        if (beats is not null && kind != TransitionKind.Crossfade)
        {
            r.Problem("edit.transition.beats", "is supported for \"crossfade\" only; give \"duration\" in seconds");
            return null;
        }

        return placement is { } p ? result.WithPlacement(p) : result;
    }

    private static ClipFitPolicy? ReadPolicy(ProjectReader r, JsonElement edit)
    {
        if (edit.ValueKind != JsonValueKind.Object)
        {
            return ClipFitPolicy.Default;
        }

        int before = r.Problems.Count;
        FitMode aspect = Choose(r, edit, "fit", FitMode.Cover, ("cover", FitMode.Cover), ("contain", FitMode.Contain), ("blurredFill", FitMode.BlurredFill), ("blur", FitMode.BlurredFill), ("stretch", FitMode.Stretch));
        InPointMode inPoint = Choose(r, edit, "inPoint", InPointMode.Start, ("start", InPointMode.Start), ("centre", InPointMode.Centre), ("center", InPointMode.Centre), ("mostActive", InPointMode.MostActive));
        ShortClipMode tooShort = Choose(r, edit, "whenTooShort", ShortClipMode.Loop, ("loop", ShortClipMode.Loop), ("pingPong", ShortClipMode.PingPong), ("hold", ShortClipMode.Hold));
        double maxSpeed = 0.25;
        if (edit.TryGetProperty("maxSpeedChange", out JsonElement m) && m.ValueKind != JsonValueKind.Null)
        {
            if (m.ValueKind != JsonValueKind.Number || !(m.GetDouble() is >= 0 and < 1))
            {
                r.Problem("edit.maxSpeedChange", $"must be a fraction from 0 to below 1, such as 0.25 for ±25 % (is {ProjectReader.Describe(m)})");
            }
            else
            {
                maxSpeed = m.GetDouble();
            }
        }

        bool retime = true;
        if (edit.TryGetProperty("retime", out JsonElement rt) && rt.ValueKind != JsonValueKind.Null)
        {
            if (rt.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                r.Problem("edit.retime", $"must be true or false (is {ProjectReader.Describe(rt)})");
            }
            else
            {
                retime = rt.GetBoolean();
            }
        }

        return r.Problems.Count > before ? null : new ClipFitPolicy { Fit = aspect, InPoint = inPoint, WhenTooShort = tooShort, MaxSpeedChange = maxSpeed, AllowRetiming = retime };
    }

    private static T Choose<T>(ProjectReader r, JsonElement obj, string field, T fallback, params (string Name, T Value)[] choices)
    {
        string? name = r.GetString(obj, "edit", field);
        if (name is null)
        {
            return fallback;
        }

        foreach ((string n, T v) in choices)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        r.Problem("edit." + field, $"unknown value \"{name}\"; use {string.Join(", ", choices.Select(c => $"\"{c.Name}\"").Distinct())}");
        return fallback;
    }

    /// <summary>
    /// The user's say over the beat grid: <c>"tempo"</c> (half, double or a BPM hint), <c>"bpm"</c> + <c>"firstBeat"</c>
    /// (a fixed grid), <c>"beatOffsetMs"</c> and <c>"downbeatShift"</c>. Every problem is reported at its path.
    /// </summary>
    private static BeatGridAdjustments ReadAdjustments(ProjectReader r, JsonElement edit)
    {
        var say = BeatGridAdjustments.None;
        bool hasGridFile = edit.TryGetProperty("beatGrid", out JsonElement g) && g.ValueKind != JsonValueKind.Null;
        if (edit.TryGetProperty("tempo", out JsonElement tempo) && tempo.ValueKind != JsonValueKind.Null)
        {
            try
            {
                say = tempo.ValueKind switch
                {
                    JsonValueKind.String => BeatGridAdjustments.ParseTempo(tempo.GetString()!),
                    JsonValueKind.Number => BeatGridAdjustments.ParseTempo(tempo.GetDouble().ToString(CultureInfo.InvariantCulture)),
                    _ => throw new FormatException($"must be \"half\", \"double\", a tempo in BPM (140) or a BPM with a range (\"140±10%\") (is {ProjectReader.Describe(tempo)})"),
                };
                if (say.BpmHint is not null && hasGridFile)
                {
                    r.Problem("edit.tempo", "a tempo hint guides the analysis, but edit.beatGrid gives the beats; use \"half\" or \"double\", or leave one out");
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                r.Problem("edit.tempo", ex is ArgumentException { ParamName: { } name } ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message);
            }
        }

        double? bpm = null;
        if (edit.TryGetProperty("bpm", out JsonElement b) && b.ValueKind != JsonValueKind.Null)
        {
            if (b.ValueKind != JsonValueKind.Number)
            {
                r.Problem("edit.bpm", $"must be a tempo in beats per minute such as 120 (is {ProjectReader.Describe(b)})");
            }
            else if (b.GetDouble() is var v && !(v >= 20 && v <= 400))
            {
                r.Problem("edit.bpm", string.Create(CultureInfo.InvariantCulture, $"must be between 20 and 400 BPM (is {v})"));
            }
            else
            {
                bpm = v;
                if (hasGridFile)
                {
                    r.Problem("edit.bpm", "a fixed grid replaces edit.beatGrid; give one or the other");
                }

                if (say.Tempo != TempoLevel.Auto || say.BpmHint is not null)
                {
                    r.Problem("edit.bpm", "a fixed grid has its tempo; leave edit.tempo out (or set edit.bpm to the tempo you want)");
                }
            }
        }

        TimeSpan? firstBeat = r.GetTime(edit, "edit", "firstBeat");
        if (firstBeat is { } fb)
        {
            if (fb < TimeSpan.Zero)
            {
                r.Problem("edit.firstBeat", string.Create(CultureInfo.InvariantCulture, $"must not be negative (is {fb.TotalSeconds} s)"));
            }
            else if (!edit.TryGetProperty("bpm", out JsonElement bb) || bb.ValueKind == JsonValueKind.Null)
            {
                r.Problem("edit.firstBeat", "places a fixed grid; it needs edit.bpm (for example \"bpm\": 120, \"firstBeat\": 0.5)");
            }
        }

        double? offsetMs = null;
        if (edit.TryGetProperty("beatOffsetMs", out JsonElement o) && o.ValueKind != JsonValueKind.Null)
        {
            if (o.ValueKind != JsonValueKind.Number)
            {
                r.Problem("edit.beatOffsetMs", $"must be a number of milliseconds such as -40 or 120 (is {ProjectReader.Describe(o)})");
            }
            else if (o.GetDouble() is var ms && !(Math.Abs(ms) <= 2000))
            {
                r.Problem("edit.beatOffsetMs", string.Create(CultureInfo.InvariantCulture, $"must be between -2000 and 2000 ms (is {ms})"));
            }
            else
            {
                offsetMs = ms;
            }
        }

        int? shift = r.GetInt(edit, "edit", "downbeatShift", -31, 31);
        return say with
        {
            FixedBpm = bpm,
            FirstBeat = firstBeat is { } f && f >= TimeSpan.Zero ? f : TimeSpan.Zero,
            BeatOffset = TimeSpan.FromMilliseconds(offsetMs ?? 0),
            DownbeatShift = shift ?? 0,
        };
    }

    private static async Task<(BeatGrid? Grid, string? Advice)> ReadGridAsync(ProjectReader r, string? gridFile, int? beatsPerBar, BeatGridAdjustments say, string song, TimeSpan songLength, CancellationToken cancellationToken)
    {
        BeatGrid grid;
        string? advice = null;
        try
        {
            if (say.FixedGrid(beatsPerBar ?? 4, songLength) is { } fixedGrid)
            {
                return (fixedGrid, null);
            }

            if (gridFile is null)
            {
                RhythmAnalysis analysis = await RhythmAnalyzer.AnalyzeAsync(song, say.ToOptions(), r.Options, cancellationToken: cancellationToken).ConfigureAwait(false);
                grid = analysis.Grid;
                if (beatsPerBar is { } n && n != grid.BeatsPerBar && grid.Beats.Count > 0)
                {
                    grid = grid.WithBeatsPerBar(n, grid.Downbeats.Count > 0 ? grid.Downbeats[0].Index : 0);
                }

                // Advice only when the user has not said anything yet: once they have, the grid is theirs.
                advice = say.IsEmpty ? analysis.Advice(RhythmAnalyzer.WeakConfidence, forProject: true) : null;
                return (say.Apply(grid), advice);
            }

            string ext = Path.GetExtension(gridFile).ToLowerInvariant();
            if (ext is ".mid" or ".midi")
            {
                grid = BeatGrid.FromMidi(gridFile, songLength);
                if (beatsPerBar is { } n && n != grid.BeatsPerBar && grid.Beats.Count > 0)
                {
                    grid = grid.WithBeatsPerBar(n, grid.Downbeats.Count > 0 ? grid.Downbeats[0].Index : 0);
                }
            }
            else
            {
                grid = BeatsFileGrid.Read(gridFile, beatsPerBar, songLength);
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or UnsupportedMediaException or ArgumentException)
        {
            r.Problem(gridFile is null ? "song" : "edit.beatGrid", ex.Message);
            return (null, null);
        }

        if (grid.Beats.Count == 0)
        {
            r.Problem("edit.beatGrid", $"'{Path.GetFileName(gridFile)}' has no beats; give one beat time in seconds per line, or leave \"beatGrid\" out to analyse the song");
            return (null, null);
        }

        if (grid.Beats.Count < 2 && gridFile is not null)
        {
            // One beat gives no tempo and no bar: say so here, naming the field and the file, not later in the planner.
            r.Problem("edit.beatGrid", $"'{Path.GetFileName(gridFile)}' has only one beat; a beat edit needs at least two (one beat time in seconds per line), or leave \"beatGrid\" out to analyse the song");
            return (null, null);
        }

        return (say.Apply(grid), null);
    }

    /// <summary>A planner warning worded for the project file: which field it is about and what happened instead.</summary>
    private static string ProjectWarning(PlanWarning w, JsonElement edit, BeatGrid grid, string? gridFile, TimeSpan length)
    {
        string source = gridFile is null ? "the analysis" : Path.GetExtension(gridFile).ToLowerInvariant() is ".mid" or ".midi" ? "a MIDI file" : "a beats file";
        string rule = edit.ValueKind == JsonValueKind.Object && edit.TryGetProperty("cutEvery", out JsonElement ce) && ce.ValueKind != JsonValueKind.Null
            ? "edit.cutEvery" : "the default cut on every bar";
        string Name(string field) => edit.ValueKind == JsonValueKind.Object && edit.TryGetProperty(field, out JsonElement v) && v.ValueKind == JsonValueKind.String ? $"\"{v.GetString()}\"" : "it";
        string CutAt(int beat)
        {
            if (edit.ValueKind == JsonValueKind.Object && edit.TryGetProperty("cutAt", out JsonElement at) && at.ValueKind == JsonValueKind.Array)
            {
                int i = 0;
                foreach (JsonElement v in at.EnumerateArray())
                {
                    if (v.TryGetInt32(out int b) && b == beat)
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"edit.cutAt[{i}]");
                    }

                    i++;
                }
            }

            return "edit.cutAt";
        }

        string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return w.Kind switch
        {
            PlanWarningKind.DensityNeedsOnsets => $"edit.density: {Name("density")} needs the song's onset strength; {source} has none, so cuts follow {rule}",
            PlanWarningKind.EffectNeedsOnsets => $"edit.onsetEffect: {Name("onsetEffect")} needs the song's onset strength; {source} has none, so no effects are added",
            PlanWarningKind.DensityWithList => "edit.density: does not apply to edit.cutAt; the listed beats are used as given",
            PlanWarningKind.BeatPastEnd => string.Create(CultureInfo.InvariantCulture, $"{CutAt(w.Beat)}: beat {w.Beat} is past the last beat ({grid.Beats.Count - 1}); no cut there"),
            PlanWarningKind.BeatOutsideSection => string.Create(CultureInfo.InvariantCulture,
                $"{CutAt(w.Beat)}: beat {w.Beat} at {Seconds(grid.Beats[w.Beat].Time)} s is {(grid.Beats[w.Beat].Time <= TimeSpan.Zero ? "at the start" : $"at or after the video's end ({Seconds(length)} s)")}; no cut there"),
            PlanWarningKind.CutTooClose => string.Create(CultureInfo.InvariantCulture, $"{CutAt(w.Beat)}: beat {w.Beat} is closer than edit.minSegment to the previous cut or the end; no cut there"),
            PlanWarningKind.NoBeats => "song: no beats were found, so the video is one segment with no cuts",
            _ => w.Message,
        };
    }
}
