using System.Globalization;
using VideoKit.Rhythm;

namespace VideoKit.Zoom;

/// <summary>
/// The zoom position over time. z is the logarithm of the view width (in levels), so moving z at a steady rate is an
/// exponential zoom with constant perceived speed; easing and beat pushes reshape z itself (log space). The path holds
/// its first level before the zoom starts and its last level after it ends. Immutable.
/// </summary>
public sealed class ZoomPath
{
    // Knots: times t_0 … t_M (beats, or the start and end of a steady zoom). Beat position pos ∈ [0, M] maps to z
    // piecewise linearly through (boundary_k, k), with eased first and last levels; inside knot i → i + 1 the position
    // advances by a push shape whose strength is push_i.
    private readonly TimeSpan[] _knots;
    private readonly double[] _push;
    private readonly double[] _boundaries;
    private readonly bool _ease;
    private readonly ZoomDirection _direction;

    private ZoomPath(TimeSpan[] knots, double[] push, double[] boundaries, bool ease, ZoomDirection direction, TimeSpan duration, IReadOnlyList<string>? warnings = null)
    {
        Warnings = warnings ?? [];
        _knots = knots;
        _push = push;
        _boundaries = boundaries;
        _ease = ease;
        _direction = direction;
        Duration = duration;
    }

    /// <summary>The length of the path (the song, for a beat-driven path).</summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// What the path could not do as asked, one sentence each (for example a requested levels-per-bar rate that does not
    /// fit the song, so the levels were spread over it instead). Empty when everything was as requested.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The number of level steps travelled (the sequence's level count − 1).</summary>
    public int Steps => _boundaries.Length - 1;

    /// <summary>When the zoom starts moving.</summary>
    public TimeSpan Start => _knots[0];

    /// <summary>When the zoom stops.</summary>
    public TimeSpan End => _knots[^1];

    /// <summary>The zoom position at the start of the path.</summary>
    public double StartZoom => _direction == ZoomDirection.Out ? 0 : Steps;

    /// <summary>The zoom position at the end of the path.</summary>
    public double EndZoom => _direction == ZoomDirection.Out ? Steps : 0;

    /// <summary>The times at which the path passes each level exactly (level boundaries), in the order travelled.</summary>
    public IReadOnlyList<TimeSpan> LevelTimes
    {
        get
        {
            var times = new TimeSpan[_boundaries.Length];
            for (int k = 0; k < _boundaries.Length; k++)
            {
                double pos = _boundaries[k];
                int i = Math.Min((int)Math.Floor(pos), _knots.Length - 2);
                // Invert the push shape numerically (it is monotone).
                double target = pos - i, lo = 0, hi = 1;
                for (int it = 0; it < 40; it++)
                {
                    double mid = (lo + hi) / 2;
                    if (Shape(mid, _push[i]) < target)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                times[k] = _knots[i] + ((_knots[i + 1] - _knots[i]) * ((lo + hi) / 2));
            }

            return times;
        }
    }

    /// <summary>A steady exponential zoom through <paramref name="steps"/> levels.</summary>
    /// <param name="steps">The number of level steps (level count − 1).</param>
    /// <param name="duration">The length of the path, holds included.</param>
    /// <param name="direction">Out or in.</param>
    /// <param name="holdStart">How long the first level holds.</param>
    /// <param name="holdEnd">How long the last level holds.</param>
    /// <param name="ease">Whether to ease in over the first level and out over the last.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No steps, or the holds leave no time to zoom.</exception>
    public static ZoomPath Steady(int steps, TimeSpan duration, ZoomDirection direction = ZoomDirection.Out, TimeSpan holdStart = default, TimeSpan holdEnd = default, bool ease = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(holdStart.Ticks, nameof(holdStart));
        ArgumentOutOfRangeException.ThrowIfNegative(holdEnd.Ticks, nameof(holdEnd));
        if (duration - holdStart - holdEnd <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, string.Create(CultureInfo.InvariantCulture, $"A zoom of {duration.TotalSeconds:0.###} s with holds of {holdStart.TotalSeconds:0.###} s and {holdEnd.TotalSeconds:0.###} s has no time left to move."));
        }

        double[] boundaries = new double[steps + 1];
        for (int k = 0; k <= steps; k++)
        {
            boundaries[k] = (double)k / steps;
        }

        return new ZoomPath([holdStart, duration - holdEnd], [0], boundaries, ease, direction, duration);
    }

    /// <summary>
    /// A zoom driven by a beat grid: level boundaries on downbeats (or every K beats), a push on each beat that follows
    /// the onset strength, fitted so that the sequence ends with the song (minus the end hold).
    /// </summary>
    /// <param name="grid">The song's beats.</param>
    /// <param name="levelCount">The number of levels in the sequence (at least 2).</param>
    /// <param name="options">Rate, direction, holds, push; <see langword="null"/> for the defaults.</param>
    /// <returns>The path (its duration is the grid's).</returns>
    /// <exception cref="ArgumentException">The grid has fewer than two downbeats in the time the holds leave, or fewer beats than steps.</exception>
    /// <remarks>When a requested rate (<see cref="ZoomPathOptions.LevelsPerBar"/> or <see cref="ZoomPathOptions.BeatsPerLevel"/>) does not fit the song, the levels are spread over it instead and <see cref="Warnings"/> says so.</remarks>
    public static ZoomPath FromBeats(BeatGrid grid, int levelCount, ZoomPathOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentOutOfRangeException.ThrowIfLessThan(levelCount, 2);
        options ??= ZoomPathOptions.Default;
        options.Validate();
        return TryFromBeats(grid, levelCount, options, out string? problem) ?? throw new ArgumentException(problem);
    }

    /// <summary>
    /// <see cref="FromBeats"/> without the throw: the path, or <see langword="null"/> and why the grid cannot drive it
    /// (too few downbeats, or more steps than beats). <paramref name="options"/> must be validated.
    /// </summary>
    internal static ZoomPath? TryFromBeats(BeatGrid grid, int levelCount, ZoomPathOptions options, out string? problem)
    {
        problem = null;
        int steps = levelCount - 1;
        TimeSpan duration = grid.Duration;
        TimeSpan from = options.HoldStart, to = duration - options.HoldEnd;
        int bpb = grid.BeatsPerBar;

        // The window: from the first downbeat at or after the start hold to the last downbeat at or before the end hold.
        int first = -1, last = -1;
        foreach (Beat b in grid.Downbeats)
        {
            if (b.Time >= from && first < 0)
            {
                first = b.Index;
            }

            if (b.Time <= to)
            {
                last = b.Index;
            }
        }

        if (first < 0 || last <= first)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"The beat grid has fewer than two downbeats between {from.TotalSeconds:0.###} s and {to.TotalSeconds:0.###} s; a beat-driven zoom needs at least one bar.");
            return null;
        }

        int totalBeats = last - first;
        int bars = Math.Max(1, totalBeats / bpb);
        double beatsPerLevel = options.BeatsPerLevel ?? (options.LevelsPerBar is { } n ? bpb / n : 0);
        double[] boundaries = new double[steps + 1];
        var warnings = new List<string>();
        if (beatsPerLevel > 0 && beatsPerLevel * steps > totalBeats)
        {
            string requested = options.BeatsPerLevel is { } b
                ? string.Create(CultureInfo.InvariantCulture, $"{b} beats per level")
                : string.Create(CultureInfo.InvariantCulture, $"{options.LevelsPerBar:0.###} levels per bar");
            string used = steps <= bars
                ? string.Create(CultureInfo.InvariantCulture, $"spread over the {bars} bars instead (about {(double)steps / bars:0.##} levels per bar)")
                : string.Create(CultureInfo.InvariantCulture, $"spread over the {totalBeats} beats instead (about {(double)totalBeats / steps:0.##} beats per level)");
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{requested} does not fit: {steps} zoom steps would need {beatsPerLevel * steps:0.#} beats, but the song has {totalBeats} beats ({bars} bars) between its first and last downbeat, so the levels were {used}."));
        }

        if (beatsPerLevel > 0 && beatsPerLevel * steps <= totalBeats)
        {
            // The requested rate fits: end with the song and hold the first level before it.
            double lead = totalBeats - (beatsPerLevel * steps);
            lead = Math.Floor(lead / bpb) * bpb;
            for (int k = 0; k <= steps; k++)
            {
                boundaries[k] = lead + Math.Round(k * beatsPerLevel);
            }
        }
        else if (steps <= bars)
        {
            // Fitted: spread the levels over the bars, every boundary on a downbeat.
            for (int k = 0; k <= steps; k++)
            {
                boundaries[k] = bpb * Math.Round((double)k * bars / steps);
            }
        }
        else
        {
            // More levels than bars: boundaries on beats.
            for (int k = 0; k <= steps; k++)
            {
                boundaries[k] = Math.Round((double)k * totalBeats / steps);
            }
        }

        for (int k = 1; k <= steps; k++)
        {
            if (boundaries[k] <= boundaries[k - 1])
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{steps} zoom steps do not fit in {totalBeats} beats; use a longer song or fewer levels.");
                return null;
            }
        }

        // Knots from the first zoom beat to the last; pushes follow the onset strength (full when there is no envelope).
        int k0 = first + (int)boundaries[0], k1 = first + (int)boundaries[^1];
        double lead0 = boundaries[0];
        for (int k = 0; k <= steps; k++)
        {
            boundaries[k] -= lead0;
        }

        var knots = new TimeSpan[(k1 - k0) + 1];
        double[] push = new double[Math.Max(1, k1 - k0)];
        double maxStrength = 0;
        for (int i = k0; i <= k1; i++)
        {
            knots[i - k0] = grid.TimeOfBeat(i);
            maxStrength = Math.Max(maxStrength, OnsetAt(grid, grid.TimeOfBeat(i)));
        }

        for (int i = k0; i < k1; i++)
        {
            double strength = grid.Onsets is null || maxStrength <= 0 ? 1 : OnsetAt(grid, grid.TimeOfBeat(i)) / maxStrength;
            push[i - k0] = options.BeatPush * Math.Clamp(strength, 0, 1);
        }

        return new ZoomPath(knots, push, boundaries, options.Ease, options.Direction, duration, warnings);
    }

    /// <summary>The zoom position at <paramref name="time"/> (held before <see cref="Start"/> and after <see cref="End"/>).</summary>
    /// <param name="time">A time from the start of the path.</param>
    /// <returns>z, from 0 (innermost level) to <see cref="Steps"/>.</returns>
    public double ZoomAt(TimeSpan time)
    {
        double z = ForwardZoomAt(time);
        return _direction == ZoomDirection.Out ? z : Steps - z;
    }

    /// <summary>The onset strength at a beat: the envelope's peak within ±50 ms (beat times and onsets rarely coincide exactly).</summary>
    private static double OnsetAt(BeatGrid grid, TimeSpan time) => grid.Onsets?.PeakNear(time, TimeSpan.FromMilliseconds(50)) ?? 0;

    /// <summary>The within-beat shape: linear blended with a cubic ease-out (a push right after the beat that settles).</summary>
    internal static double Shape(double phase, double push)
    {
        double easeOut = 1 - Math.Pow(1 - phase, 3);
        return ((1 - push) * phase) + (push * easeOut);
    }

    private double ForwardZoomAt(TimeSpan time)
    {
        if (time <= _knots[0])
        {
            return 0;
        }

        if (time >= _knots[^1])
        {
            return Steps;
        }

        // Binary search for the knot interval.
        int lo = 0, hi = _knots.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_knots[mid] <= time)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double phase = (time - _knots[lo]).Ticks / (double)(_knots[lo + 1] - _knots[lo]).Ticks;
        double pos = lo + Shape(phase, _push[lo]);
        return ZoomAtPosition(pos);
    }

    private double ZoomAtPosition(double pos)
    {
        int steps = Steps;
        int k = 0;
        while (k < steps - 1 && pos >= _boundaries[k + 1])
        {
            k++;
        }

        double x = Math.Clamp((pos - _boundaries[k]) / (_boundaries[k + 1] - _boundaries[k]), 0, 1);
        if (_ease)
        {
            if (steps == 1)
            {
                x = x * x * (3 - (2 * x));
            }
            else if (k == 0)
            {
                x = x * x * (2 - x);
            }
            else if (k == steps - 1)
            {
                double y = 1 - x;
                x = 1 - (y * y * (2 - y));
            }
        }

        return k + x;
    }
}
