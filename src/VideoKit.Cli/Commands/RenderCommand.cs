using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoKit.Projects;
using VideoKit.Rendering;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit render PROJECT.json -o OUT [--overwrite]</c>: renders a project file to a video.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project file (JSON: song, duration, output, and items placed by hand or clips cut to the beat with edit)." };
        var output = new Option<string>("--output", "-o") { Description = "The video file to write (.mp4, .mov, .mkv, .webm).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var command = new Command("render", "Render a project file to a video file, with the song as its soundtrack.") { project, output, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            ProjectFile file = await ProjectFile.LoadAsync(parse.GetValue(project)!, CliRunner.Options(parse), token).ConfigureAwait(false);
            foreach (string warning in file.EditPlan?.Warnings ?? [])
            {
                Console.Error.WriteLine("videokit: warning: " + warning);
            }

            string target = parse.GetValue(output)!;
            bool replace = parse.GetValue(overwrite);
            RenderResult result = Console.IsErrorRedirected
                ? await file.RenderAsync(target, replace, cancellationToken: token).ConfigureAwait(false)
                : await RenderWithProgressAsync(file, target, replace, token).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.OutputPath}: {result.FrameCount} frames, {result.Resolution} at {result.FrameRate} fps, {result.Duration.TotalSeconds:0.00} s, rendered in {result.Elapsed.TotalSeconds:0.0} s ({result.FramesPerSecond:0.#} frames/s)"));
            // The file is in place: a cancel from here on skips the check, it does not undo or disown the result.
            try
            {
                if (await file.VerifyCutsAsync(result.OutputPath, token).ConfigureAwait(false) is { } cuts)
                {
                    Console.Out.WriteLine("cuts: " + cuts.Summary);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Console.Error.WriteLine($"videokit: {result.OutputPath} was written; the cut check was cancelled.");
            }

            return 0;
        }, ct));
        return command;
    }

    private static async Task<RenderResult> RenderWithProgressAsync(ProjectFile file, string target, bool overwrite, CancellationToken token)
    {
        // The bar goes to stderr so stdout stays parseable.
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        RenderResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                ProgressTask task = ctx.AddTask("rendering", maxValue: 1);
                var progress = new Progress<RenderProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalFrames);
                    task.Value = p.FramesEncoded;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"rendering {p.FramesEncoded}/{p.TotalFrames} ({p.FramesPerSecond:0} fps)");
                });
                result = await file.RenderAsync(target, overwrite, progress, token).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result!;
    }
}
