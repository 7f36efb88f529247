using System.CommandLine;
using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit probe FILE</c>: prints what FFprobe found in a media file.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The media file to probe." };
        var json = JsonOutput.Option();
        var command = new Command("probe", "Print the streams, sizes, rates, duration and rotation of a media file.") { file, json };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            MediaInfo info = await MediaProbe.ProbeAsync(parse.GetValue(file)!, cancellationToken: token).ConfigureAwait(false);
            Console.Out.WriteLine(parse.GetValue(json) ? JsonOutput.Probe(info) : Format(info));
            return 0;
        }, ct));
        return command;
    }

    internal static string Format(MediaInfo info)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"file:     {info.Path}",
            $"format:   {info.FormatName}",
            string.Create(c, $"duration: {info.Duration.TotalSeconds:0.000} s"),
        };
        foreach (VideoStreamInfo v in info.VideoStreams)
        {
            lines.Add(string.Create(c, $"video #{v.Index}: {v.Codec} {v.Width}x{v.Height} {v.PixelFormat} {v.FrameRate} fps ({v.FrameRate.FramesPerSecond:0.###}), rotation {v.Rotation}°, {v.Duration.TotalSeconds:0.000} s, {v.FrameCount} frames"));
        }

        foreach (AudioStreamInfo a in info.AudioStreams)
        {
            lines.Add(string.Create(c, $"audio #{a.Index}: {a.Codec} {a.SampleRate} Hz, {a.Channels} ch, {a.Duration.TotalSeconds:0.000} s"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
