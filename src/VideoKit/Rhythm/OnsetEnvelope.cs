namespace VideoKit.Rhythm;

/// <summary>
/// An onset-strength curve: how strongly new sounds start at each moment, sampled at a fixed rate and normalised so the
/// song's strong onsets are near 1.
/// </summary>
public sealed class OnsetEnvelope
{
    private readonly float[] _values;

    /// <summary>Wraps onset-strength samples.</summary>
    /// <param name="values">Non-negative strengths, one per frame.</param>
    /// <param name="framesPerSecond">The sampling rate of <paramref name="values"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive.</exception>
    public OnsetEnvelope(ReadOnlySpan<float> values, double framesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        _values = values.ToArray();
        FramesPerSecond = framesPerSecond;
    }

    /// <summary>Samples per second.</summary>
    public double FramesPerSecond { get; }

    /// <summary>The strengths, one per frame.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The length the envelope covers.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(_values.Length / FramesPerSecond);

    /// <summary>The strength at a time, linearly interpolated; 0 outside the envelope.</summary>
    /// <param name="time">A time from the start of the song.</param>
    /// <returns>The onset strength.</returns>
    public float StrengthAt(TimeSpan time)
    {
        double position = time.TotalSeconds * FramesPerSecond;
        if (!(position >= 0) || position > _values.Length - 1 || _values.Length == 0)
        {
            return 0;
        }

        int i = (int)position;
        if (i >= _values.Length - 1)
        {
            return _values[^1];
        }

        float f = (float)(position - i);
        return (_values[i] * (1 - f)) + (_values[i + 1] * f);
    }

    /// <summary>The largest strength within a window around a time (useful to ask "is there a strong onset near this beat").</summary>
    /// <param name="time">The centre of the window.</param>
    /// <param name="halfWidth">Half the window's width.</param>
    /// <returns>The peak strength in the window.</returns>
    public float PeakNear(TimeSpan time, TimeSpan halfWidth)
    {
        int from = Math.Max(0, (int)Math.Floor((time - halfWidth).TotalSeconds * FramesPerSecond));
        int to = Math.Min(_values.Length - 1, (int)Math.Ceiling((time + halfWidth).TotalSeconds * FramesPerSecond));
        float peak = 0;
        for (int i = from; i <= to; i++)
        {
            peak = Math.Max(peak, _values[i]);
        }

        return peak;
    }
}
