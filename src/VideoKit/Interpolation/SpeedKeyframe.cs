namespace VideoKit.Interpolation;

/// <summary>A point of a speed ramp: at output time <see cref="Time"/> the source plays at <see cref="Speed"/>× its own rate.</summary>
public readonly record struct SpeedKeyframe
{
    /// <summary>Creates a keyframe.</summary>
    /// <param name="time">The output time (from the start of the retimed clip), not negative.</param>
    /// <param name="speed">The playback speed there: 1 = normal, 0.5 = half speed (slow motion), 2 = double; in [0.01, 100].</param>
    /// <exception cref="ArgumentOutOfRangeException">The time is negative or the speed is outside [0.01, 100].</exception>
    public SpeedKeyframe(TimeSpan time, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(time, TimeSpan.Zero);
        SpeedCurve.CheckSpeed(speed, nameof(speed));
        Time = time;
        Speed = speed;
    }

    /// <summary>The output time of the keyframe.</summary>
    public TimeSpan Time { get; }

    /// <summary>The playback speed at that time.</summary>
    public double Speed { get; }
}
