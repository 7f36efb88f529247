using System.Globalization;

namespace VideoKit.Interpolation;

/// <summary>
/// Playback speed over output time, and the source time it leads to: constant (frame-rate conversion, slow motion, fast
/// forward) or a ramp that moves linearly between keyframes and holds the end speeds outside them. Source time is the
/// integral of the speed, computed in closed form (never by adding up steps), so long clips do not drift. Immutable.
/// </summary>
public sealed class SpeedCurve
{
    /// <summary>The fastest and slowest speeds a curve accepts.</summary>
    internal const double MinSpeed = 0.01, MaxSpeed = 100;

    private readonly double[] _times;   // output seconds of the keyframes, increasing
    private readonly double[] _speeds;
    private readonly double[] _sourceAt; // source seconds at each keyframe time

    private SpeedCurve(double[] times, double[] speeds)
    {
        _times = times;
        _speeds = speeds;
        _sourceAt = new double[times.Length];
        double s = times[0] * speeds[0];
        _sourceAt[0] = s;
        for (int i = 1; i < times.Length; i++)
        {
            s += (times[i] - times[i - 1]) * (speeds[i] + speeds[i - 1]) / 2;
            _sourceAt[i] = s;
        }
    }

    /// <summary>Normal speed: output time equals source time.</summary>
    public static SpeedCurve Normal { get; } = new([0], [1]);

    /// <summary>True when the speed never changes.</summary>
    public bool IsConstant => _times.Length == 1;

    /// <summary>The keyframes (one at time zero for a constant speed).</summary>
    public IReadOnlyList<SpeedKeyframe> Keyframes => [.. _times.Select((t, i) => new SpeedKeyframe(TimeSpan.FromSeconds(t), _speeds[i]))];

    /// <summary>A constant speed.</summary>
    /// <param name="speed">1 = normal, 0.5 = half speed, 2 = double speed; in [0.01, 100].</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The speed is outside [0.01, 100] or not a number.</exception>
    public static SpeedCurve Constant(double speed)
    {
        CheckSpeed(speed, nameof(speed));
        return new SpeedCurve([0], [speed]);
    }

    /// <summary>A speed ramp through keyframes at increasing output times (linear between them, constant outside).</summary>
    /// <param name="keyframes">At least one keyframe; no two at the same time.</param>
    /// <returns>The curve.</returns>
    /// <exception cref="ArgumentException">There are no keyframes, or two share a time.</exception>
    public static SpeedCurve Ramp(IEnumerable<SpeedKeyframe> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        SpeedKeyframe[] sorted = [.. keyframes.OrderBy(k => k.Time)];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A speed ramp needs at least one keyframe.", nameof(keyframes));
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Time == sorted[i - 1].Time)
            {
                throw new ArgumentException($"Two speed keyframes are at {sorted[i].Time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s; give each keyframe its own time.", nameof(keyframes));
            }
        }

        if (sorted.Any(k => k.Speed == 0))
        {
            throw new ArgumentException("A speed keyframe has speed 0; speeds must be in [0.01, 100].", nameof(keyframes));
        }

        return new SpeedCurve([.. sorted.Select(k => k.Time.TotalSeconds)], [.. sorted.Select(k => k.Speed)]);
    }

    /// <summary>The speed at an output time.</summary>
    /// <param name="outputTime">Time from the start of the retimed clip.</param>
    /// <returns>The playback speed.</returns>
    public double SpeedAt(TimeSpan outputTime) => SpeedAtSeconds(outputTime.TotalSeconds);

    /// <summary>The source time shown at an output time (both from the start of the clip or range).</summary>
    /// <param name="outputTime">Time from the start of the retimed clip; negative times map to negative source times.</param>
    /// <returns>The source time.</returns>
    public TimeSpan SourceTimeAt(TimeSpan outputTime) => TimeSpan.FromSeconds(SourceSecondsAt(outputTime.TotalSeconds));

    /// <summary>The output time at which a source time is shown (the inverse of <see cref="SourceTimeAt"/>).</summary>
    /// <param name="sourceTime">Time from the start of the source clip or range.</param>
    /// <returns>The output time.</returns>
    public TimeSpan OutputTimeAt(TimeSpan sourceTime) => TimeSpan.FromSeconds(OutputSecondsAt(sourceTime.TotalSeconds));

    /// <summary>The same shape with every speed multiplied so that <paramref name="sourceDuration"/> of source fills <paramref name="outputDuration"/>.</summary>
    /// <param name="sourceDuration">How much source to play.</param>
    /// <param name="outputDuration">How long it must last.</param>
    /// <returns>The scaled curve.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive, or the fitted speed leaves [0.01, 100].</exception>
    public SpeedCurve FitTo(TimeSpan sourceDuration, TimeSpan outputDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sourceDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(outputDuration, TimeSpan.Zero);
        double factor = sourceDuration.TotalSeconds / SourceSecondsAt(outputDuration.TotalSeconds);
        double[] speeds = [.. _speeds.Select(s => s * factor)];
        foreach (double s in speeds)
        {
            if (s < MinSpeed || s > MaxSpeed)
            {
                throw new ArgumentOutOfRangeException(nameof(outputDuration), outputDuration,
                    string.Create(CultureInfo.InvariantCulture, $"Fitting {sourceDuration.TotalSeconds:0.###} s of source into {outputDuration.TotalSeconds:0.###} s needs speed {s:0.####}, outside [0.01, 100]."));
            }
        }

        return new SpeedCurve(_times, speeds);
    }

    internal double SpeedAtSeconds(double t)
    {
        if (t <= _times[0])
        {
            return _speeds[0];
        }

        int i = Segment(t);
        if (i == _times.Length - 1)
        {
            return _speeds[^1];
        }

        double f = (t - _times[i]) / (_times[i + 1] - _times[i]);
        return _speeds[i] + ((_speeds[i + 1] - _speeds[i]) * f);
    }

    internal double SourceSecondsAt(double t)
    {
        if (t <= _times[0])
        {
            return t * _speeds[0];
        }

        int i = Segment(t);
        double dt = t - _times[i];
        if (i == _times.Length - 1)
        {
            return _sourceAt[i] + (dt * _speeds[i]);
        }

        double slope = (_speeds[i + 1] - _speeds[i]) / (_times[i + 1] - _times[i]);
        return _sourceAt[i] + (dt * _speeds[i]) + (0.5 * slope * dt * dt);
    }

    internal double OutputSecondsAt(double s)
    {
        if (s <= _sourceAt[0])
        {
            return s / _speeds[0];
        }

        // Source time increases strictly with output time (speeds are positive): bisect, then polish.
        double lo = _times[0], hi = Math.Max(_times[^1], lo) + 1;
        while (SourceSecondsAt(hi) < s)
        {
            hi = lo + ((hi - lo) * 2);
        }

        for (int iteration = 0; iteration < 100 && hi - lo > 1e-12; iteration++)
        {
            double mid = (lo + hi) / 2;
            if (SourceSecondsAt(mid) < s)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    internal static void CheckSpeed(double speed, string name)
    {
        if (!(speed >= MinSpeed && speed <= MaxSpeed))
        {
            throw new ArgumentOutOfRangeException(name, speed, string.Create(CultureInfo.InvariantCulture, $"Speed {speed} is outside [0.01, 100]; use 1 for normal speed, 0.5 for half speed, 2 for double."));
        }
    }

    private int Segment(double t)
    {
        int i = Array.BinarySearch(_times, t);
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }
}
