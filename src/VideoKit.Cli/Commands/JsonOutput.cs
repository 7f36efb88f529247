using System.CommandLine;
using System.Text;
using System.Text.Json;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Cli.Commands;

/// <summary>The <c>--json</c> option and the JSON documents the commands print with it (camelCase, times in seconds).</summary>
internal static class JsonOutput
{
    public static Option<bool> Option() => new("--json") { Description = "Print the result as one JSON object on standard output (for scripts)." };

    public static string Probe(MediaInfo info) => Write(w =>
    {
        w.WriteString("file", info.Path);
        w.WriteString("format", info.FormatName);
        w.WriteNumber("duration", Math.Round(info.Duration.TotalSeconds, 6));
        w.WriteStartArray("video");
        foreach (VideoStreamInfo v in info.VideoStreams)
        {
            w.WriteStartObject();
            w.WriteNumber("index", v.Index);
            w.WriteString("codec", v.Codec);
            w.WriteNumber("width", v.Width);
            w.WriteNumber("height", v.Height);
            w.WriteString("pixelFormat", v.PixelFormat);
            w.WriteString("frameRate", v.FrameRate.ToString());
            w.WriteNumber("fps", Math.Round(v.FrameRate.FramesPerSecond, 6));
            w.WriteNumber("rotation", v.Rotation);
            w.WriteNumber("duration", Math.Round(v.Duration.TotalSeconds, 6));
            w.WriteNumber("frames", v.FrameCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("audio");
        foreach (AudioStreamInfo a in info.AudioStreams)
        {
            w.WriteStartObject();
            w.WriteNumber("index", a.Index);
            w.WriteString("codec", a.Codec);
            w.WriteNumber("sampleRate", a.SampleRate);
            w.WriteNumber("channels", a.Channels);
            w.WriteNumber("duration", Math.Round(a.Duration.TotalSeconds, 6));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    public static string Render(RenderResult result, string? cuts) => Write(w =>
    {
        w.WriteString("output", result.OutputPath);
        w.WriteNumber("frames", result.FrameCount);
        w.WriteNumber("width", result.Resolution.Width);
        w.WriteNumber("height", result.Resolution.Height);
        w.WriteString("frameRate", result.FrameRate.ToString());
        w.WriteNumber("duration", Math.Round(result.Duration.TotalSeconds, 6));
        w.WriteBoolean("audio", result.HasAudio);
        w.WriteNumber("elapsed", Math.Round(result.Elapsed.TotalSeconds, 3));
        w.WriteString("encoder", result.Encoder);
        w.WriteString("encoderReason", result.EncoderReason);
        w.WriteStartArray("warnings");
        foreach (string warning in result.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        if (cuts is not null)
        {
            w.WriteString("cuts", cuts);
        }
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
