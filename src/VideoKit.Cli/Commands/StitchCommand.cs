using System.CommandLine;
using System.Globalization;
using VideoKit.Projects;
using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.Cli.Commands;

/// <summary>
/// <c>videokit stitch PROJECT.json part-1.mp4 … part-N.mp4 -o OUT.mp4</c>: checks that the parts are the project's N
/// segments (complete, in order), joins them without re-encoding and muxes the song once (encoded here, or stream-copied
/// from <c>--audio SOUND</c>, written beforehand by <c>videokit render PROJECT --audio</c>).
/// </summary>
internal static class StitchCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project file the segments were rendered from." };
        var parts = new Argument<string[]>("PARTS") { Description = "The segment files, segment 1 first (from 'videokit render PROJECT --segment K/N').", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The video file to write.", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var audio = new Option<string?>("--audio") { Description = "The sound already encoded by 'videokit render PROJECT --audio' (stream-copied); without it the stitch encodes the sound itself." };
        var command = new Command("stitch", "Join a project's rendered segments into the finished video (stream copy, the song muxed once).") { project, parts, output, overwrite, audio };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string[] files = parse.GetValue(parts)!;
            ProjectFile file = await ProjectFile.LoadAsync(parse.GetValue(project)!, CliRunner.Options(parse), token).ConfigureAwait(false);
            SegmentPlan plan = await SegmentPlan.CreateAsync(file, SegmentSplit.IntoCount(files.Length), cancellationToken: token).ConfigureAwait(false);
            RenderResult result = await SegmentStitcher.StitchAsync(plan, files, parse.GetValue(output)!, parse.GetValue(audio), parse.GetValue(overwrite), token).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.OutputPath}: {result.FrameCount} frames from {files.Length} segments, {result.Duration.TotalSeconds:0.00} s, joined in {result.Elapsed.TotalSeconds:0.0} s"));
            return 0;
        }, ct));
        return command;
    }
}
