using System.Collections.Immutable;
using System.Globalization;

namespace VideoKit;

/// <summary>
/// A number that is either constant or follows keyframes (each with its <see cref="Easing"/>): an overlay's opacity,
/// scale, rotation or position. Before the first keyframe it holds the first value, after the last the last value.
/// Immutable. A <see cref="double"/> converts to a constant implicitly, so <c>Opacity = 0.8</c> works.
/// </summary>
public sealed class AnimatedValue : IEquatable<AnimatedValue>
{
    private readonly ImmutableArray<Keyframe> _keys;

    private AnimatedValue(ImmutableArray<Keyframe> keys) => _keys = keys;

    /// <summary>The keyframes, ordered by time (one for a constant).</summary>
    public IReadOnlyList<Keyframe> Keyframes => _keys;

    /// <summary>True when the value never changes.</summary>
    public bool IsConstant => _keys.Length == 1;

    /// <summary>A value that never changes.</summary>
    /// <param name="value">The value (finite).</param>
    /// <returns>The constant.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public static AnimatedValue Constant(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An animated value must be finite.");
        }

        return new([new Keyframe(TimeSpan.Zero, value)]);
    }

    /// <summary>A value that follows keyframes (given in any order; times must differ).</summary>
    /// <param name="keyframes">At least one keyframe.</param>
    /// <returns>The animated value.</returns>
    /// <exception cref="ArgumentException">No keyframes, two at the same time, or a value that is not finite.</exception>
    public static AnimatedValue FromKeyframes(IEnumerable<Keyframe> keyframes)
    {
        ArgumentNullException.ThrowIfNull(keyframes);
        Keyframe[] keys = [.. keyframes.OrderBy(k => k.Time)];
        if (keys.Length == 0)
        {
            throw new ArgumentException("An animated value needs at least one keyframe.", nameof(keyframes));
        }

        for (int i = 0; i < keys.Length; i++)
        {
            if (!double.IsFinite(keys[i].Value))
            {
                throw new ArgumentException($"Keyframe {i} has a value that is not finite ({keys[i].Value}).", nameof(keyframes));
            }

            if (i > 0 && keys[i].Time == keys[i - 1].Time)
            {
                throw new ArgumentException($"Two keyframes are at the same time ({keys[i].Time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s).", nameof(keyframes));
            }
        }

        return new([.. keys]);
    }

    /// <summary>A constant.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator AnimatedValue(double value) => Constant(value);

    /// <summary>The smallest value any keyframe takes.</summary>
    public double Minimum => _keys.Min(k => k.Value);

    /// <summary>The largest value any keyframe takes.</summary>
    public double Maximum => _keys.Max(k => k.Value);

    /// <summary>The value at <paramref name="time"/> from the item's start.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The value, eased between the surrounding keyframes.</returns>
    public double ValueAt(TimeSpan time)
    {
        if (_keys.Length == 1 || time <= _keys[0].Time)
        {
            return _keys[0].Value;
        }

        for (int i = 1; i < _keys.Length; i++)
        {
            if (time < _keys[i].Time)
            {
                Keyframe a = _keys[i - 1];
                Keyframe b = _keys[i];
                double u = (time - a.Time).Ticks / (double)(b.Time - a.Time).Ticks;
                return a.Value + ((b.Value - a.Value) * Ease(a.Easing, u));
            }
        }

        return _keys[^1].Value;
    }

    /// <summary>Applies an easing curve to a progress from 0 to 1.</summary>
    /// <param name="easing">The curve.</param>
    /// <param name="u">The linear progress, 0 to 1.</param>
    /// <returns>The eased progress, 0 to 1.</returns>
    public static double Ease(Easing easing, double u)
    {
        u = Math.Clamp(u, 0, 1);
        return easing switch
        {
            Easing.EaseIn => u * u,
            Easing.EaseOut => 1 - ((1 - u) * (1 - u)),
            Easing.EaseInOut => u * u * (3 - (2 * u)),
            Easing.Hold => 0,
            _ => u,
        };
    }

    /// <inheritdoc/>
    public bool Equals(AnimatedValue? other) => other is not null && _keys.SequenceEqual(other._keys);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AnimatedValue);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (Keyframe k in _keys)
        {
            hash.Add(k);
        }

        return hash.ToHashCode();
    }

    /// <summary>"0.8" or "3 keyframes".</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => IsConstant
        ? _keys[0].Value.ToString("0.###", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{_keys.Length} keyframes");
}
