using System.CommandLine;
using System.Globalization;
using VideoKit.Interpolation;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit retime INPUT (--speed F | --duration SECONDS) [--mode ...] -o OUT</c>: slow motion, fast forward, fit to a length.</summary>
internal static class RetimeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("INPUT") { Description = "The video to retime." };
        var speed = new Option<double?>("--speed") { Description = "Playback speed: 0.5 = half speed (slow motion), 2 = double." };
        var duration = new Option<double?>("--duration") { Description = "Fit the clip (or the --start/--length range) to this many seconds." };
        var start = new Option<double?>("--start") { Description = "Where the range starts in the source, in seconds (default 0)." };
        var length = new Option<double?>("--length") { Description = "How long the range is, in seconds (default: to the end)." };
        var fps = new Option<string?>("--fps") { Description = "The output frame rate (default: the source's)." };
        var mode = InterpolateCommand.ModeOption();
        var output = new Option<string>("--output", "-o") { Description = "The video to write; the codec follows the extension (.mp4, .mov, .m4v, .mkv: H.264; .webm: VP9).", Required = true };
        var lossless = InterpolateCommand.LosslessOption();
        var overwrite = InterpolateCommand.OverwriteOption();
        var command = new Command("retime", "Play a video at another speed, or fit it to a duration, making in-between frames by motion compensation (or blend, or nearest).")
        {
            input, speed, duration, start, length, fps, mode, output, lossless, overwrite,
        };
        command.SetAction((parse, ct) => CliRunner.RunAsync(async token =>
        {
            string inPath = parse.GetValue(input)!;
            double? s = parse.GetValue(speed), d = parse.GetValue(duration);
            if (s is null == d is null)
            {
                throw new ArgumentException("Give exactly one of --speed F or --duration SECONDS.");
            }

            InterpolationMode m = FrameInterpolator.ParseMode(parse.GetValue(mode) ?? "motion");
            IFrameInterpolator interpolator = FrameInterpolator.Create(m);
            TimeSpan from = Seconds(parse.GetValue(start) ?? 0, "--start", allowZero: true);
            TimeSpan? range = parse.GetValue(length) is { } l ? Seconds(l, "--length", allowZero: false) : null;
            FrameRate rate;
            if (parse.GetValue(fps) is { } text)
            {
                rate = InterpolateCommand.ParseRate(text);
            }
            else
            {
                Media.MediaInfo info = await Media.MediaProbe.ProbeAsync(inPath, cancellationToken: token).ConfigureAwait(false);
                rate = info.PrimaryVideo?.FrameRate ?? throw new Media.UnsupportedMediaException($"'{inPath}' has no video stream.");
                if (rate.IsEmpty)
                {
                    throw new Media.UnsupportedMediaException($"'{inPath}' does not declare a frame rate; pass --fps.");
                }

                if (range is null && d is not null)
                {
                    range = info.Duration - from;
                    if (range <= TimeSpan.Zero)
                    {
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--start {from.TotalSeconds:0.###} is past the end of '{inPath}' ({info.Duration.TotalSeconds:0.###} s)."));
                    }
                }
            }

            Retimer retimer;
            if (d is { } target)
            {
                if (range is null)
                {
                    Media.MediaInfo info = await Media.MediaProbe.ProbeAsync(inPath, cancellationToken: token).ConfigureAwait(false);
                    range = info.Duration - from;
                }

                retimer = Retimer.Fit(interpolator, from, range.Value, Seconds(target, "--duration", allowZero: false));
            }
            else
            {
                if (!(s >= 0.01 && s <= 100))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--speed {s} is outside [0.01, 100]; use 0.5 for half speed, 2 for double."));
                }

                retimer = new Retimer(interpolator, SpeedCurve.Constant(s!.Value)) { SourceStart = from, SourceDuration = range };
            }

            string outPath = parse.GetValue(output)!;
            long frames = await retimer.RetimeFileAsync(inPath, outPath, rate, InterpolateCommand.Codec(outPath, parse.GetValue(lossless)), parse.GetValue(overwrite), CliRunner.Options(parse), progress: InterpolateCommand.ProgressReporter(), cancellationToken: token).ConfigureAwait(false);
            InterpolateCommand.ClearProgress();
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outPath}: {frames} frames at {rate} fps ({m.ToString().ToLowerInvariant()})"));
            return 0;
        }, ct));
        return command;
    }

    private static TimeSpan Seconds(double value, string option, bool allowZero)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < 0 || (!allowZero && value == 0) || value > 86400)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} {value} is not a valid number of seconds; it must be {(allowZero ? "0 or more" : "more than 0")}."));
        }

        return TimeSpan.FromSeconds(value);
    }
}
