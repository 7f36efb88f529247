using System.Collections.Immutable;

namespace VideoKit.Editing;

/// <summary>Where a <see cref="BeatEditor"/> may cut: every N beats, every N bars (on downbeats), or at chosen beats.</summary>
public sealed class CutRule
{
    private CutRule(CutRuleKind kind, int count, int offset, ImmutableArray<int> beatIndices)
    {
        Kind = kind;
        Count = count;
        Offset = offset;
        BeatIndices = beatIndices;
    }

    /// <summary>What the rule counts.</summary>
    public CutRuleKind Kind { get; }

    /// <summary>The number of beats or bars between cuts (0 for <see cref="CutRuleKind.BeatList"/>).</summary>
    public int Count { get; }

    /// <summary>For <see cref="CutRuleKind.Beats"/>: the beats to shift the cut grid by from the first downbeat.</summary>
    public int Offset { get; }

    /// <summary>For <see cref="CutRuleKind.BeatList"/>: the beat indices to cut on, ascending.</summary>
    public IReadOnlyList<int> BeatIndices { get; }

    /// <summary>The interval of the rule in beats for a meter of <paramref name="beatsPerBar"/> (0 for a beat list).</summary>
    /// <param name="beatsPerBar">Beats per bar.</param>
    /// <returns>Beats between nominal cuts.</returns>
    public int IntervalInBeats(int beatsPerBar) => Kind switch
    {
        CutRuleKind.Beats => Count,
        CutRuleKind.Bars => Count * beatsPerBar,
        _ => 0,
    };

    /// <summary>Cut every <paramref name="beats"/> beats, counted from the first downbeat (shifted by <paramref name="offset"/> beats).</summary>
    /// <param name="beats">Beats between cuts, 1 or more.</param>
    /// <param name="offset">Beats to shift the cut grid by (0 cuts on the first downbeat).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beats"/> is less than 1.</exception>
    public static CutRule EveryBeats(int beats, int offset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beats, 1);
        return new CutRule(CutRuleKind.Beats, beats, offset, []);
    }

    /// <summary>Cut every <paramref name="bars"/> bars, on downbeats.</summary>
    /// <param name="bars">Bars between cuts, 1 or more.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bars"/> is less than 1.</exception>
    public static CutRule EveryBars(int bars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        return new CutRule(CutRuleKind.Bars, bars, 0, []);
    }

    /// <summary>Cut on every downbeat (the same as <c>EveryBars(1)</c>).</summary>
    public static CutRule OnDownbeats => EveryBars(1);

    /// <summary>Cut on the listed beats (indices into <see cref="Rhythm.BeatGrid.Beats"/>).</summary>
    /// <param name="beatIndices">Beat indices, 0 or more; duplicates are ignored.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is negative.</exception>
    public static CutRule AtBeats(IEnumerable<int> beatIndices)
    {
        ArgumentNullException.ThrowIfNull(beatIndices);
        ImmutableArray<int> sorted = [.. beatIndices.Distinct().Order()];
        if (sorted.Length > 0 && sorted[0] < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beatIndices), $"Beat index {sorted[0]} is negative; beat indices start at 0.");
        }

        return new CutRule(CutRuleKind.BeatList, 0, 0, sorted);
    }

    /// <summary>A description such as "every 2 beats".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        CutRuleKind.Beats => Count == 1 ? "every beat" : $"every {Count} beats",
        CutRuleKind.Bars => Count == 1 ? "every bar" : $"every {Count} bars",
        _ => $"at {BeatIndices.Count} listed beats",
    };
}

/// <summary>What a <see cref="CutRule"/> counts.</summary>
public enum CutRuleKind
{
    /// <summary>Every N beats.</summary>
    Beats,

    /// <summary>Every N bars, on downbeats.</summary>
    Bars,

    /// <summary>At listed beat indices.</summary>
    BeatList,
}
