namespace VideoKit;

/// <summary>The kinds of transition into a timeline item.</summary>
public enum TransitionKind
{
    /// <summary>A hard cut: the previous picture is replaced at the item's first frame.</summary>
    Cut = 0,

    /// <summary>A linear blend from the previous picture (or black) to the item, centred on the cut point.</summary>
    Crossfade = 1,
}
