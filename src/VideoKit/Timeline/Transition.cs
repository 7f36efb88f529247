using System.Globalization;

namespace VideoKit;

/// <summary>
/// How a timeline item replaces what was on screen before it. A transition is defined on the cut point (the item's
/// start): a crossfade of duration <c>d</c> runs from <c>start - d/2</c> to <c>start + d/2</c>, so it never changes
/// where items sit or how long the video is.
/// </summary>
public sealed class Transition : IEquatable<Transition>
{
    private Transition(TransitionKind kind, TimeSpan duration)
    {
        Kind = kind;
        Duration = duration;
    }

    /// <summary>A hard cut (the default).</summary>
    public static Transition Cut { get; } = new(TransitionKind.Cut, TimeSpan.Zero);

    /// <summary>What the transition does.</summary>
    public TransitionKind Kind { get; }

    /// <summary>How long the transition lasts, centred on the cut point (zero for a cut).</summary>
    public TimeSpan Duration { get; }

    /// <summary>A crossfade from the previous picture (or black) to the item, centred on the item's start.</summary>
    /// <param name="duration">The length of the blend; the timeline checks it is positive and fits both neighbours.</param>
    /// <returns>The transition.</returns>
    public static Transition Crossfade(TimeSpan duration) => new(TransitionKind.Crossfade, duration);

    /// <inheritdoc/>
    public bool Equals(Transition? other) => other is not null && other.Kind == Kind && other.Duration == Duration;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Transition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Duration);

    /// <summary>"cut" or "crossfade 0.5 s".</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Kind == TransitionKind.Cut
        ? "cut"
        : string.Create(CultureInfo.InvariantCulture, $"crossfade {Duration.TotalSeconds:0.###} s");
}
