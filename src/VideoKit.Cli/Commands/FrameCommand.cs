using System.CommandLine;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Projects;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit frame PROJECT.json --at 12.5 -o f.png</c>: writes the frame a project shows at a time.</summary>
internal static class FrameCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project file (JSON)." };
        var at = new Option<string>("--at") { Description = "The time: seconds (12.5) or m:ss.fff.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The image to write (.png, .jpg).", Required = true };
        Option<bool> overwrite = InterpolateCommand.OverwriteOption();
        var command = new Command("frame", "Write the frame a project shows at a time to an image (the same composition as a render).") { project, at, output, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string text = parse.GetValue(at)!;
            if (!TryParseTime(text, out TimeSpan time))
            {
                throw new ArgumentException($"--at: '{text}' is not a time; give seconds (12.5) or m:ss.fff.");
            }

            // The write rule, checked before the project is loaded: an existing image only with --overwrite, never an
            // input of the project (its stills, its song, the project file itself).
            string target = parse.GetValue(output)!;
            bool replace = parse.GetValue(overwrite);
            string projectPath = parse.GetValue(project)!;
            ImageFile.CheckExtension(target);
            IReadOnlyList<string> inputs = File.Exists(projectPath) ? ProjectInputs.Collect(projectPath) : [];
            OutputFile.Check(target, replace, inputs);
            VideoKitOptions options = CliRunner.Options(parse);
            ProjectFile file = await ProjectFile.LoadAsync(projectPath, options, token).ConfigureAwait(false);
            // The library shows the last frame for a later time; a time past the end is a typo here (12.5 for 1.25).
            TimeSpan length = await new Rendering.Renderer(file.RenderOptions).ResolveDurationAsync(file.Timeline, token).ConfigureAwait(false);
            if (time >= length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--at {time.TotalSeconds:0.###} s is past the end of the video of '{projectPath}' ({length.TotalSeconds:0.###} s long); give a time from 0 to before its end."));
            }

            using Frame frame = await file.RenderFrameAsync(time, token).ConfigureAwait(false);
            await ImageFile.SaveAsync(frame, target, replace, inputs, options, token).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target}: {frame.Width}x{frame.Height}, the frame at {time.TotalSeconds:0.###} s"));
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Seconds ("12.5") or "m:ss.fff" / "h:mm:ss.fff", not negative.</summary>
    internal static bool TryParseTime(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        double seconds = 0;
        foreach (string part in text.Trim().Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value < 0 || !double.IsFinite(value))
            {
                return false;
            }

            seconds = (seconds * 60) + value;
        }

        time = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
