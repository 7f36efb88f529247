namespace VideoKit;

/// <summary>
/// How a video item plays its file: at what speed, what happens when the material runs out, and how much of it a
/// transition may show beyond the item's own frames (its handles). A beat edit gives every segment one of these.
/// </summary>
public sealed record ClipPlayback
{
    /// <summary>Plays at normal speed once, holding the last frame, with no handles.</summary>
    public static ClipPlayback Normal { get; } = new();

    /// <summary>Clip seconds per output second (1 = normal, 0.8 = slowed by 20 %); greater than 0.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>What happens when the material from the in point runs out (default: hold the last frame).</summary>
    public ClipRepeat Repeat { get; init; } = ClipRepeat.None;

    /// <summary>
    /// How long the clip plays before the item's start, under a transition that shows both pictures (the incoming clip
    /// starts this much before its cut). The in point is where this handle begins.
    /// </summary>
    public TimeSpan LeadIn { get; init; }

    /// <summary>How long the clip plays on past the item's end, under the next item's transition.</summary>
    public TimeSpan Tail { get; init; }
}

/// <summary>What a clip does when its material runs out before the item ends.</summary>
public enum ClipRepeat
{
    /// <summary>Hold the last frame.</summary>
    None = 0,

    /// <summary>Play it again from the in point.</summary>
    Loop = 1,

    /// <summary>Play it backwards, then forwards again, and so on (no jump at the turn).</summary>
    PingPong = 2,
}
