using System.Globalization;

namespace VideoKit.Editing;

/// <summary>
/// How one segment gives way to the next at a cut. The cut point is on the beat and a transition never shortens the
/// timeline: a crossfade of length d overlaps the neighbouring segments (the outgoing clip plays on past the cut, the
/// incoming one starts early) instead of consuming time, so every later cut stays on its beat.
/// </summary>
public sealed class EditTransition
{
    private EditTransition(EditTransitionKind kind, TimeSpan? duration, double beats, TransitionPlacement placement, float strength)
    {
        Kind = kind;
        Duration = duration;
        Beats = beats;
        Placement = placement;
        Strength = strength;
    }

    /// <summary>The kind of transition.</summary>
    public EditTransitionKind Kind { get; }

    /// <summary>The fixed length of the transition, or <see langword="null"/> when it is given in <see cref="Beats"/>.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The length in beats (at the local tempo) when <see cref="Duration"/> is <see langword="null"/>.</summary>
    public double Beats { get; }

    /// <summary>Where the transition lies relative to the cut frame.</summary>
    public TransitionPlacement Placement { get; }

    /// <summary>The intensity of a flash (white opacity) or zoom punch (extra scale), 0 to 1.</summary>
    public float Strength { get; }

    /// <summary>True when the picture changes abruptly on the cut frame (a cut, a flash, a zoom punch).</summary>
    public bool IsHardCut => Kind is EditTransitionKind.Cut or EditTransitionKind.Flash or EditTransitionKind.ZoomPunch;

    /// <summary>A hard cut.</summary>
    public static EditTransition Cut { get; } = new(EditTransitionKind.Cut, TimeSpan.Zero, 0, TransitionPlacement.Centered, 0);

    /// <summary>A crossfade of a fixed length, centred on the cut by default.</summary>
    /// <param name="duration">The length of the fade.</param>
    /// <param name="placement">Where the fade lies relative to the cut.</param>
    /// <returns>The transition.</returns>
    public static EditTransition Crossfade(TimeSpan duration, TransitionPlacement placement = TransitionPlacement.Centered) =>
        Create(EditTransitionKind.Crossfade, duration, 0, placement, 0);

    /// <summary>A crossfade lasting <paramref name="beats"/> beats at the local tempo.</summary>
    /// <param name="beats">The length in beats, greater than 0.</param>
    /// <param name="placement">Where the fade lies relative to the cut.</param>
    /// <returns>The transition.</returns>
    public static EditTransition CrossfadeBeats(double beats, TransitionPlacement placement = TransitionPlacement.Centered) =>
        Create(EditTransitionKind.Crossfade, null, beats, placement, 0);

    /// <summary>A dip to black: the outgoing clip fades to black, which is reached on the cut, then the next fades in.</summary>
    /// <param name="duration">The whole length of the dip.</param>
    /// <returns>The transition.</returns>
    public static EditTransition DipToBlack(TimeSpan duration) => Create(EditTransitionKind.DipToBlack, duration, 0, TransitionPlacement.Centered, 0);

    /// <summary>A dip to white, reached on the cut.</summary>
    /// <param name="duration">The whole length of the dip.</param>
    /// <returns>The transition.</returns>
    public static EditTransition DipToWhite(TimeSpan duration) => Create(EditTransitionKind.DipToWhite, duration, 0, TransitionPlacement.Centered, 0);

    /// <summary>A hard cut under a white flash that starts on the cut and fades out.</summary>
    /// <param name="duration">How long the flash takes to fade.</param>
    /// <param name="strength">The white opacity on the cut frame, 0 to 1.</param>
    /// <returns>The transition.</returns>
    public static EditTransition Flash(TimeSpan duration, float strength = 0.8f) => Create(EditTransitionKind.Flash, duration, 0, TransitionPlacement.StartingAtCut, strength);

    /// <summary>A whip pan: the outgoing clip slides out and the incoming one slides in, smeared by motion blur, centred on the cut.</summary>
    /// <param name="duration">The length of the whip.</param>
    /// <returns>The transition.</returns>
    public static EditTransition Whip(TimeSpan duration) => Create(EditTransitionKind.Whip, duration, 0, TransitionPlacement.Centered, 1);

    /// <summary>A slide: the incoming clip pushes the outgoing one out to the left, centred on the cut.</summary>
    /// <param name="duration">The length of the slide.</param>
    /// <returns>The transition.</returns>
    public static EditTransition Slide(TimeSpan duration) => Create(EditTransitionKind.Slide, duration, 0, TransitionPlacement.Centered, 0);

    /// <summary>A hard cut whose incoming clip starts zoomed in and settles back to normal scale.</summary>
    /// <param name="duration">How long the zoom takes to settle.</param>
    /// <param name="strength">The extra scale on the cut frame (0.15 = 115 %).</param>
    /// <returns>The transition.</returns>
    public static EditTransition ZoomPunch(TimeSpan duration, float strength = 0.15f) => Create(EditTransitionKind.ZoomPunch, duration, 0, TransitionPlacement.StartingAtCut, strength);

    /// <summary>A transition by kind name ("cut", "crossfade", "dipToBlack", "dipToWhite", "flash", "whip", "slide", "zoomPunch").</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="duration">The length (ignored for a cut).</param>
    /// <returns>The transition with default placement and strength.</returns>
    public static EditTransition Create(EditTransitionKind kind, TimeSpan duration) => kind switch
    {
        EditTransitionKind.Cut => Cut,
        EditTransitionKind.Crossfade => Crossfade(duration),
        EditTransitionKind.DipToBlack => DipToBlack(duration),
        EditTransitionKind.DipToWhite => DipToWhite(duration),
        EditTransitionKind.Flash => Flash(duration),
        EditTransitionKind.Whip => Whip(duration),
        EditTransitionKind.Slide => Slide(duration),
        EditTransitionKind.ZoomPunch => ZoomPunch(duration),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transition kind."),
    };

    /// <summary>The same transition with another placement.</summary>
    /// <param name="placement">Where the transition lies relative to the cut.</param>
    /// <returns>A new transition.</returns>
    public EditTransition WithPlacement(TransitionPlacement placement) => new(Kind, Duration, Beats, placement, Strength);

    /// <summary>Parses a kind name as the project file writes it (case-insensitive).</summary>
    /// <param name="name">"cut", "crossfade", "dipToBlack", "dipToWhite", "flash", "whip", "slide" or "zoomPunch".</param>
    /// <param name="kind">The kind, when the name is known.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParseKind(string? name, out EditTransitionKind kind)
    {
        kind = EditTransitionKind.Cut;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        string n = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (EditTransitionKind k in Enum.GetValues<EditTransitionKind>())
        {
            if (string.Equals(n, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        return false;
    }

    /// <summary>The length of this transition in frames at <paramref name="rate"/>, given the local beat period.</summary>
    internal long FrameCount(FrameRate rate, TimeSpan beatPeriod)
    {
        if (Kind == EditTransitionKind.Cut)
        {
            return 0;
        }

        TimeSpan length = Duration ?? TimeSpan.FromTicks((long)(beatPeriod.Ticks * Beats));
        return Math.Max(1, rate.FrameCountFor(length));
    }

    /// <summary>A description such as "crossfade 0.5 s".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind == EditTransitionKind.Cut
        ? "cut"
        : Duration is { } d
            ? string.Create(CultureInfo.InvariantCulture, $"{Kind} {d.TotalSeconds:0.###} s")
            : string.Create(CultureInfo.InvariantCulture, $"{Kind} {Beats:0.###} beats");

    private static EditTransition Create(EditTransitionKind kind, TimeSpan? duration, double beats, TransitionPlacement placement, float strength)
    {
        if (duration is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(d, TimeSpan.Zero, nameof(duration));
        }
        else
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(beats, 0, nameof(beats));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(strength, 0f, nameof(strength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(strength, 1f, nameof(strength));
        return new EditTransition(kind, duration, beats, placement, strength);
    }
}

/// <summary>The kinds of <see cref="EditTransition"/>.</summary>
public enum EditTransitionKind
{
    /// <summary>A hard cut.</summary>
    Cut,

    /// <summary>A linear mix from the outgoing to the incoming clip.</summary>
    Crossfade,

    /// <summary>Fade to black then from black.</summary>
    DipToBlack,

    /// <summary>Fade to white then from white.</summary>
    DipToWhite,

    /// <summary>A hard cut under a fading white flash.</summary>
    Flash,

    /// <summary>A fast horizontal push with motion blur.</summary>
    Whip,

    /// <summary>A horizontal push without blur.</summary>
    Slide,

    /// <summary>A hard cut into a zoom that settles.</summary>
    ZoomPunch,
}
