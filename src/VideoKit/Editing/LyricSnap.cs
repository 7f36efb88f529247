namespace VideoKit.Editing;

/// <summary>What a lyric cut snaps to.</summary>
public enum LyricSnap
{
    /// <summary>The nearest beat.</summary>
    Beat,

    /// <summary>The nearest downbeat (the first beat of a bar).</summary>
    Downbeat,

    /// <summary>No snapping: the cut is at the line's start.</summary>
    None,
}
