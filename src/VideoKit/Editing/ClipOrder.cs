namespace VideoKit.Editing;

/// <summary>Which clip fills each segment: in the order given, shuffled with a seed, or chosen by a callback.</summary>
public sealed class ClipOrder
{
    private readonly Func<ClipChoice, int>? _chooser;

    private ClipOrder(ClipOrderKind kind, int seed, Func<ClipChoice, int>? chooser)
    {
        Kind = kind;
        Seed = seed;
        _chooser = chooser;
    }

    /// <summary>How the order is made.</summary>
    public ClipOrderKind Kind { get; }

    /// <summary>The seed of a shuffled order.</summary>
    public int Seed { get; }

    /// <summary>Clips in the order given, starting again from the first when they run out.</summary>
    public static ClipOrder AsGiven { get; } = new(ClipOrderKind.AsGiven, 0, null);

    /// <summary>
    /// Clips in a seeded random order: every clip is used once before any repeats, and no clip follows itself across
    /// the start of a new round (so every cut changes the picture when there are two clips or more).
    /// </summary>
    /// <param name="seed">The seed; the same seed gives the same order.</param>
    /// <returns>The order.</returns>
    public static ClipOrder Shuffled(int seed) => new(ClipOrderKind.Shuffled, seed, null);

    /// <summary>Clips chosen by a callback, given the segment to fill.</summary>
    /// <param name="chooser">Returns a clip index in [0, ClipCount) for each segment.</param>
    /// <returns>The order.</returns>
    public static ClipOrder Custom(Func<ClipChoice, int> chooser)
    {
        ArgumentNullException.ThrowIfNull(chooser);
        return new ClipOrder(ClipOrderKind.Custom, 0, chooser);
    }

    internal int[] Assign(IReadOnlyList<ClipChoice> segments, int clipCount)
    {
        int[] result = new int[segments.Count];
        switch (Kind)
        {
            case ClipOrderKind.AsGiven:
                for (int i = 0; i < result.Length; i++)
                {
                    result[i] = i % clipCount;
                }

                break;
            case ClipOrderKind.Shuffled:
                var random = new Random(Seed);
                int[] round = new int[clipCount];
                int used = clipCount;
                int previous = -1;
                for (int i = 0; i < result.Length; i++)
                {
                    if (used == clipCount)
                    {
                        for (int k = 0; k < clipCount; k++)
                        {
                            round[k] = k;
                        }

                        random.Shuffle(round);
                        if (clipCount > 1 && round[0] == previous)
                        {
                            (round[0], round[^1]) = (round[^1], round[0]);
                        }

                        used = 0;
                    }

                    result[i] = previous = round[used++];
                }

                break;
            default:
                int last = -1;
                for (int i = 0; i < result.Length; i++)
                {
                    int chosen = _chooser!(segments[i] with { PreviousClip = last });
                    if ((uint)chosen >= (uint)clipCount)
                    {
                        throw new InvalidOperationException($"The clip-order callback chose clip {chosen} for segment {i}; it must return an index from 0 to {clipCount - 1}.");
                    }

                    result[i] = last = chosen;
                }

                break;
        }

        return result;
    }
}

/// <summary>How a <see cref="ClipOrder"/> is made.</summary>
public enum ClipOrderKind
{
    /// <summary>In the order given.</summary>
    AsGiven,

    /// <summary>Shuffled with a seed.</summary>
    Shuffled,

    /// <summary>Chosen by a callback.</summary>
    Custom,
}

/// <summary>What a <see cref="ClipOrder.Custom"/> callback knows about the segment it fills.</summary>
/// <param name="SegmentIndex">The segment, from 0.</param>
/// <param name="SegmentCount">The number of segments in the plan.</param>
/// <param name="ClipCount">The number of clips to choose from.</param>
/// <param name="Start">When the segment starts in the output.</param>
/// <param name="Duration">How long the segment lasts.</param>
/// <param name="PreviousClip">The clip chosen for the previous segment, or -1 for the first.</param>
public readonly record struct ClipChoice(int SegmentIndex, int SegmentCount, int ClipCount, TimeSpan Start, TimeSpan Duration, int PreviousClip);
