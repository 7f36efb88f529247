namespace VideoKit;

/// <summary>The kinds of transition into a timeline item.</summary>
public enum TransitionKind
{
    /// <summary>A hard cut: the previous picture is replaced at the item's first frame.</summary>
    Cut = 0,

    /// <summary>A linear blend from the previous picture (or black) to the item.</summary>
    Crossfade = 1,

    /// <summary>Fades the previous picture to black (reached on the cut frame), then the item in from black.</summary>
    DipToBlack = 2,

    /// <summary>Fades the previous picture to white, then the item in from white.</summary>
    DipToWhite = 3,

    /// <summary>A hard cut under a white flash that fades out (starts on the cut by default).</summary>
    Flash = 4,

    /// <summary>A fast horizontal push with a motion blur peaking mid-way.</summary>
    Whip = 5,

    /// <summary>A horizontal push without blur.</summary>
    Slide = 6,

    /// <summary>A hard cut into a zoom that settles (starts on the cut by default).</summary>
    ZoomPunch = 7,

    /// <summary>A user-defined transition (a subclass of <see cref="Transition"/>).</summary>
    Custom = 100,
}
