namespace VideoKit;

/// <summary>Where a transition lies relative to its cut frame.</summary>
public enum TransitionPlacement
{
    /// <summary>Half before the cut, half after (a crossfade is at 50 % on the beat).</summary>
    Centered,

    /// <summary>Completes on the cut (the incoming clip is fully visible on the beat).</summary>
    EndingAtCut,

    /// <summary>Starts on the cut (a flash or punch hits on the beat).</summary>
    StartingAtCut,
}
