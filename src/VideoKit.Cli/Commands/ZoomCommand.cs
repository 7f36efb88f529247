using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Zoom;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit zoom frame|align|render</c>: zoom-out image sequences.</summary>
internal static class ZoomCommand
{
    public static Command Create()
    {
        var command = new Command("zoom", "Zoom-out image sequences: render one frame, align the levels, or render a music video.");
        command.Subcommands.Add(CreateFrame());
        command.Subcommands.Add(CreateAlign());
        command.Subcommands.Add(CreateRender());
        return command;
    }

    private static Option<string> LevelsOption() => new("--levels")
    {
        Description = "The folder of levels, innermost first by file name (natural order).",
        Required = true,
    };

    private static Option<double?> FactorOption() => new("--factor")
    {
        Description = "The zoom factor of every step (2 for 2x, 1.333 for Midjourney's \"1.5x\"); estimated when omitted.",
    };

    private static Option<string> OrderOption() => new("--order")
    {
        Description = "How the levels are ordered: name (natural order of file names) or auto (found from the pixels).",
        DefaultValueFactory = _ => "name",
    };

    /// <summary>Whether <c>--order</c> asks for the order to be found from the pixels.</summary>
    private static bool OrderByContent(string? order) => order?.ToLowerInvariant() switch
    {
        "name" or null => false,
        "auto" => true,
        _ => throw new FormatException($"--order '{order}' is not an order: use name or auto."),
    };

    /// <summary>
    /// Loads the levels folder, ordered by name or (<c>--order auto</c>) from the pixels; with an output size, levels
    /// larger than it needs are scaled down on load.
    /// </summary>
    private static async Task<ZoomSequence> LoadAsync(string folder, double? factor, bool orderByContent, VideoKitOptions options, CancellationToken token, Resolution? output = null)
    {
        CheckFactor(factor);
        CheckLevelsFolder(folder);
        ZoomSequence sequence = output is { } size
            ? await ZoomSequence.LoadForOutputAsync(folder, factor, size, options, token).ConfigureAwait(false)
            : await ZoomSequence.LoadAsync(folder, factor, options, token).ConfigureAwait(false);
        try
        {
            if (orderByContent)
            {
                sequence.Reorder(ZoomAligner.FindOrder(sequence, cancellationToken: token));
            }

            return sequence;
        }
        catch
        {
            sequence.Dispose();
            throw;
        }
    }

    /// <summary><c>--levels</c> must be a folder: a file gets its own message, not "folder does not exist".</summary>
    private static void CheckLevelsFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ArgumentException($"--levels '{folder}' is a file; give the folder that holds the level images.");
        }
    }

    /// <summary>The level files (the outputs may not be one of them).</summary>
    private static string[] LevelFiles(string folder) => Directory.Exists(folder) ? ZoomSequence.FindLevels(folder) : [];

    /// <summary>A clean message for a <c>--factor</c> the sequence would reject (instead of .NET's parameter suffix).</summary>
    private static double? CheckFactor(double? factor) => factor is { } f && (!double.IsFinite(f) || f < 1.05 || f > 4)
        ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--factor {f} is not a zoom factor: use 1.05 to 4 (2 for a 2x zoom out, 1.333 for \"1.5x\")."))
        : factor;

    private static Command CreateFrame()
    {
        Option<string> levels = LevelsOption();
        Option<double?> factor = FactorOption();
        var at = new Option<double>("--at") { Description = "The zoom position: 0 shows level 0, k shows level k.", Required = true };
        var size = new Option<string>("--size") { Description = "The frame size, WIDTHxHEIGHT.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The image to write (.png, .jpg, ...).", Required = true };
        Option<string> order = OrderOption();
        var overwrite = InterpolateCommand.OverwriteOption();
        var command = new Command("frame", "Render the frame at one zoom position.") { levels, factor, order, at, size, output, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            Resolution res = Resolution.Parse(parse.GetValue(size)!);
            double z = parse.GetValue(at);
            if (!double.IsFinite(z) || z < 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--at {z} is not a zoom position: use 0 (the innermost level) or more."));
            }

            string target = parse.GetValue(output)!;
            bool replace = parse.GetValue(overwrite);
            string[] inputs = LevelFiles(parse.GetValue(levels)!);
            ImageFile.CheckExtension(target);
            OutputFile.Check(target, replace, inputs);
            VideoKitOptions kit = CliRunner.Options(parse);
            using ZoomSequence sequence = await LoadAsync(parse.GetValue(levels)!, parse.GetValue(factor), OrderByContent(parse.GetValue(order)), kit, token, res).ConfigureAwait(false);
            if (z > sequence.Count - 1)
            {
                // Checked before the alignment, which takes a while.
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--at {z} is outside the sequence: use 0 to {sequence.Count - 1}."));
            }

            IReadOnlyList<ZoomStep> steps = ZoomAligner.Align(sequence, cancellationToken: token);
            using var compositor = new ZoomCompositor(sequence, steps);

            using var frame = new Frame(res.Width, res.Height);
            compositor.RenderFrame(z, frame);
            await ImageFile.SaveAsync(frame, target, replace, inputs, kit, token).ConfigureAwait(false);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target}: {frame.Width}x{frame.Height}, zoom position {z:0.###} of 0 to {sequence.Count - 1}"));
            return 0;
        }, ct));
        return command;
    }

    private static Command CreateAlign()
    {
        Option<string> levels = LevelsOption();
        Option<double?> factor = FactorOption();
        var json = new Option<string?>("--json") { Description = "Write the placements as JSON to this file (- for standard output)." };
        Option<string> order = OrderOption();
        var overwrite = InterpolateCommand.OverwriteOption();
        var command = new Command("align", "Measure where each level sits inside the next: scale and centre.") { levels, factor, order, json, overwrite };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string? path = parse.GetValue(json);
            bool replace = parse.GetValue(overwrite);
            string[] inputs = LevelFiles(parse.GetValue(levels)!);
            if (path is not null and not "-")
            {
                OutputFile.Check(path, replace, inputs);
            }

            using ZoomSequence sequence = await LoadAsync(parse.GetValue(levels)!, parse.GetValue(factor), OrderByContent(parse.GetValue(order)), CliRunner.Options(parse), token).ConfigureAwait(false);
            IReadOnlyList<ZoomStep> steps = ZoomAligner.Align(sequence, cancellationToken: token);
            string text = ToJson(steps, sequence.Names);
            if (path is null or "-")
            {
                Console.Out.WriteLine(text);
            }
            else
            {
                await OutputFile.WriteAsync(path, replace, inputs, (stream, t) => stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), t).AsTask(), token).ConfigureAwait(false);
                foreach (ZoomStep s in steps)
                {
                    Console.Out.WriteLine(s.ToString());
                }
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command CreateRender()
    {
        Option<string> levels = LevelsOption();
        Option<double?> factor = FactorOption();
        var song = new Option<string>("--song") { Description = "The song: the soundtrack and the beat the zoom follows.", Required = true };
        var perBar = new Option<double?>("--levels-per-bar") { Description = "Levels per bar (0.5 = a level every two bars); fitted to the song when omitted." };
        var direction = new Option<string>("--direction") { Description = "out (innermost level first) or in.", DefaultValueFactory = _ => "out" };
        var size = new Option<string>("--size") { Description = "The video size, WIDTHxHEIGHT.", DefaultValueFactory = _ => "1920x1080" };
        var fps = new Option<string>("--fps") { Description = "The frame rate (30, 29.97, 30000/1001, ...).", DefaultValueFactory = _ => "30" };
        var bpm = new Option<double?>("--bpm") { Description = "Use a steady beat grid at this tempo instead of analysing the song." };
        var firstBeat = new Option<double>("--first-beat") { Description = "The time of the first downbeat in seconds.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "The video to write (.mp4).", Required = true };
        var overwrite = InterpolateCommand.OverwriteOption();
        Option<string> order = OrderOption();
        var command = new Command("render", "Render a zoom-out music video: the zoom follows the song's beat and ends with it.")
        {
            levels, song, factor, order, perBar, direction, size, fps, bpm, firstBeat, output, overwrite,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string dir = parse.GetValue(direction)!;
            ZoomDirection zoomDirection = dir.ToLowerInvariant() switch
            {
                "out" => ZoomDirection.Out,
                "in" => ZoomDirection.In,
                _ => throw new FormatException($"--direction '{dir}' is not a direction: use out or in."),
            };
            double? levelsPerBar = parse.GetValue(perBar);
            if (levelsPerBar is { } n && (!double.IsFinite(n) || n <= 0 || n > 16))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--levels-per-bar {n} is not a rate: use a number above 0 and at most 16 (1 = a level per bar, 0.5 = a level every two bars)."));
            }

            double? tempo = parse.GetValue(bpm);
            if (tempo is { } b && (!double.IsFinite(b) || b < 20 || b > 400))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--bpm {b} is not a tempo: use 20 to 400 beats per minute."));
            }

            double first = parse.GetValue(firstBeat);
            if (!double.IsFinite(first) || first < 0 || first > 86_400)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"--first-beat {first} is not a time in the song: use 0 to 86400 seconds."));
            }

            CheckLevelsFolder(parse.GetValue(levels)!);

            var options = new ZoomVideoOptions
            {
                ZoomFactor = CheckFactor(parse.GetValue(factor)),
                OrderLevels = OrderByContent(parse.GetValue(order)),
                Size = Resolution.Parse(parse.GetValue(size)!),
                FrameRate = InterpolateCommand.ParseRate(parse.GetValue(fps)!),
                BeatsPerMinute = tempo,
                FirstBeat = TimeSpan.FromSeconds(first),
                Path = new ZoomPathOptions { LevelsPerBar = levelsPerBar, Direction = zoomDirection },
                Render = new RenderOptions { Overwrite = parse.GetValue(overwrite), Options = CliRunner.Options(parse) },
            };
            ZoomVideoResult result;
            if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
            {
                result = await AnsiConsole.Progress().StartAsync(async ctx =>
                {
                    ProgressTask task = ctx.AddTask("zoom");
                    var progress = new Progress<RenderProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.TotalFrames);
                        task.Value = p.FramesEncoded;
                    });
                    return await ZoomVideo.RenderAsync(parse.GetValue(levels)!, parse.GetValue(song)!, parse.GetValue(output)!, options, progress, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await ZoomVideo.RenderAsync(parse.GetValue(levels)!, parse.GetValue(song)!, parse.GetValue(output)!, options, null, token).ConfigureAwait(false);
            }

            foreach (string warning in result.Warnings)
            {
                Console.Error.WriteLine("videokit: warning: " + warning);
            }

            RenderResult video = result.Render;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{video.OutputPath}: {video.FrameCount} frames, {video.Resolution} at {video.FrameRate} fps, {video.Duration.TotalSeconds:0.00} s, {video.FramesPerSecond:0.0} frames/s"));
            return 0;
        }, ct));
        return command;
    }

    /// <summary>The steps as JSON; with <paramref name="names"/>, each also names its inner and outer file (useful with <c>--order auto</c>).</summary>
    internal static string ToJson(IReadOnlyList<ZoomStep> steps, IReadOnlyList<string>? names = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (ZoomStep s in steps)
            {
                writer.WriteStartObject();
                writer.WriteNumber("level", s.Level);
                writer.WriteNumber("scale", Math.Round(s.Scale, 6));
                writer.WriteNumber("centerX", Math.Round(s.CenterX, 4));
                writer.WriteNumber("centerY", Math.Round(s.CenterY, 4));
                writer.WriteNumber("match", Math.Round(s.Match, 4));
                if (names is not null)
                {
                    writer.WriteString("inner", names[s.Level - 1]);
                    writer.WriteString("outer", names[s.Level]);
                }

                writer.WriteStartArray("gain");
                writer.WriteNumberValue(Math.Round(s.Gain.X, 4));
                writer.WriteNumberValue(Math.Round(s.Gain.Y, 4));
                writer.WriteNumberValue(Math.Round(s.Gain.Z, 4));
                writer.WriteEndArray();
                writer.WriteStartArray("offset");
                writer.WriteNumberValue(Math.Round(s.Offset.X, 3));
                writer.WriteNumberValue(Math.Round(s.Offset.Y, 3));
                writer.WriteNumberValue(Math.Round(s.Offset.Z, 3));
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
