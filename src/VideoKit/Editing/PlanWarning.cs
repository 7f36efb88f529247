namespace VideoKit.Editing;

/// <summary>What a planner warning is about.</summary>
internal enum PlanWarningKind
{
    /// <summary>A listed beat index is past the grid's last beat.</summary>
    BeatPastEnd,

    /// <summary>A listed beat is before the section's start or after its end.</summary>
    BeatOutsideSection,

    /// <summary>A listed beat would leave a segment shorter than the minimum.</summary>
    CutTooClose,

    /// <summary>A density was given with a list of beats.</summary>
    DensityWithList,

    /// <summary>The grid has no beats.</summary>
    NoBeats,

    /// <summary>A density was given but the grid has no onset envelope.</summary>
    DensityNeedsOnsets,

    /// <summary>An onset effect was given but the grid has no onset envelope.</summary>
    EffectNeedsOnsets,

    /// <summary>A lyric line gets no cut of its own (no clip left for it, or too close to the cut before).</summary>
    LyricLine,
}

/// <summary>A planner warning: its kind, the beat it is about (or -1), and the library's wording.</summary>
internal readonly record struct PlanWarning(PlanWarningKind Kind, int Beat, string Message);
