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

    /// <summary>For <see cref="CutRuleKind.Lyrics"/>: when each lyric line starts, in order.</summary>
    public ImmutableArray<TimeSpan> LineStarts { get; private init; } = [];

    /// <summary>For <see cref="CutRuleKind.Lyrics"/>: what the cuts snap to.</summary>
    public LyricSnap Snap { get; private init; }

    /// <summary>For <see cref="CutRuleKind.Lyrics"/>: how far a cut may move from its line's start to reach a beat.</summary>
    public TimeSpan Tolerance { get; private init; }

    /// <summary>One clip per lyric line: cut at each line's start, snapped to the nearest beat or downbeat within
    /// <paramref name="tolerance"/> (never further), so the picture changes with the words and on the music.</summary>
    /// <param name="lineStarts">When each line starts (ascending), on the song's clock.</param>
    /// <param name="snap">What to snap to.</param>
    /// <param name="tolerance">How far a cut may move from its line's start (0 to 2 s).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative or above 2 s, or the starts are not ascending.</exception>
    public static CutRule AtLyrics(IEnumerable<TimeSpan> lineStarts, LyricSnap snap = LyricSnap.Beat, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(lineStarts);
        TimeSpan tol = tolerance ?? TimeSpan.FromSeconds(0.25);
        if (tol < TimeSpan.Zero || tol > TimeSpan.FromSeconds(2))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), FormattableString.Invariant($"The snap tolerance {tol.TotalSeconds:0.###} s must be 0 to 2 s."));
        }

        ImmutableArray<TimeSpan> starts = [.. lineStarts];
        for (int i = 1; i < starts.Length; i++)
        {
            if (starts[i] <= starts[i - 1])
            {
                throw new ArgumentOutOfRangeException(nameof(lineStarts), FormattableString.Invariant($"Lyric line {i + 1} starts at {starts[i].TotalSeconds:0.###} s, not after line {i} ({starts[i - 1].TotalSeconds:0.###} s)."));
            }
        }

        return new CutRule(CutRuleKind.Lyrics, 0, 0, []) { LineStarts = starts, Snap = snap, Tolerance = tol };
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
        CutRuleKind.Lyrics => $"at {LineStarts.Length} lyric lines",
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

    /// <summary>At lyric lines, snapped to beats.</summary>
    Lyrics,
}
