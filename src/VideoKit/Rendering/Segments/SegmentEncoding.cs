namespace VideoKit.Rendering.Segments;

/// <summary>
/// What marks an encode as a segment: its identity in the file's metadata. The key frames come from the grid every
/// render uses (<see cref="KeyframeGrid"/>); the frames encoded before and after the segment to carry the encoder's
/// state across its boundaries are the plan's (<see cref="SegmentPlan.EncodeRange"/>).
/// </summary>
/// <param name="Metadata">The value of the <see cref="MetadataKey"/> tag written into the file.</param>
internal sealed record SegmentEncoding(string Metadata)
{
    /// <summary>The container tag that holds a segment's identity.</summary>
    public const string MetadataKey = "videokit_segment";

    /// <summary>Container options: the identity tag (MP4/MOV need <c>use_metadata_tags</c> to keep it).</summary>
    public IReadOnlyList<string> MetadataArguments => ["-metadata", MetadataKey + "=" + Metadata];
}
