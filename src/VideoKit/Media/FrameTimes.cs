using System.Globalization;

namespace VideoKit.Media;

/// <summary>
/// The presentation times of a video's frames, read from the container's packet timestamps (FFprobe demuxes only, it
/// does not decode, so this is cheap). Frames leave the decoder in presentation order, so the sorted packet times of the
/// non-empty packets are the times of the decoded frames in the order a passthrough decode yields them.
/// </summary>
internal sealed class FrameTimes
{
    private FrameTimes(double[] seconds, double end, bool isVariable)
    {
        Seconds = seconds;
        End = end;
        IsVariable = isVariable;
    }

    /// <summary>Frame k's presentation time in seconds from the start of the file (the container's start time is 0).</summary>
    public double[] Seconds { get; }

    /// <summary>When the last frame stops showing, in seconds from the start of the file.</summary>
    public double End { get; }

    /// <summary>
    /// True when the times do not sit on the declared rate's grid (each within a quarter frame of k / rate): a
    /// variable-frame-rate source. False for constant-rate files whose timestamps are merely quantised (e.g. 1 ms steps
    /// for 29.97 fps), where counting frames at the declared rate is exact and keeps frames on whole positions.
    /// </summary>
    public bool IsVariable { get; }

    /// <summary>The number of frames with a time.</summary>
    public int Count => Seconds.Length;

    /// <summary>Reads a file's frame times.</summary>
    /// <returns>The times, or <see langword="null"/> when the file has no usable timestamps (then frames are counted at the declared rate).</returns>
    public static async Task<FrameTimes?> ProbeAsync(string fullPath, FrameRate declaredRate, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        FFmpegTools tools = FFmpegTools.Locate(options);
        string[] args =
        [
            "-v", "error", "-hide_banner", "-select_streams", "v:0",
            "-show_entries", "packet=pts_time,dts_time,duration_time,size:format=start_time", "-of", "csv=p=0:nk=0", fullPath,
        ];
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFprobePath, args, cancellationToken);
        using var reader = new StreamReader(process.StandardOutput);
        string text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return exit != 0 ? null : Parse(text, declaredRate);
    }

    /// <summary>Parses FFprobe's <c>packet=pts_time,dts_time,duration_time,size:format=start_time</c> CSV output.</summary>
    internal static FrameTimes? Parse(string csv, FrameRate declaredRate)
    {
        var times = new List<double>();
        var ends = new List<double>();
        double start = double.NaN;
        foreach (string raw in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A packet line (pts_time, dts_time, duration_time, size) or the format line (start_time), as key=value pairs.
            string[] f = raw.Split(',');
            double pts = double.NaN, dts = double.NaN, duration = double.NaN, size = double.NaN;
            foreach (string field in f)
            {
                int eq = field.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                double v = Number(field[(eq + 1)..]);
                switch (field[..eq])
                {
                    case "pts_time": pts = v; break;
                    case "dts_time": dts = v; break;
                    case "duration_time": duration = v; break;
                    case "size": size = v; break;
                    case "start_time": start = v; break;
                }
            }

            if (!raw.Contains("size=", StringComparison.Ordinal))
            {
                continue;
            }

            double time = double.IsNaN(pts) ? dts : pts;
            if (double.IsNaN(time) || !(size > 0))
            {
                continue;   // an empty packet (a dropped frame in AVI) decodes to nothing
            }

            times.Add(time);
            ends.Add(time + (duration > 0 ? duration : 0));
        }

        if (times.Count == 0)
        {
            return null;
        }

        double[] seconds = [.. times];
        Array.Sort(seconds);
        double origin = double.IsNaN(start) ? seconds[0] : Math.Min(start, seconds[0]);
        for (int i = 0; i < seconds.Length; i++)
        {
            seconds[i] -= origin;
        }

        for (int i = 1; i < seconds.Length; i++)
        {
            if (seconds[i] <= seconds[i - 1])
            {
                return null;   // repeated timestamps: the container's times are broken, count frames instead
            }
        }

        double step = declaredRate.IsEmpty ? 0 : 1.0 / declaredRate.FramesPerSecond;
        double end = ends.Max() - origin;
        if (end <= seconds[^1])
        {
            end = seconds[^1] + (step > 0 ? step : MedianStep(seconds));   // packets without durations
        }

        bool variable = step <= 0;
        for (int i = 0; i < seconds.Length && !variable; i++)
        {
            variable = Math.Abs(seconds[i] - (seconds[0] + (i * step))) > step / 4;
        }

        return new FrameTimes(seconds, end, variable);
    }

    /// <summary>The index of the first frame at or after <paramref name="time"/> (Count when none).</summary>
    public int FirstAtOrAfter(double time)
    {
        int i = Array.BinarySearch(Seconds, time - 1e-6);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The fractional frame index at <paramref name="time"/>: between the two frames whose times enclose it, 0 before the first, the last after it; snapped to whole frames within 10⁻⁶.</summary>
    public double PositionAt(double time)
    {
        int i = Array.BinarySearch(Seconds, time);
        int j = i >= 0 ? i : ~i - 1;
        double position = j < 0 ? 0 : j >= Count - 1 ? Count - 1 : j + ((time - Seconds[j]) / (Seconds[j + 1] - Seconds[j]));
        double whole = Math.Round(position);
        return Math.Abs(position - whole) < 1e-6 ? whole : position;
    }

    /// <summary>A seek time that lands on frame <paramref name="k"/>: halfway between it and the frame before.</summary>
    public double SeekTimeFor(int k) => k <= 0 ? 0 : (Seconds[k - 1] + Seconds[Math.Min(k, Count - 1)]) / 2;

    private static double MedianStep(double[] s)
    {
        if (s.Length < 2)
        {
            return 0;
        }

        double[] steps = new double[s.Length - 1];
        for (int i = 1; i < s.Length; i++)
        {
            steps[i - 1] = s[i] - s[i - 1];
        }

        Array.Sort(steps);
        return steps[steps.Length / 2];
    }

    private static double Number(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
