using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using VideoKit.Projects;
using VideoKit.Orleans;
using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.Cli.Commands;

/// <summary>
/// <c>videokit render PROJECT.json -o OUT [--overwrite] [--segment K/N | --workers N]</c>: renders a project file to a
/// video, one segment of it (for <c>videokit stitch</c>), or the whole video with N workers on an in-process cluster.
/// </summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var project = new Argument<string>("PROJECT") { Description = "The project file (JSON: song, duration, output, and items placed by hand or clips cut to the beat with edit)." };
        var output = new Option<string>("--output", "-o") { Description = "The video file to write (.mp4, .mov, .mkv, .webm).", Required = true };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output file if it exists." };
        var preview = new Option<bool>("--preview") { Description = "A quick preview: a quarter of the width and height, H.264 ultrafast, the same frames and timing." };
        var segment = new Option<string?>("--segment") { Description = "Render only segment K of N (K from 1), video only, for 'videokit stitch'; the same N always gives the same split." };
        var workers = new Option<int?>("--workers") { Description = "Render N segments at once on an in-process Orleans cluster, then stitch them." };
        var audio = new Option<bool>("--audio") { Description = "Encode only the sound (the song or the project's audio mix, cut to the video's length, the render's audio codec) to an audio file (.m4a for H.264/H.265) for 'videokit stitch --audio': it runs beside the segments, so the stitch is only a remux." };
        var preset = DeliveryOptions.Preset();
        var json = JsonOutput.Option();
        var command = new Command("render", "Render a project file to a video file, with the song as its soundtrack.") { project, output, overwrite, preview, segment, workers, audio, preset, json };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            if (parse.GetValue(preset) is { } chosen && (parse.GetValue(segment) is not null || parse.GetValue(workers) is not null))
            {
                throw new ArgumentException($"--preset {chosen} applies to a whole render; --segment and --workers do not apply platform presets.");
            }

            if (parse.GetValue(audio))
            {
                if (parse.GetValue(segment) is not null || parse.GetValue(workers) is not null || parse.GetValue(preview) || parse.GetValue(preset) is not null)
                {
                    throw new ArgumentException("--audio encodes the sound of a render in segments; it cannot be combined with --segment, --workers, --preview or --preset.");
                }

                return await RenderSoundAsync(parse.GetValue(project)!, parse.GetValue(output)!, parse.GetValue(overwrite), CliRunner.Options(parse), token).ConfigureAwait(false);
            }

            if (parse.GetValue(segment) is { } part)
            {
                if (parse.GetValue(workers) is not null)
                {
                    throw new ArgumentException("--segment and --workers cannot be combined: --segment renders one part, --workers all of them.");
                }

                return await RenderSegmentAsync(parse.GetValue(project)!, part, parse.GetValue(output)!, parse.GetValue(overwrite), CliRunner.Options(parse), token).ConfigureAwait(false);
            }

            if (parse.GetValue(workers) is int n)
            {
                return await RenderOnClusterAsync(parse.GetValue(project)!, n, parse.GetValue(output)!, parse.GetValue(overwrite), token).ConfigureAwait(false);
            }

            ProjectFile file = await ProjectFile.LoadAsync(parse.GetValue(project)!, DeliveryOptions.Platform(parse.GetValue(preset)), CliRunner.Options(parse), token).ConfigureAwait(false);
            foreach (string warning in file.EditPlan?.Warnings ?? [])
            {
                Console.Error.WriteLine("videokit: warning: " + warning);
            }

            string target = parse.GetValue(output)!;
            bool replace = parse.GetValue(overwrite);
            bool quick = parse.GetValue(preview);
            RenderResult result = Console.IsErrorRedirected
                ? await (quick ? file.RenderPreviewAsync(target, replace, cancellationToken: token) : file.RenderAsync(target, replace, cancellationToken: token)).ConfigureAwait(false)
                : await RenderWithProgressAsync(file, target, replace, quick, token).ConfigureAwait(false);
            Editing.CutVerificationReport? cuts = null;
            // The file is in place: a cancel from here on skips the check, it does not undo or disown the result.
            try
            {
                if (file.EditPlan is not null)
                {
                    Console.Error.WriteLine($"videokit: {result.OutputPath} is written; checking its cuts (Ctrl+C skips the check).");
                }

                cuts = await file.VerifyCutsAsync(result.OutputPath, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Console.Error.WriteLine($"videokit: {result.OutputPath} was written; the cut check was cancelled.");
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonOutput.Render(result, cuts?.Summary));
                return 0;
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.OutputPath}: {result.FrameCount} frames, {result.Resolution} at {result.FrameRate} fps, {result.Duration.TotalSeconds:0.00} s, rendered in {result.Elapsed.TotalSeconds:0.0} s ({result.FramesPerSecond:0.#} frames/s), encoder {result.Encoder}"));
            if (cuts is not null)
            {
                Console.Out.WriteLine("cuts: " + cuts.Summary);
            }

            return 0;
        }, ct));
        return command;
    }

    /// <summary>Parses <c>K/N</c> (1 ≤ K ≤ N).</summary>
    internal static (int K, int N) ParseSegment(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && k >= 1 && k <= n)
        {
            return (k, n);
        }

        throw new ArgumentException($"--segment '{text}' must be K/N with 1 <= K <= N, for example 2/5.");
    }

    private static async Task<int> RenderSegmentAsync(string projectPath, string part, string target, bool replace, VideoKitOptions options, CancellationToken token)
    {
        (int k, int n) = ParseSegment(part);
        // The same damage policy and warning sink as a whole render: a segment is one part of that render.
        ProjectFile file = await ProjectFile.LoadAsync(projectPath, options, token).ConfigureAwait(false);
        SegmentPlan plan = await SegmentPlan.CreateAsync(file, SegmentSplit.IntoCount(n), replace, token).ConfigureAwait(false);
        RenderResult result = await SegmentRenderer.RenderAsync(plan, k, target, cancellationToken: token).ConfigureAwait(false);
        Segment s = plan.Get(k);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.OutputPath}: segment {k}/{n}, frames {s.Frames.Start}-{s.Frames.End - 1} of {plan.TotalFrames} (plan {plan.Fingerprint}), rendered in {result.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static async Task<int> RenderSoundAsync(string projectPath, string target, bool replace, VideoKitOptions options, CancellationToken token)
    {
        ProjectFile file = await ProjectFile.LoadAsync(projectPath, options, token).ConfigureAwait(false);
        // The split does not matter to the sound (its fingerprint leaves it out): plan one segment.
        SegmentPlan plan = await SegmentPlan.CreateAsync(file, SegmentSplit.IntoCount(1), replace, token).ConfigureAwait(false);
        RenderResult result = await SegmentAudio.EncodeAsync(plan, target, token).ConfigureAwait(false);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.OutputPath}: sound, {result.Duration.TotalSeconds:0.00} s (plan sound {plan.SoundFingerprint}), encoded in {result.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static async Task<int> RenderOnClusterAsync(string projectPath, int n, string target, bool replace, CancellationToken token)
    {
        if (n < 1)
        {
            throw new ArgumentException($"--workers {n} must be at least 1.");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Progress<RenderJobStatus>(status =>
        {
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{status.State}: {status.FramesDone}/{status.TotalFrames} frames ({status.Fraction:P0})   "));
            }
        });
        RenderJobStatus final = await LocalRenderCluster.RenderProjectAsync(projectPath, target, n, replace, progress, token).ConfigureAwait(false);
        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }

        foreach (string warning in final.Warnings)
        {
            Console.Error.WriteLine("videokit: warning: " + warning);
        }

        int retried = final.Segments.Sum(s => s.Attempts - 1);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFullPath(target)}: {final.TotalFrames} frames in {final.Segments.Count} segments on {n} workers, rendered in {clock.Elapsed.TotalSeconds:0.0} s{(retried > 0 ? $" ({retried} segment attempts retried)" : "")}"));
        return 0;
    }

    private static async Task<RenderResult> RenderWithProgressAsync(ProjectFile file, string target, bool overwrite, bool preview, CancellationToken token)
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
                result = await (preview ? file.RenderPreviewAsync(target, overwrite, progress, token) : file.RenderAsync(target, overwrite, progress, token)).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result!;
    }
}
