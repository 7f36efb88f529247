namespace VideoKit.Rendering;

/// <summary>A run of output frames: <see cref="Start"/> (0-based) and <see cref="Count"/> frames, ending before <see cref="End"/>.</summary>
public readonly record struct FrameRange
{
    /// <summary>A range of <paramref name="count"/> frames starting at frame <paramref name="start"/>.</summary>
    /// <param name="start">The first frame, 0-based.</param>
    /// <param name="count">How many frames; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or <paramref name="count"/> is less than 1.</exception>
    public FrameRange(long start, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        (Start, Count) = (start, count);
    }

    /// <summary>The first frame, 0-based.</summary>
    public long Start { get; }

    /// <summary>How many frames.</summary>
    public long Count { get; }

    /// <summary>The frame after the last one.</summary>
    public long End => Start + Count;

    /// <summary>Whether <paramref name="frame"/> is in the range.</summary>
    /// <param name="frame">A 0-based frame index.</param>
    /// <returns><see langword="true"/> when <see cref="Start"/> ≤ frame &lt; <see cref="End"/>.</returns>
    public bool Contains(long frame) => frame >= Start && frame < End;

    /// <inheritdoc/>
    public override string ToString() => $"frames {Start}–{End - 1}";
}
