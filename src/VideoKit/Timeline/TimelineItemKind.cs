namespace VideoKit;

/// <summary>What a timeline item shows.</summary>
public enum TimelineItemKind
{
    /// <summary>A still image file.</summary>
    Image = 0,

    /// <summary>A video file, from an in point.</summary>
    Video = 1,

    /// <summary>Any <see cref="Rendering.IFrameSource"/> (a zoom sequence, a retimed clip, a generated picture).</summary>
    Source = 2,
}
