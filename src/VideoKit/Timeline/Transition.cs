using System.Globalization;
using VideoKit.Imaging;

namespace VideoKit;

/// <summary>
/// How a video-track item replaces the picture before it. A transition belongs to the item it leads into and is placed
/// on the cut point (the item's start): its window of <see cref="Duration"/> lies around the cut as
/// <see cref="Placement"/> says (<see cref="TransitionPlacement.Centered"/>: <c>[cut − n/2, cut − n/2 + n)</c> in whole
/// frames), clamped to half of each neighbour, so it never moves an item or shortens the video. Every kind the beat
/// editor uses is here (cut, crossfade, dip to black/white, flash, whip, slide, zoom punch); derive from this class
/// for your own (override <see cref="Compose"/>).
/// </summary>
public abstract class Transition : IEquatable<Transition>
{
    /// <summary>Creates a transition.</summary>
    /// <param name="duration">How long its window lasts (zero for a cut).</param>
    /// <param name="placement">Where the window lies around the cut frame.</param>
    /// <param name="strength">A kind-specific strength, 0 to 1 (flash opacity, punch zoom, whip blur).</param>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative or the strength outside 0–1.</exception>
    protected Transition(TimeSpan duration, TransitionPlacement placement = TransitionPlacement.Centered, float strength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (!(strength is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, "The strength must be between 0 and 1.");
        }

        Duration = duration;
        Placement = placement;
        Strength = strength;
    }

    /// <summary>Creates a transition whose length is given in beats (resolved by the beat editor at the local tempo).</summary>
    private protected Transition(double beats, TransitionPlacement placement, float strength)
        : this(TimeSpan.Zero, placement, strength)
    {
        if (!(beats > 0 && double.IsFinite(beats)))
        {
            throw new ArgumentOutOfRangeException(nameof(beats), beats, "The length in beats must be greater than 0.");
        }

        Beats = beats;
    }

    /// <summary>A hard cut (the default).</summary>
    public static Transition Cut { get; } = new BuiltInTransition(TransitionKind.Cut, TimeSpan.Zero, TransitionPlacement.Centered, 0);

    /// <summary>What the transition does (<see cref="TransitionKind.Custom"/> for a user-defined one).</summary>
    public virtual TransitionKind Kind => TransitionKind.Custom;

    /// <summary>How long the transition lasts (zero for a cut).</summary>
    public TimeSpan Duration { get; }

    /// <summary>Where the window lies relative to the cut frame.</summary>
    public TransitionPlacement Placement { get; }

    /// <summary>A kind-specific strength, 0 to 1.</summary>
    public float Strength { get; }

    /// <summary>
    /// The length in beats at the local tempo, for a transition made by <see cref="CrossfadeBeats"/>; the beat editor
    /// turns it into a <see cref="Duration"/> for each cut. <see langword="null"/> when the length is a time.
    /// </summary>
    public double? Beats { get; }

    /// <summary>True when the picture changes abruptly on the cut frame (a cut, a flash, a zoom punch).</summary>
    public bool IsHardCut => Kind is TransitionKind.Cut or TransitionKind.Flash or TransitionKind.ZoomPunch;

    /// <summary>
    /// True when both pictures show during the window (crossfade, whip, slide, and user-defined ones): the outgoing item
    /// is asked for times past its end, the incoming one for times before its start. False when the window shows one
    /// picture at a time (dips, flash, zoom punch: the outgoing picture before the cut, the incoming one from it).
    /// </summary>
    public virtual bool ShowsBothPictures => true;

    /// <summary>True for a hard cut (no window).</summary>
    public bool IsCut => Kind == TransitionKind.Cut || (Duration <= TimeSpan.Zero && Beats is null);

    /// <summary>A crossfade from the previous picture (or black) to the item.</summary>
    /// <param name="duration">The length of the blend; the timeline checks it is positive and fits both neighbours.</param>
    /// <param name="placement">Where the blend lies around the cut (centred by default).</param>
    /// <returns>The transition.</returns>
    public static Transition Crossfade(TimeSpan duration, TransitionPlacement placement = TransitionPlacement.Centered) =>
        new BuiltInTransition(TransitionKind.Crossfade, duration, placement, 0);

    /// <summary>A crossfade lasting <paramref name="beats"/> beats at the local tempo (for a beat edit: the beat editor
    /// gives each cut its own length; a hand-placed timeline has no tempo and refuses it).</summary>
    /// <param name="beats">The length in beats, greater than 0.</param>
    /// <param name="placement">Where the blend lies around the cut (centred by default).</param>
    /// <returns>The transition.</returns>
    public static Transition CrossfadeBeats(double beats, TransitionPlacement placement = TransitionPlacement.Centered) =>
        new BuiltInTransition(TransitionKind.Crossfade, beats, placement, 0);

    /// <summary>Fades to black, reached on the cut frame, then in from black.</summary>
    /// <param name="duration">The whole dip, out and in.</param>
    /// <returns>The transition.</returns>
    public static Transition DipToBlack(TimeSpan duration) => new BuiltInTransition(TransitionKind.DipToBlack, duration, TransitionPlacement.Centered, 0);

    /// <summary>Fades to white, reached on the cut frame, then in from white.</summary>
    /// <param name="duration">The whole dip, out and in.</param>
    /// <returns>The transition.</returns>
    public static Transition DipToWhite(TimeSpan duration) => new BuiltInTransition(TransitionKind.DipToWhite, duration, TransitionPlacement.Centered, 0);

    /// <summary>A hard cut under a white flash that fades out from <paramref name="strength"/>.</summary>
    /// <param name="duration">How long the flash fades.</param>
    /// <param name="strength">The flash's opacity on the cut frame.</param>
    /// <returns>The transition.</returns>
    public static Transition Flash(TimeSpan duration, float strength = 0.8f) => new BuiltInTransition(TransitionKind.Flash, duration, TransitionPlacement.StartingAtCut, strength);

    /// <summary>A fast horizontal push with a motion blur peaking mid-way.</summary>
    /// <param name="duration">The push.</param>
    /// <returns>The transition.</returns>
    public static Transition Whip(TimeSpan duration) => new BuiltInTransition(TransitionKind.Whip, duration, TransitionPlacement.Centered, 1);

    /// <summary>A horizontal push without blur.</summary>
    /// <param name="duration">The push.</param>
    /// <returns>The transition.</returns>
    public static Transition Slide(TimeSpan duration) => new BuiltInTransition(TransitionKind.Slide, duration, TransitionPlacement.Centered, 0);

    /// <summary>A hard cut into a zoom of 1 + <paramref name="strength"/> that settles (ease-out).</summary>
    /// <param name="duration">How long the zoom settles.</param>
    /// <param name="strength">The zoom on the cut frame, above 1.</param>
    /// <returns>The transition.</returns>
    public static Transition ZoomPunch(TimeSpan duration, float strength = 0.15f) => new BuiltInTransition(TransitionKind.ZoomPunch, duration, TransitionPlacement.StartingAtCut, strength);

    /// <summary>A built-in transition of any kind with the given window.</summary>
    /// <param name="kind">The kind (not <see cref="TransitionKind.Custom"/>).</param>
    /// <param name="duration">The window's length.</param>
    /// <param name="placement">Where the window lies around the cut.</param>
    /// <param name="strength">Flash opacity, punch zoom or whip blur, 0 to 1.</param>
    /// <returns>The transition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is unknown or custom.</exception>
    public static Transition Create(TransitionKind kind, TimeSpan duration, TransitionPlacement placement, float strength) =>
        kind is TransitionKind.Custom || !Enum.IsDefined(kind)
            ? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a built-in transition; derive from Transition for your own.")
            : kind == TransitionKind.Cut ? Cut : new BuiltInTransition(kind, duration, placement, strength);

    /// <summary>The same built-in transition with another placement.</summary>
    /// <param name="placement">Where the window lies around the cut.</param>
    /// <returns>A new transition.</returns>
    /// <exception cref="InvalidOperationException">The transition is user-defined (set its placement in its constructor).</exception>
    public Transition WithPlacement(TransitionPlacement placement) => this is BuiltInTransition b
        ? b.With(Duration, Beats, placement)
        : throw new InvalidOperationException("A user-defined transition sets its placement in its constructor.");

    /// <summary>The same built-in transition lasting <paramref name="duration"/> (a length in beats becomes a time).</summary>
    internal Transition WithDuration(TimeSpan duration) => this is BuiltInTransition b ? b.With(duration, null, Placement) : this;

    /// <summary>The window's length in frames at <paramref name="rate"/>, given the local beat period (0 for a cut).</summary>
    internal long FrameCount(FrameRate rate, TimeSpan beatPeriod)
    {
        if (Kind == TransitionKind.Cut)
        {
            return 0;
        }

        TimeSpan length = Beats is { } beats ? TimeSpan.FromTicks((long)(beatPeriod.Ticks * beats)) : Duration;
        return length <= TimeSpan.Zero ? 0 : Math.Max(1, rate.FrameCountFor(length));
    }

    /// <summary>Parses a built-in kind's name as project files write it (case-insensitive, "-" and "_" ignored).</summary>
    internal static bool TryParseKind(string? name, out TransitionKind kind)
    {
        kind = TransitionKind.Cut;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        string n = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (TransitionKind k in Enum.GetValues<TransitionKind>())
        {
            if (k != TransitionKind.Custom && string.Equals(n, k.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = k;
                return true;
            }
        }

        return false;
    }

    /// <summary>A built-in kind with its default placement and strength (as its factory gives it).</summary>
    internal static Transition Default(TransitionKind kind, TimeSpan duration) => kind switch
    {
        TransitionKind.Cut => Cut,
        TransitionKind.Crossfade => Crossfade(duration),
        TransitionKind.DipToBlack => DipToBlack(duration),
        TransitionKind.DipToWhite => DipToWhite(duration),
        TransitionKind.Flash => Flash(duration),
        TransitionKind.Whip => Whip(duration),
        TransitionKind.Slide => Slide(duration),
        TransitionKind.ZoomPunch => ZoomPunch(duration),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a built-in transition."),
    };

    /// <summary>Draws one frame of the transition.</summary>
    /// <param name="frame">Where this frame lies in the window.</param>
    /// <param name="outgoing">The previous item's picture (black after a gap); when <see cref="ShowsBothPictures"/> is
    /// false it is only drawn before the cut frame, and is the incoming picture from it.</param>
    /// <param name="incoming">The item's picture (see <paramref name="outgoing"/>).</param>
    /// <param name="destination">The output, the same size; never one of the inputs.</param>
    public abstract void Compose(TransitionFrame frame, Frame outgoing, Frame incoming, Frame destination);

    /// <summary>The window's frames before and after the cut frame, for a window of <paramref name="frames"/> frames.</summary>
    /// <param name="frames">The window's length in frames.</param>
    /// <returns>Frames before the cut and from it.</returns>
    public (long Before, long After) Split(long frames) => Placement switch
    {
        TransitionPlacement.EndingAtCut => (frames, 0L),
        TransitionPlacement.StartingAtCut => (0L, frames),
        _ => (frames / 2, frames - (frames / 2)),
    };

    /// <inheritdoc/>
    public virtual bool Equals(Transition? other) =>
        other is not null && other.GetType() == GetType() && other.Kind == Kind && other.Duration == Duration && other.Placement == Placement && other.Strength == Strength && other.Beats == Beats;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Transition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GetType(), Kind, Duration, Placement, Strength, Beats);

    /// <summary>"cut" or "crossfade 0.5 s".</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Kind == TransitionKind.Cut
        ? "cut"
        : Beats is { } beats
            ? string.Create(CultureInfo.InvariantCulture, $"{char.ToLowerInvariant(Kind.ToString()[0])}{Kind.ToString()[1..]} {beats:0.###} beats")
            : string.Create(CultureInfo.InvariantCulture, $"{char.ToLowerInvariant(Kind.ToString()[0])}{Kind.ToString()[1..]} {Duration.TotalSeconds:0.###} s");
}

/// <summary>Where one output frame lies in a transition's window (all in output frame indices).</summary>
/// <param name="Frame">The frame being drawn.</param>
/// <param name="CutFrame">The cut frame: the incoming item's first frame.</param>
/// <param name="StartFrame">The window's first frame.</param>
/// <param name="EndFrame">The frame after the window's last.</param>
public readonly record struct TransitionFrame(long Frame, long CutFrame, long StartFrame, long EndFrame)
{
    /// <summary>The progress through the window, (frame − start + ½) / length: the one blend-weight rule.</summary>
    public double Progress => (Frame - StartFrame + 0.5) / Math.Max(1, EndFrame - StartFrame);
}
