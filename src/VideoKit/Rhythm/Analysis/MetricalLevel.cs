namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Chooses the metrical level of a tracked grid the way listeners do: among the tracked tempo, half and double, the
/// level with the highest log-score
/// <c>−½ (log₂(bpm / 120) / σ_tempo)² − ½ (log₂(onsets per beat / 2) / σ_density)² + w · log(support)</c>:
/// a log-normal tempo preference centred near 120 BPM (Moelants &amp; McKinney), a preference for about two note
/// onsets per beat (the beat is rarely the fastest pulse, nor slower than a bar's worth of notes: a fast piece tracked
/// at half tempo shows four or more onsets per tracked beat, a slow one tracked at double tempo fewer than one), and
/// the onset support of the candidate grid (mean activation at its beats: the midpoints a doubled grid adds must
/// carry onsets, and a halved grid keeps its stronger phase), plus <see cref="RhythmTuning.LevelBackbeatWeight"/> ×
/// the candidate's backbeat alternation (<see cref="Backbeat"/>: kick and snare registers taking turns from beat to
/// beat, which happens at the tactus only). The tempo term is absolute and moves with the song's tempo; the other
/// three are counted in beats and do not.
/// </summary>
internal static class MetricalLevel
{
    /// <summary>One candidate level: the factor applied to the tracked tempo and its log-score.</summary>
    internal readonly record struct Candidate(double Factor, double Bpm, double Score);

    /// <summary>Receives the candidates' features (diagnostics for the evaluation command).</summary>
    internal static Action<string>? Trace { get; set; }

    /// <summary>The kick-register (&lt; 120 Hz) and middle-register (150–2000 Hz) onset fluxes for the backbeat evidence,
    /// or null when <see cref="RhythmTuning.LevelBackbeatWeight"/> is 0.</summary>
    public static (float[] Kick, float[] Middle)? Registers(Spectrogram spectrogram, RhythmTuning tuning)
    {
        if (tuning.LevelBackbeatWeight == 0)
        {
            return null;
        }

        return (spectrogram.BandFlux(0, spectrogram.BandsBelow(120)), spectrogram.BandFlux(spectrogram.BandsBelow(150), spectrogram.BandsBelow(2000)));
    }

    /// <summary>Scores the tracked tempo (factor 1), half (0.5) and double (2) within [minBpm, maxBpm].</summary>
    public static Candidate[] Score(ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames, double fps, double onsetRate, double minBpm, double maxBpm, RhythmTuning tuning, (float[] Kick, float[] Middle)? registers = null)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return [];
        }

        double bpm = 60 * fps * (n - 1) / (beatFrames[^1] - beatFrames[0]);
        double onBeats = 0, midpoints = 0, even = 0, odd = 0;
        for (int k = 0; k < n; k++)
        {
            double a = Peak(activation, beatFrames[k]);
            onBeats += a;
            if (k % 2 == 0)
            {
                even += a;
            }
            else
            {
                odd += a;
            }

            if (k + 1 < n)
            {
                midpoints += Peak(activation, (beatFrames[k] + beatFrames[k + 1]) / 2);
            }
        }

        double mean = Math.Max(1e-3, onBeats / n);
        double doubled = Math.Max(1e-3, (onBeats + midpoints) / ((2 * n) - 1));
        double evenMean = even / ((n + 1) / 2), oddMean = odd / (n / 2);
        double halved = Math.Max(1e-3, Math.Max(evenMean, oddMean));
        var result = new List<Candidate>(3);
        foreach ((double factor, double support) in (ReadOnlySpan<(double, double)>)[(1, mean), (0.5, halved), (2, doubled)])
        {
            double b = bpm * factor;
            if (b < minBpm || b > maxBpm)
            {
                continue;
            }

            double xt = Math.Log2(b / tuning.LevelPriorBpm) / tuning.LevelPriorOctaves;
            double perBeat = Math.Max(0.05, onsetRate * 60 / b);
            double xd = Math.Log2(perBeat / tuning.LevelOnsetsPerBeat) / tuning.LevelDensityOctaves;
            double score = (-0.5 * xt * xt) - (0.5 * xd * xd) + (tuning.LevelSupportWeight * Math.Log(support / mean));
            double backbeat = 0, swing = 0;
            int[]? grid = registers is not null || tuning.LevelSwingWeight != 0 ? CandidateGrid(beatFrames, factor, evenMean >= oddMean) : null;
            if (registers is { } r)
            {
                backbeat = Backbeat.Alternation(r.Kick, r.Middle, grid);
                score += tuning.LevelBackbeatWeight * backbeat;
            }

            if (tuning.LevelSwingWeight != 0)
            {
                swing = SwungSubdivision(activation, grid);
                score += tuning.LevelSwingWeight * swing;
            }

            result.Add(new Candidate(factor, b, score));
            if (Trace is not null)
            {
                Trace(FormattableString.Invariant($"{factor} {b:0.0} {perBeat:0.000} {support / mean:0.000} {backbeat:0.000} s={score:0.000} sw={swing:0.000}{LevelProbe.Describe(activation, CandidateGrid(beatFrames, factor, evenMean >= oddMean))}"));
            }
        }

        result.Sort((x, y) => y.Score.CompareTo(x.Score));
        return [.. result];
    }

    /// <summary>The candidate's beats: the tracked ones (factor 1), with their midpoints (2), or every other one from the
    /// first (0.5, <paramref name="evenPhase"/>) or the second.</summary>
    private static int[] CandidateGrid(ReadOnlySpan<int> beats, double factor, bool evenPhase)
    {
        int n = beats.Length;
        if (factor == 2)
        {
            int[] g = new int[(2 * n) - 1];
            for (int k = 0; k < n; k++)
            {
                g[2 * k] = beats[k];
                if (k + 1 < n)
                {
                    g[(2 * k) + 1] = (beats[k] + beats[k + 1]) / 2;
                }
            }

            return g;
        }

        if (factor == 0.5)
        {
            int first = evenPhase ? 0 : 1;
            int[] h = new int[(n - first + 1) / 2];
            for (int k = 0; k < h.Length; k++)
            {
                h[k] = beats[first + (2 * k)];
            }

            return h;
        }

        return beats.ToArray();
    }

    /// <summary>
    /// How clearly every one of the candidate's beats is divided long–short, as swing and shuffle divide the beat: per
    /// beat, the strongest activation 0.54–0.71 of the way through it (the swung "and", 0.58–0.67) minus the strongest
    /// 0.29–0.54 of the way (the straight "and" at ½, the first triplet note at ⅓), averaged over the even and over the
    /// odd beats separately, relative to the mean activation at the beats; the smaller of the two, clipped to 0…1.
    /// Swing divides every beat of the tactus: on a grid twice as slow the swung eighths fall at ⅓ and ⅚ of its beats,
    /// and on a grid twice as fast only every other beat (a swung "and" or a ride's skip note) could show the pattern,
    /// so only the tactus reads it. Straight music reads 0 at every level.
    /// </summary>
    public static double SwungSubdivision(ReadOnlySpan<float> activation, ReadOnlySpan<int> beatFrames)
    {
        const int Bins = 12;
        Span<double> profile = stackalloc double[2 * Bins];
        profile.Clear();
        Span<int> beats = stackalloc int[2];
        beats.Clear();
        for (int k = 0; k + 1 < beatFrames.Length; k++)
        {
            double length = beatFrames[k + 1] - beatFrames[k];
            if (length < Bins / 2)
            {
                continue;
            }

            int parity = k % 2;
            beats[parity]++;
            foreach (int b in (ReadOnlySpan<int>)[0, 4, 5, 6, 7, 8])
            {
                int from = beatFrames[k] + (int)Math.Round((b - 0.5) * length / Bins), to = beatFrames[k] + (int)Math.Round((b + 0.5) * length / Bins);
                float m = 0;
                for (int g = Math.Max(0, from); g <= Math.Min(activation.Length - 1, to); g++)
                {
                    m = Math.Max(m, activation[g]);
                }

                profile[(parity * Bins) + b] += m;
            }
        }

        double onBeats = (profile[0] + profile[Bins]) / Math.Max(1, beats[0] + beats[1]);
        if (beats[0] + beats[1] < 8 || beats[0] == 0 || beats[1] == 0 || onBeats <= 1e-9)
        {
            return 0;
        }

        double weakest = double.PositiveInfinity;
        for (int parity = 0; parity < 2; parity++)
        {
            ReadOnlySpan<double> p = profile.Slice(parity * Bins, Bins);
            double swung = Math.Max(p[7], p[8]), straight = Math.Max(p[4], Math.Max(p[5], p[6]));
            weakest = Math.Min(weakest, (swung - straight) / beats[parity]);
        }

        return Math.Clamp(weakest / onBeats, 0, 1);
    }

    /// <summary>Note onsets per second: local maxima of the envelope (±30 ms) above 20 % of its 99th percentile.</summary>
    public static double OnsetRate(ReadOnlySpan<float> envelope, double fps)
    {
        float q = Signal.Quantile(envelope, 0.99);
        if (q <= 0 || envelope.Length < 8)
        {
            return 0;
        }

        float threshold = 0.2f * q;
        int peaks = 0;
        for (int t = 3; t + 3 < envelope.Length; t++)
        {
            float v = envelope[t];
            if (v > threshold && v >= envelope[t - 1] && v > envelope[t + 1] && v >= envelope[t - 2] && v >= envelope[t + 2] && v >= envelope[t - 3] && v >= envelope[t + 3])
            {
                peaks++;
            }
        }

        return peaks * fps / envelope.Length;
    }

    private static float Peak(ReadOnlySpan<float> a, int f)
    {
        float m = 0;
        for (int g = Math.Max(0, f - 2); g <= Math.Min(a.Length - 1, f + 2); g++)
        {
            m = Math.Max(m, a[g]);
        }

        return m;
    }
}
