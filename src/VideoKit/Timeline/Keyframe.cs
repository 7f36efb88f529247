namespace VideoKit;

/// <summary>A value at a time (relative to the item's start), and how it moves on to the next keyframe.</summary>
/// <param name="Time">When the value is reached, from the item's start.</param>
/// <param name="Value">The value.</param>
/// <param name="Easing">How the value moves from here to the next keyframe.</param>
public readonly record struct Keyframe(TimeSpan Time, double Value, Easing Easing = Easing.Linear);
