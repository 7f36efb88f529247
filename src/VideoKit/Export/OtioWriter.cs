using System.Globalization;
using System.Text.Json;

namespace VideoKit.Export;

/// <summary>
/// Writes an <see cref="EditList"/> as OpenTimelineIO JSON (<c>.otio</c>): a Timeline.1 holding a Stack.1 of a video
/// Track.1 (Clip.2 with ExternalReference.1, Gap.1, Transition.1 SMPTE_Dissolve, LinearTimeWarp.1 for speed changes)
/// and an audio track with the song. Times are RationalTime.1 in output frames at the timeline's rate, so every cut is
/// an exact frame number.
/// </summary>
internal static class OtioWriter
{
    public static void Write(EditList edit, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        double rate = edit.Rate.FramesPerSecond;
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "Timeline.1");
        w.WriteString("name", edit.Name);
        w.WriteStartObject("metadata");
        w.WriteStartObject("videokit");
        w.WriteString("frameRate", edit.Rate.ToString());
        w.WriteNumber("width", edit.Size.Width);
        w.WriteNumber("height", edit.Size.Height);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("global_start_time");
        Time(w, 0, rate);
        w.WriteStartObject("tracks");
        w.WriteString("OTIO_SCHEMA", "Stack.1");
        w.WriteString("name", "tracks");
        Common(w);
        w.WriteNull("source_range");
        w.WriteStartArray("children");

        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "Track.1");
        w.WriteString("name", "V1");
        w.WriteString("kind", "Video");
        Common(w);
        w.WriteNull("source_range");
        w.WriteStartArray("children");
        long cursor = 0;
        foreach (EditEvent e in edit.Events)
        {
            if (e.RecordStart > cursor)
            {
                Gap(w, e.RecordStart - cursor, rate);
            }

            if (e.HasTransition)
            {
                w.WriteStartObject();
                w.WriteString("OTIO_SCHEMA", "Transition.1");
                w.WriteString("name", e.TransitionName);
                w.WriteString("transition_type", "SMPTE_Dissolve");
                w.WritePropertyName("in_offset");
                Time(w, e.TransitionBefore, rate);
                w.WritePropertyName("out_offset");
                Time(w, e.TransitionAfter, rate);
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            Clip(w, e.Name, e.Path, e.SourceInFrame, e.Length, rate, e.Speed);
            cursor = e.RecordEnd;
        }

        if (edit.TotalFrames > cursor)
        {
            Gap(w, edit.TotalFrames - cursor, rate);
        }

        w.WriteEndArray();
        w.WriteEndObject();

        if (edit.SongPath is { } song)
        {
            w.WriteStartObject();
            w.WriteString("OTIO_SCHEMA", "Track.1");
            w.WriteString("name", "A1");
            w.WriteString("kind", "Audio");
            Common(w);
            w.WriteNull("source_range");
            w.WriteStartArray("children");
            Clip(w, Path.GetFileName(song), Path.GetFullPath(song), 0, edit.TotalFrames, rate, 1.0);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Common(Utf8JsonWriter w)
    {
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("effects");
        w.WriteEndArray();
        w.WriteStartArray("markers");
        w.WriteEndArray();
        w.WriteBoolean("enabled", true);
    }

    private static void Gap(Utf8JsonWriter w, long frames, double rate)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "Gap.1");
        w.WriteString("name", string.Empty);
        Common(w);
        w.WritePropertyName("source_range");
        Range(w, 0, frames, rate);
        w.WriteEndObject();
    }

    private static void Clip(Utf8JsonWriter w, string name, string path, long sourceIn, long frames, double rate, double speed)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "Clip.2");
        w.WriteString("name", name);
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("effects");
        if (Math.Abs(speed - 1.0) > 1e-9)
        {
            w.WriteStartObject();
            w.WriteString("OTIO_SCHEMA", "LinearTimeWarp.1");
            w.WriteString("name", "speed");
            w.WriteString("effect_name", "LinearTimeWarp");
            w.WriteNumber("time_scalar", Math.Round(speed, 9));
            w.WriteStartObject("metadata");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("markers");
        w.WriteEndArray();
        w.WriteBoolean("enabled", true);
        w.WritePropertyName("source_range");
        Range(w, sourceIn, frames, rate);
        w.WriteString("active_media_reference_key", "DEFAULT_MEDIA");
        w.WriteStartObject("media_references");
        w.WriteStartObject("DEFAULT_MEDIA");
        w.WriteString("OTIO_SCHEMA", "ExternalReference.1");
        w.WriteString("name", name);
        w.WriteString("target_url", new Uri(path).AbsoluteUri);
        w.WriteNull("available_range");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Range(Utf8JsonWriter w, long start, long frames, double rate)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "TimeRange.1");
        w.WritePropertyName("start_time");
        Time(w, start, rate);
        w.WritePropertyName("duration");
        Time(w, frames, rate);
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, long frames, double rate)
    {
        w.WriteStartObject();
        w.WriteString("OTIO_SCHEMA", "RationalTime.1");
        w.WriteNumber("rate", rate);
        w.WriteNumber("value", (double)frames);
        w.WriteEndObject();
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
