namespace VideoKit.Editing;

/// <summary>Fits clips into beat intervals by a <see cref="ClipFitPolicy"/>.</summary>
internal static class ClipFitter
{
    /// <summary>Decides how a clip of <paramref name="clipLength"/> fills an interval of <paramref name="interval"/>.</summary>
    /// <param name="clipLength">The clip's length, or <see langword="null"/> for a still picture.</param>
    /// <param name="interval">The interval to fill (a segment's visible length, including transition overlaps).</param>
    /// <param name="policy">The policy; <see langword="null"/> for <see cref="ClipFitPolicy.Default"/>.</param>
    /// <param name="activity">For <see cref="InPointMode.MostActive"/>: the clip's motion profile.</param>
    /// <returns>The fit.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive, or the policy is invalid.</exception>
    public static ClipFit Fit(TimeSpan? clipLength, TimeSpan interval, ClipFitPolicy? policy = null, ClipActivity? activity = null)
    {
        policy ??= ClipFitPolicy.Default;
        policy.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(interval));
        if (clipLength is not { } length || length <= TimeSpan.Zero)
        {
            return new ClipFit { Method = FitMethod.Still, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = TimeSpan.Zero, Speed = 0 };
        }

        double ratio = (double)length.Ticks / interval.Ticks;   // speed that plays the whole clip in the interval
        if (ratio >= 1)
        {
            if (policy.SpeedUpToFit && ratio <= 1 + policy.MaxSpeedChange)
            {
                return new ClipFit { Method = FitMethod.SpeedChange, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = length, Speed = ratio };
            }

            TimeSpan spare = length - interval;
            TimeSpan inPoint = policy.InPoint switch
            {
                InPointMode.Centre => TimeSpan.FromTicks(spare.Ticks / 2),
                InPointMode.MostActive when activity is not null => activity.MostActiveStart(interval, spare),
                _ => TimeSpan.Zero,
            };
            return new ClipFit { Method = FitMethod.Trim, Interval = interval, InPoint = inPoint, ClipLength = length, Speed = 1 };
        }

        if (ratio >= 1 - policy.MaxSpeedChange)
        {
            return new ClipFit { Method = FitMethod.SpeedChange, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = length, Speed = ratio };
        }

        if (policy.AllowRetiming && ratio >= policy.MinRetimeSpeed)
        {
            return new ClipFit { Method = FitMethod.Retime, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = length, Speed = ratio };
        }

        FitMethod method = policy.WhenTooShort switch
        {
            ShortClipMode.PingPong => FitMethod.PingPong,
            ShortClipMode.Hold => FitMethod.Hold,
            _ => FitMethod.Loop,
        };
        return new ClipFit { Method = method, Interval = interval, InPoint = TimeSpan.Zero, ClipLength = length, Speed = 1 };
    }
}
