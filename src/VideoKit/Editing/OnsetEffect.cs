namespace VideoKit.Editing;

/// <summary>
/// An effect fired on beats that carry a strong onset (a kick, a hit): a white flash or a zoom punch whose strength
/// follows the onset envelope. Needs a grid with an onset envelope (from analysis); a grid read from a file has none.
/// </summary>
public sealed class OnsetEffect
{
    /// <summary>The effect.</summary>
    public OnsetEffectKind Kind { get; init; } = OnsetEffectKind.Flash;

    /// <summary>A beat fires when its onset peak is at least this fraction of the song's strongest beat onset (default 0.7).</summary>
    public double Threshold { get; init; } = 0.7;

    /// <summary>The strength of the strongest hit: white opacity for a flash, extra scale for a punch (default 0.5).</summary>
    public float MaxStrength { get; init; } = 0.5f;

    /// <summary>How long each effect decays (default 150 ms).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The shortest time between two effects (default 250 ms).</summary>
    public TimeSpan MinSpacing { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether beats that already have a cut may fire too (default false).</summary>
    public bool IncludeCutBeats { get; init; }

    internal void Validate()
    {
        if (!(Threshold is >= 0 and <= 1) || !(MaxStrength is >= 0 and <= 1) || Duration <= TimeSpan.Zero || MinSpacing < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), "OnsetEffect needs Threshold and MaxStrength in [0, 1], a positive Duration and a non-negative MinSpacing.");
        }
    }
}

/// <summary>The kinds of <see cref="OnsetEffect"/>.</summary>
public enum OnsetEffectKind
{
    /// <summary>A white flash fading out.</summary>
    Flash,

    /// <summary>A zoom in that settles.</summary>
    ZoomPunch,
}
