using System.CommandLine;
using VideoKit.Export;
using VideoKit.Projects;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit export PROJECT.json -o edit.otio|.fcpxml|.mlt</c>: the project's edit for an editor.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project file (JSON)." };
        var output = new Option<string>("--output", "-o") { Description = "The edit to write: .otio (OpenTimelineIO), .fcpxml (Final Cut Pro, DaVinci Resolve, Premiere) or .mlt (Kdenlive, Shotcut).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var command = new Command("export", "Export a project's edit (clips, in/out points, speed changes, dissolves, the song) for a video editor, frame-exact.") { project, output, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            ProjectFile file = await ProjectFile.LoadAsync(parse.GetValue(project)!, cancellationToken: token).ConfigureAwait(false);
            string target = parse.GetValue(output)!;
            IReadOnlyList<long> cuts = await EditExporter.ExportAsync(file, target, parse.GetValue(overwrite), token).ConfigureAwait(false);
            Console.Out.WriteLine($"{Path.GetFullPath(target)}: {cuts.Count + 1} events, cuts at frames {string.Join(", ", cuts)}");
            return 0;
        }, ct));
        return command;
    }
}
