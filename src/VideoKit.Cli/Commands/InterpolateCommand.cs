using System.CommandLine;
using System.Globalization;
using VideoKit.Interpolation;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit interpolate INPUT --fps N [--mode nearest|blend|motion] -o OUT</c>: frame-rate conversion.</summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("INPUT") { Description = "The video to convert." };
        var fps = new Option<string>("--fps") { Description = "The output frame rate: 60, 59.94 or 30000/1001.", Required = true };
        var mode = ModeOption();
        var output = new Option<string>("--output", "-o") { Description = "The video to write; the codec follows the extension (.mp4, .mov, .m4v, .mkv: H.264; .webm: VP9).", Required = true };
        var lossless = LosslessOption();
        var overwrite = OverwriteOption();
        var command = new Command("interpolate", "Convert a video to another frame rate; output frame i is the source at time i/N, in-between frames made by motion compensation (or blend, or nearest).")
        {
            input, fps, mode, output, lossless, overwrite,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            FrameRate rate = ParseRate(parse.GetValue(fps)!);
            InterpolationMode m = FrameInterpolator.ParseMode(parse.GetValue(mode) ?? "motion");
            var retimer = new Retimer(FrameInterpolator.Create(m));
            string outPath = parse.GetValue(output)!;
            long frames = await retimer.RetimeFileAsync(parse.GetValue(input)!, outPath, rate, Codec(outPath, parse.GetValue(lossless)), parse.GetValue(overwrite), CliRunner.Options(parse), progress: ProgressReporter(), cancellationToken: token).ConfigureAwait(false);
            ClearProgress();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outPath}: {frames} frames at {rate} fps ({m.ToString().ToLowerInvariant()})"));
            return 0;
        }, ct));
        return command;
    }

    internal static Option<string> ModeOption() => new("--mode", "-m")
    {
        Description = "How in-between frames are made: motion (motion-compensated, default), blend or nearest.",
        DefaultValueFactory = _ => "motion",
    };

    internal static Option<bool> LosslessOption() => new("--lossless")
    {
        Description = "Write lossless FFV1 (needs a .mkv output), so results can be measured.",
    };

    internal static Option<bool> OverwriteOption() => new("--overwrite")
    {
        Description = "Replace the output file if it exists.",
    };

    /// <summary>FFV1 for --lossless (which needs .mkv); otherwise null, so the codec follows the extension.</summary>
    internal static Rendering.VideoCodec? Codec(string outputPath, bool lossless)
    {
        if (!lossless)
        {
            return null;
        }

        string ext = Path.GetExtension(outputPath).ToLowerInvariant();
        return ext == ".mkv"
            ? Rendering.VideoCodec.Ffv1
            : throw new ArgumentException($"--lossless writes FFV1, which needs a .mkv output; '{outputPath}' is {(ext.Length == 0 ? "without extension" : ext)}.");
    }

    internal static FrameRate ParseRate(string text)
    {
        FrameRate rate;
        bool parsed;
        try
        {
            parsed = FrameRate.TryParse(text, out rate);
        }
        catch (ArgumentException)
        {
            // A rate so small or odd it cannot be a fraction of whole numbers (0.0001).
            parsed = false;
            rate = default;
        }

        if (!parsed || rate.IsEmpty || rate.FramesPerSecond <= 0 || rate.FramesPerSecond > 1000)
        {
            throw new FormatException($"--fps '{text}' is not a frame rate; use e.g. 60, 59.94 or 30000/1001.");
        }

        return rate;
    }

    /// <summary>A one-line progress display on standard error, only when it is a terminal (stdout stays parseable).</summary>
    internal static IProgress<RetimeProgress>? ProgressReporter()
    {
        if (Console.IsErrorRedirected)
        {
            return null;
        }

        // Reported synchronously (not through Progress<T>, whose callbacks run later on the thread pool and could
        // redraw the line after it was finished), so the line is always closed with a newline.
        lock (s_progressLock)
        {
            s_progressOpen = true;
        }

        return new SyncProgress<RetimeProgress>(p =>
        {
            double fps = p.Elapsed.TotalSeconds > 0 ? p.Frame / p.Elapsed.TotalSeconds : 0;
            lock (s_progressLock)
            {
                if (s_progressOpen)
                {
                    Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\rframe {p.Frame}/{p.TotalFrames} ({fps:0.0} fps)   "));
                }
            }
        });
    }

    private static readonly Lock s_progressLock = new();
    private static bool s_progressOpen;

    /// <summary>Ends the progress line with a newline; later reports are ignored.</summary>
    internal static void ClearProgress()
    {
        lock (s_progressLock)
        {
            if (s_progressOpen && !Console.IsErrorRedirected)
            {
                Console.Error.WriteLine();
            }

            s_progressOpen = false;
        }
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
