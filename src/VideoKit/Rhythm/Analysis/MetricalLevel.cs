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
            double backbeat = 0;
            if (registers is { } r)
            {
                backbeat = Backbeat.Alternation(r.Kick, r.Middle, CandidateGrid(beatFrames, factor, evenMean >= oddMean));
                score += tuning.LevelBackbeatWeight * backbeat;
            }

            result.Add(new Candidate(factor, b, score));
            Trace?.Invoke(FormattableString.Invariant($"{factor} {b:0.0} {perBeat:0.000} {support / mean:0.000} {backbeat:0.000} s={score:0.000}"));
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
