namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// A committee of cheap beat trackers that judges the analysis' grid (after Zapata, Davies &amp; Gómez 2012/2014: the
/// agreement of several different beat trackers predicts how likely a beat annotation is right). Each member tracks
/// one of three classical onset detection functions made from the shared log-frequency spectrogram — spectral flux,
/// high-frequency-weighted flux, broadband energy flux — with Ellis's dynamic-programming tracker (one global tempo,
/// microseconds per frame) at the tempo its own autocorrelation comb prefers under one of three tempo priors (85, 120
/// and 170 BPM: the listener centre and half an octave either side). When a song's beat is clear, every member lands
/// on the grid's beats whatever its feature or prior; when the song is ambiguous (metrical level, off-beat, no clear
/// onsets) they scatter, and the grid agrees with few of them.
/// </summary>
internal static class BeatCommittee
{
    /// <summary>The tempo priors of the members (BPM, log-Gaussian, one octave wide).</summary>
    internal static readonly double[] Priors = [85, 120, 170];

    /// <summary>Histogram bins of the information gain: 40, as Davies, Degara &amp; Plumbley (2009); mir_eval uses 41.
    /// The rank correlation with F moves by ±0.04 with this choice (see the Rhythm JOURNAL.md, "Confidence, second
    /// round"), so it is not tuned.</summary>
    internal const int DefaultBins = 40;

    /// <summary>Diagnostics for the benchmark: receives every member's beats, the grid's beats (frames), whether the
    /// analysis found a ternary beat, and what the grid was tracked from. Null (off) in normal use.</summary>
    internal static Action<Traced>? Trace { get; set; }

    /// <summary>What <see cref="Trace"/> receives: the members' and the grid's beats (frames), whether the beat is ternary,
    /// the tracker's activation and onset envelope, the envelope's tempo comb, the tracker as first configured (full tempo
    /// range, comb prior), the envelope's onset rate (peaks per second), the spectrogram and the onset features.</summary>
    internal sealed record Traced(int[][] Members, int[] Grid, bool Ternary, float[] Activation, float[] Envelope, TempoEstimator.Result Comb, BeatTracker Tracker, double OnsetRate, Spectrogram Spectrogram, OnsetFeatures Features);

    /// <summary>The members' beats (frames), each member's agreement with the grid, and their mean (the confidence).</summary>
    internal readonly record struct Result(int[][] Members, double[] Agreements, double Agreement);

    /// <summary>Tracks every member and measures how well <paramref name="chosen"/> agrees with each.</summary>
    /// <param name="spectrogram">The analysis' log-frequency spectrogram.</param>
    /// <param name="flux">The analysis' spectral-flux onset envelope (local mean removed).</param>
    /// <param name="fluxComb">The tempo estimate of <paramref name="flux"/> (its comb is reused, not recomputed).</param>
    /// <param name="chosen">The grid's beats (frames).</param>
    /// <param name="fps">Frames per second.</param>
    /// <param name="minBpm">Slowest tempo considered.</param>
    /// <param name="maxBpm">Fastest tempo considered.</param>
    /// <param name="localMeanRadius">Frames each side of the moving mean subtracted from the extra onset functions.</param>
    /// <param name="bins">Histogram bins of the information gain (40, as Davies et al.).</param>
    public static Result Run(Spectrogram spectrogram, float[] flux, TempoEstimator.Result fluxComb, int[] chosen, double fps, double minBpm, double maxBpm, int localMeanRadius, int bins = DefaultBins)
    {
        (float[] high, float[] energy) = ExtraFunctions(spectrogram);
        float[][] functions = [flux, Signal.SubtractLocalMean(high, localMeanRadius), Signal.SubtractLocalMean(energy, localMeanRadius)];
        double[] chosenTimes = BeatEvaluation.Trim(Seconds(chosen, fps));
        var members = new List<int[]>(functions.Length * Priors.Length);
        var agreements = new List<double>(members.Capacity);
        for (int f = 0; f < functions.Length; f++)
        {
            TempoEstimator.Result comb = f == 0 && fluxComb.Comb.Length > 0 ? fluxComb : TempoEstimator.Estimate(functions[f], fps, minBpm, maxBpm, 120, 1.0);
            foreach (double prior in Priors)
            {
                int[] beats = TrackDp(functions[f], fps, BestBpm(comb, fps, prior));
                members.Add(beats);
                agreements.Add(InformationGain(chosenTimes, BeatEvaluation.Trim(Seconds(beats, fps)), bins));
            }
        }

        double mean = 0;
        foreach (double a in agreements)
        {
            mean += a;
        }

        return new Result([.. members], [.. agreements], agreements.Count > 0 ? mean / agreements.Count : 0);
    }

    /// <summary>The comb's best period under a log-Gaussian prior (one octave) around <paramref name="priorBpm"/>.</summary>
    private static double BestBpm(TempoEstimator.Result comb, double fps, double priorBpm)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < comb.Comb.Length; i++)
        {
            double score = comb.Comb[i] * TempoEstimator.Prior(60 * fps / (comb.MinLag + i), priorBpm, 1.0);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return 60 * fps / (comb.MinLag + best);
    }

    /// <summary>
    /// Information gain (Davies, Degara &amp; Plumbley 2009), normalised to 0..1: how peaked the histogram (<see cref="DefaultBins"/>) of
    /// the timing errors of one sequence against the other is, each error relative to the local beat interval; the
    /// lower of the two directions. 1 = every beat at the same relative place; 0 = errors spread evenly (unrelated
    /// sequences). A sequence at double or half the other's tempo scores in between, since half its errors coincide.
    /// </summary>
    /// <param name="a">Sorted beat times (seconds).</param>
    /// <param name="b">Sorted beat times (seconds).</param>
    /// <param name="bins">Histogram bins (2 to 1000).</param>
    /// <returns>The agreement, 0 to 1.</returns>
    public static double InformationGain(double[] a, double[] b, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bins, 1000);
        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        return Math.Min(Gain(a, b, bins), Gain(b, a, bins));
    }

    private static double Gain(double[] reference, double[] estimated, int bins)
    {
        Span<int> histogram = stackalloc int[bins];
        int k = 0;
        foreach (double e in estimated)
        {
            while (k + 1 < reference.Length && Math.Abs(reference[k + 1] - e) <= Math.Abs(reference[k] - e))
            {
                k++;
            }

            double interval = e >= reference[k]
                ? (k + 1 < reference.Length ? reference[k + 1] - reference[k] : reference[k] - reference[k - 1])
                : (k > 0 ? reference[k] - reference[k - 1] : reference[k + 1] - reference[k]);
            double error = (e - reference[k]) / Math.Max(1e-6, interval);
            int bin = Math.Clamp((int)Math.Floor((error + 0.5) * bins), 0, bins - 1);
            histogram[bin]++;
        }

        double entropy = 0;
        foreach (int h in histogram)
        {
            if (h > 0)
            {
                double p = (double)h / estimated.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return Math.Max(0, 1 - (entropy / Math.Log2(bins)));
    }

    private static double[] Seconds(int[] frames, double fps)
    {
        double[] t = new double[frames.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = frames[i] / fps;
        }

        return t;
    }

    /// <summary>High-frequency-weighted flux (positive log-magnitude rise, weighted by band index, the HFC idea) and
    /// broadband energy flux (rise of the summed log magnitudes), both over 2 frames, in one pass.</summary>
    private static (float[] High, float[] Energy) ExtraFunctions(Spectrogram s)
    {
        const int lag = 2;
        int frames = s.Frames, bands = s.Bands;
        float[] high = new float[frames], energy = new float[frames], sums = new float[frames];
        for (int t = 0; t < frames; t++)
        {
            ReadOnlySpan<float> cur = s.Row(t);
            float sum = 0, hfc = 0;
            if (t >= lag)
            {
                ReadOnlySpan<float> prev = s.Row(t - lag);
                for (int b = 0; b < bands; b++)
                {
                    sum += cur[b];
                    float d = cur[b] - prev[b];
                    if (d > 0)
                    {
                        hfc += d * (b + 1);
                    }
                }

                high[t] = hfc / bands;
                sums[t] = sum;
                energy[t] = Math.Max(0, sum - sums[t - lag]);
            }
            else
            {
                for (int b = 0; b < bands; b++)
                {
                    sum += cur[b];
                }

                sums[t] = sum;
            }
        }

        return (high, energy);
    }

    /// <summary>Ellis's (2007) dynamic-programming beat tracker: beats on strong onsets (the function over its standard
    /// deviation), spaced close to one period (penalty −<paramref name="tightness"/>·log²(interval/period)).</summary>
    internal static int[] TrackDp(float[] odf, double fps, double bpm, double tightness = 100)
    {
        int n = odf.Length;
        double period = 60 * fps / bpm;
        if (n < 2 * period)
        {
            return [];
        }

        double mean = 0, sq = 0;
        foreach (float v in odf)
        {
            mean += v;
            sq += v * (double)v;
        }

        mean /= n;
        double std = Math.Sqrt(Math.Max(1e-12, (sq / n) - (mean * mean)));
        double[] score = new double[n];
        int[] back = new int[n];
        int lo = Math.Max(1, (int)Math.Round(period / 2)), hi = (int)Math.Round(2 * period);
        double[] penalty = new double[hi + 1];
        for (int d = lo; d <= hi; d++)
        {
            double x = Math.Log(d / period);
            penalty[d] = -tightness * x * x;
        }

        for (int t = 0; t < n; t++)
        {
            double best = double.NegativeInfinity;
            int arg = -1;
            for (int d = lo; d <= hi && t - d >= 0; d++)
            {
                double v = score[t - d] + penalty[d];
                if (v > best)
                {
                    best = v;
                    arg = t - d;
                }
            }

            // A chain starts afresh when continuing one would only cost.
            bool chain = arg >= 0 && best > 0;
            score[t] = (odf[t] / std) + (chain ? best : 0);
            back[t] = chain ? arg : -1;
        }

        // End on the best score within the last period.
        int end = n - 1;
        for (int t = Math.Max(0, n - (int)Math.Ceiling(period)); t < n; t++)
        {
            if (score[t] > score[end])
            {
                end = t;
            }
        }

        var beats = new List<int>();
        for (int t = end; t >= 0; t = back[t])
        {
            beats.Add(t);
        }

        beats.Reverse();
        return [.. beats];
    }
}
