namespace VideoKit.Rendering.Segments;

/// <summary>How a <see cref="SegmentPlan"/> splits a video: into a number of segments, or into segments of about a length.</summary>
public readonly record struct SegmentSplit
{
    private SegmentSplit(int count, TimeSpan length) => (Count, Length) = (count, length);

    /// <summary>The number of segments, or 0 when <see cref="Length"/> decides.</summary>
    public int Count { get; }

    /// <summary>The target segment length, or <see cref="TimeSpan.Zero"/> when <see cref="Count"/> decides.</summary>
    public TimeSpan Length { get; }

    /// <summary>Exactly <paramref name="count"/> segments.</summary>
    /// <param name="count">At least 1.</param>
    /// <returns>The split.</returns>
    public static SegmentSplit IntoCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new SegmentSplit(count, TimeSpan.Zero);
    }

    /// <summary>As many segments as it takes for each to be about <paramref name="length"/> long (the last may be shorter).</summary>
    /// <param name="length">More than zero.</param>
    /// <returns>The split.</returns>
    public static SegmentSplit IntoLength(TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        return new SegmentSplit(0, length);
    }

    /// <summary>The number of segments for a video of <paramref name="totalFrames"/> frames.</summary>
    internal int SegmentsFor(long totalFrames, FrameRate rate)
    {
        if (Count > 0)
        {
            return Count;
        }

        long per = Math.Max(1, rate.FrameCountFor(Length));
        return (int)Math.Min(int.MaxValue, (totalFrames + per - 1) / per);
    }

    /// <inheritdoc/>
    public override string ToString() => Count > 0 ? $"{Count} segments" : $"segments of {Length.TotalSeconds:0.###} s";
}
