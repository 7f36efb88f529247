namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Compound meters (6/8, 9/8, 12/8): the beat is a dotted quarter divided in three eighths. The tracker, whose evidence
/// is onset strength, may lock onto the eighths (3 per beat) or onto pairs of eighths (a "quarter", 2 per 3 eighths),
/// because both pulse trains are as regular as the beat. This check reads the mean activation across groups of three
/// tracked beats and recognises the two patterns, plus a ternary subdivision of the tracked beats themselves:
/// <list type="bullet">
/// <item><b>Eighths tracked</b> (beat = 3 tracked beats): one beat of every three carries clearly more onset energy than
/// the other two, and nothing lies between them.</item>
/// <item><b>Pairs of eighths tracked</b> (beat = 1.5 tracked beats): the point halfway through three tracked beats (an
/// off-beat of the tracked grid) is accented like the group's first beat, more than the two tracked beats in between,
/// and the eighths around them are present.</item>
/// <item><b>Ternary subdivision</b> of the tracked beats (beat already the dotted quarter): more onset energy at 1/3 and
/// 2/3 of each beat than at 1/2.</item>
/// </list>
/// In 4/4 or 3/4 music none of these hold on average: groups of three beats drift against a bar of four, and off-beats
/// fall at 1/2. Only a compound (ternary) beat lets the meter estimator consider two beats per bar.
/// </summary>
internal static class CompoundMeter
{
    /// <summary>Factor: by how much the tracked beat period should grow (1, 1.5 or 3); Ternary: the beat is divided in three.</summary>
    internal readonly record struct Result(double Factor, bool Ternary);

    private const int GroupBins = 36;

    /// <summary>How much stronger accented positions must be than the unaccented ones.</summary>
    internal const double Accent = 1.2;

    public static Result Detect(ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, double fps, double minBpm, double maxBpm)
    {
        int n = beatFrames.Length;
        if (n < 12)
        {
            return new Result(1, false);
        }

        double period = (beatFrames[n - 1] - beatFrames[0]) / (double)(n - 1);
        double bpm = 60 * fps / period;
        Span<double> group = stackalloc double[GroupBins];
        int[] every = new int[(n / 3) + 1];
        double bestPair = 0, bestEighth = 0;
        for (int o = 0; o < 3; o++)
        {
            int m = 0;
            for (int k = o; k < n; k += 3)
            {
                every[m++] = beatFrames[k];
            }

            BeatPhase.Profile(activation, every.AsSpan(0, m), group);
            double first = Near(group, 0), second = Near(group, 12), third = Near(group, 24), middle = Near(group, 18);
            double between = Math.Max(1e-6, (second + third) / 2);

            // Pairs of eighths: the group's start and middle are the dotted-quarter beats, accented over the tracked
            // beats at 1/3 and 2/3; the eighths at 1/6 and 5/6 sound, the sixteenths at 1/4 and 3/4 much less,
            // and the eighths between are about as strong as the unaccented tracked beats (all are eighths).
            double eighths = (Near(group, 6) + Near(group, 30)) / 2, sixteenths = (Near(group, 9) + Near(group, 27)) / 2;
            if (middle >= Accent * between && first >= Accent * between && sixteenths < 0.5 * eighths && eighths * 1.5 >= between && eighths <= 1.5 * between)
            {
                bestPair = Math.Max(bestPair, Math.Min(middle, first) / between);
            }

            // Eighths: one beat in three accented, nothing halfway between the tracked beats.
            if (first >= Accent * Math.Max(second, third) && middle < 0.5 * between)
            {
                bestEighth = Math.Max(bestEighth, first / Math.Max(1e-6, Math.Max(second, third)));
            }
        }

        if (bestPair > 0 && bpm / 1.5 >= minBpm)
        {
            return new Result(1.5, true);
        }

        if (bestEighth > 0 && bpm / 3 >= minBpm && bpm / 3 <= maxBpm)
        {
            return new Result(3, true);
        }

        Span<double> profile = stackalloc double[BeatPhase.Bins];
        BeatPhase.Profile(activation, beatFrames, profile);
        double thirds = (Near(profile, 8) + Near(profile, 16)) / 2, half = Near(profile, 12);
        return new Result(1, thirds >= Accent * Math.Max(1e-6, half) && thirds >= 0.2 * Near(profile, 0));
    }

    /// <summary>The largest of the three bins around <paramref name="bin"/> (wrapping).</summary>
    private static double Near(ReadOnlySpan<double> profile, int bin)
    {
        int n = profile.Length;
        return Math.Max(profile[((bin - 1) % n + n) % n], Math.Max(profile[bin % n], profile[(bin + 1) % n]));
    }
}
