namespace VideoKit;

/// <summary>
/// An effect on the video track's picture from <see cref="Start"/> for <see cref="Duration"/> (drawn after the video
/// track's transitions, under the overlays): a beat edit's onset flashes and zoom punches. Its strength decays linearly
/// from <see cref="Strength"/> on its first frame to 0 after its last.
/// </summary>
public sealed record TimelineEffect
{
    /// <summary>What the effect does.</summary>
    public required TimelineEffectKind Kind { get; init; }

    /// <summary>When it starts.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>How long it lasts.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The strength on the first frame, 0 to 1 (white opacity of a flash, extra zoom of a punch).</summary>
    public float Strength { get; init; } = 0.5f;
}

/// <summary>What a <see cref="TimelineEffect"/> does.</summary>
public enum TimelineEffectKind
{
    /// <summary>A white flash over the picture, fading out.</summary>
    Flash = 0,

    /// <summary>A zoom into the picture's centre (1 + strength) that settles (ease-out).</summary>
    ZoomPunch = 1,
}
