namespace VideoKit.Rendering.Segments;

/// <summary>One segment of a <see cref="SegmentPlan"/>: its number (1 to <paramref name="Count"/>) and its frames.</summary>
/// <param name="Number">1-based position in the plan.</param>
/// <param name="Count">How many segments the plan has.</param>
/// <param name="Frames">The output frames it holds.</param>
public sealed record Segment(int Number, int Count, FrameRange Frames)
{
    /// <inheritdoc/>
    public override string ToString() => $"segment {Number}/{Count} ({Frames})";
}
