namespace VideoKit.Editing;

/// <summary>
/// The result of fitting a clip into an interval: which part of the clip plays and how fast. Maps a time in the
/// interval to a time in the clip with <see cref="SourceTimeAt"/>.
/// </summary>
public sealed record ClipFit
{
    /// <summary>How the clip was fitted.</summary>
    public required FitMethod Method { get; init; }

    /// <summary>The length of the interval the clip fills.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>Where in the clip playback starts.</summary>
    public required TimeSpan InPoint { get; init; }

    /// <summary>The clip's own length (<see cref="TimeSpan.Zero"/> for a still).</summary>
    public required TimeSpan ClipLength { get; init; }

    /// <summary>Clip seconds per output second (1 = normal, 0.8 = slowed by 20 %).</summary>
    public required double Speed { get; init; }

    /// <summary>The length of the clip from <see cref="InPoint"/> that one pass plays.</summary>
    public TimeSpan SourceSpan => Method is FitMethod.Loop or FitMethod.PingPong or FitMethod.Hold
        ? ClipLength - InPoint
        : TimeSpan.FromTicks((long)Math.Round(Interval.Ticks * Speed));

    /// <summary>True when the clip needs motion-compensated interpolation (not just frame repeats).</summary>
    public bool NeedsInterpolation => Method == FitMethod.Retime;

    /// <summary>The time in the clip shown at <paramref name="localTime"/> into the interval.</summary>
    /// <param name="localTime">A time from the start of the interval.</param>
    /// <returns>A time in [0, clip length) of the clip.</returns>
    public TimeSpan SourceTimeAt(TimeSpan localTime)
    {
        if (Method == FitMethod.Still)
        {
            return TimeSpan.Zero;
        }

        if (localTime < TimeSpan.Zero)
        {
            localTime = TimeSpan.Zero;
        }

        long played = (long)Math.Round(localTime.Ticks * Speed);
        long span = Math.Max(1, (ClipLength - InPoint).Ticks);
        long lastTick = Math.Max(0, ClipLength.Ticks - 1);
        long t = Method switch
        {
            FitMethod.Loop => InPoint.Ticks + (played % span),
            FitMethod.PingPong => InPoint.Ticks + PingPong(played, span),
            FitMethod.Hold => Math.Min(InPoint.Ticks + played, lastTick),
            _ => InPoint.Ticks + played,
        };
        return TimeSpan.FromTicks(Math.Clamp(t, 0, lastTick));
    }

    private static long PingPong(long played, long span)
    {
        long period = 2 * span;
        long p = played % period;
        return p < span ? p : period - p - 1;
    }
}
