using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// Fourth-round grid-confidence signals (<c>BEAT_CONFVAR=1</c>), each measured from what the analysis already has (the
/// activation, the onset envelope, the tracker) and none fitted: self-consistency in time (the song's halves tracked
/// again on their own, compared with the whole grid), the salience of the grid's period in the envelope's
/// autocorrelation against its metrical rivals, and how much of the onset activation falls on the grid against other
/// phases of the same beat.
/// </summary>
internal static class ConfidenceSignals
{
    /// <summary>How a segment is tracked again: <c>free</c> = the tracker as first configured (full tempo range, the comb's
    /// prior); <c>pipeline</c> = the same, then the analysis' compound check, metrical-level choice, swing check and half-beat
    /// phase evidence; <c>held</c> = tempo held within ±20 % of the grid's, so only the phase can differ; <c>held+phase</c> =
    /// the same, then the analysis' swing check and half-beat phase evidence (its phase steps).</summary>
    internal static readonly string[] Modes = ["free", "pipeline", "held", "held+phase"];

    /// <summary>Segmentations as fractions of the song: two halves, and three overlapping halves.</summary>
    internal static readonly (string Name, (double Start, double End)[] Parts)[] Segmentations =
    [
        ("halves", [(0, 0.5), (0.5, 1)]),
        ("3 overlapping halves", [(0, 0.5), (0.25, 0.75), (0.5, 1)]),
        ("quarters", [(0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 1)]),
    ];

    /// <summary>How a segment's beats are compared with the grid's: F-measure (±70 ms), information gain, or phase (max(0, mean cos 2π·x), x = the segment beat's place in the grid's beat interval).</summary>
    internal enum Measure
    {
        FMeasure,
        InformationGain,
        Phase,
    }

    /// <summary>One segment's beats (seconds) and the whole grid's beats in the same span (edges trimmed by 1 s).</summary>
    internal readonly record struct Segment(double[] Grid, double[] Sub);

    /// <summary>Wall seconds spent tracking segments, per mode and segmentation (first segmentation that needs a segment pays for it).</summary>
    private static readonly Dictionary<string, double> s_seconds = [];

    /// <summary>Audio seconds seen.</summary>
    private static double s_audioSeconds;

    /// <summary>Prints the tracking time per audio minute of each mode and segmentation.</summary>
    public static void PrintCost()
    {
        foreach ((string key, double seconds) in s_seconds)
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  segment tracking {key}: {seconds / (s_audioSeconds / 60):0.0000} s per audio minute (wall, one thread)"));
        }
    }

    /// <summary>The tracked segments for each mode and segmentation (key "mode/segmentation").</summary>
    public static Dictionary<string, Segment[]> Segments(BeatCommittee.Traced t, RhythmTuning tuning)
    {
        double fps = tuning.FramesPerSecond;
        int n = t.Activation.Length;
        s_audioSeconds += n / fps;
        double[] grid = [.. t.Grid.Select(f => f / fps)];
        double gridBpm = t.Grid.Length > 1 ? 60 * fps * (t.Grid.Length - 1) / (t.Grid[^1] - t.Grid[0]) : 120;
        var result = new Dictionary<string, Segment[]>();
        var cache = new Dictionary<(string, int, int), int[]>();
        foreach (string mode in Modes)
        {
            foreach ((string name, (double Start, double End)[] parts) in Segmentations)
            {
                var segments = new Segment[parts.Length];
                for (int i = 0; i < parts.Length; i++)
                {
                    int start = (int)Math.Round(parts[i].Start * n), end = (int)Math.Round(parts[i].End * n);
                    if (!cache.TryGetValue((mode, start, end), out int[]? beats))
                    {
                        long before = System.Diagnostics.Stopwatch.GetTimestamp();
                        beats = Track(t, tuning, mode, start, end, gridBpm);
                        cache[(mode, start, end)] = beats;
                        string timed = mode + "/" + name;
                        s_seconds[timed] = s_seconds.GetValueOrDefault(timed) + System.Diagnostics.Stopwatch.GetElapsedTime(before).TotalSeconds;
                    }

                    double lo = (start / fps) + 1, hi = (end / fps) - 1;
                    segments[i] = new Segment([.. grid.Where(x => x >= lo && x <= hi)], [.. beats.Select(f => f / fps).Where(x => x >= lo && x <= hi)]);
                }

                result[mode + "/" + name] = segments;
            }
        }

        return result;
    }

    /// <summary>Tracks frames [start, end) of the activation again; beats in absolute frames.</summary>
    private static int[] Track(BeatCommittee.Traced t, RhythmTuning tuning, string mode, int start, int end, double gridBpm)
    {
        double fps = tuning.FramesPerSecond;
        ReadOnlySpan<float> segment = t.Activation.AsSpan(start, end - start);
        BeatTracker tracker = mode.StartsWith("held", StringComparison.Ordinal)
            ? t.Tracker with { MinBpm = Math.Max(t.Tracker.MinBpm, gridBpm / 1.2), MaxBpm = Math.Min(t.Tracker.MaxBpm, gridBpm * 1.2), PriorBpm = gridBpm }
            : t.Tracker;
        BeatTracker.Output tracked = Offset(tracker.Track(segment, fps), start);
        if ((mode != "pipeline" && mode != "held+phase") || tracked.BeatFrames.Length < 3)
        {
            return tracked.BeatFrames;
        }

        // The analysis' own steps after tracking (RhythmAnalyzer.Run), on the segment: compound meter, metrical level, swing, half-beat evidence.
        double min = t.Tracker.MinBpm, max = t.Tracker.MaxBpm;
        bool levels = mode == "pipeline";
        CompoundMeter.Result compound = levels && tuning.CompoundCheck ? CompoundMeter.Detect(t.Activation, tracked.BeatFrames, fps, min, max) : new CompoundMeter.Result(1, false);
        double target = 0;
        if (compound.Factor > 1)
        {
            target = 60 * fps * (tracked.BeatFrames.Length - 1) / (tracked.BeatFrames[^1] - tracked.BeatFrames[0]) / compound.Factor;
        }
        else if (levels && tuning.LevelChoice)
        {
            double rate = MetricalLevel.OnsetRate(t.Envelope.AsSpan(start, end - start), fps);
            MetricalLevel.Candidate[] candidates = MetricalLevel.Score(t.Activation, tracked.BeatFrames, fps, rate, min, max, tuning);
            if (candidates.Length > 0 && candidates[0].Factor != 1)
            {
                target = candidates[0].Bpm;
            }
        }

        if (target > 0)
        {
            var retracker = t.Tracker with { MinBpm = Math.Max(min, target / 1.2), MaxBpm = Math.Min(max, target * 1.2), PriorBpm = target };
            tracked = Offset(retracker.Track(segment, fps), start);
        }

        double swing = 0;
        if (tuning.SwingCorrection && tracked.BeatFrames.Length >= 3)
        {
            Span<double> profile = stackalloc double[BeatPhase.Bins];
            BeatPhase.Profile(t.Activation, tracked.BeatFrames, profile);
            swing = BeatPhase.SwingShift(profile, tuning.SwingMinRatio, tuning.SwingDominance);
            tracked = BeatPhase.Apply(t.Activation, tracked, swing);
        }

        if (tuning.PhaseEvidenceCheck && swing == 0 && tracked.BeatFrames.Length >= 3)
        {
            PhaseEvidence.Cues cues = PhaseEvidence.Measure(t.Spectrogram, t.Features, t.Activation, tracked.BeatFrames, tuning);
            if (PhaseEvidence.FavoursOffBeats(cues, tuning))
            {
                tracked = BeatPhase.Apply(t.Activation, tracked, 0.5);
            }
        }

        return tracked.BeatFrames;
    }

    private static BeatTracker.Output Offset(BeatTracker.Output o, int start) =>
        o with { BeatFrames = [.. o.BeatFrames.Select(f => f + start)] };

    /// <summary>
    /// Scalar signals of the grid (no histogram involved): period salience margins in the envelope's autocorrelation, and
    /// onset alignment with the grid against other phases of the same beats.
    /// </summary>
    public static Dictionary<string, double> Scalars(BeatCommittee.Traced t, RhythmTuning tuning)
    {
        var s = new Dictionary<string, double>();
        int[] g = t.Grid;
        double fps = tuning.FramesPerSecond;
        if (g.Length < 4)
        {
            return s;
        }

        // Period salience: comb (mean of the autocorrelation's peaks at the first 4 multiples) at the grid's period
        // minus that at its rivals inside the tracker's tempo range.
        double tau = (g[^1] - g[0]) / (double)(g.Length - 1);
        float[] acf = TempoEstimator.Autocorrelation(t.Envelope, Math.Min(t.Envelope.Length - 1, (int)Math.Ceiling(8 * tau) + 2));
        double minLag = 60 * fps / t.Tracker.MaxBpm, maxLag = 60 * fps / t.Tracker.MinBpm;
        double Rival(params double[] factors)
        {
            double best = double.NegativeInfinity;
            foreach (double f in factors)
            {
                double lag = tau * f;
                if (lag >= minLag && lag <= maxLag)
                {
                    best = Math.Max(best, Comb(acf, lag));
                }
            }

            return double.IsNegativeInfinity(best) ? 0 : best;
        }

        double own = Comb(acf, tau);
        s["period margin (1/2, 2, 2/3, 3/2)"] = own - Rival(0.5, 2, 2.0 / 3, 1.5);
        s["period margin (1/2, 2)"] = own - Rival(0.5, 2);
        s["period margin (2/3, 3/2)"] = own - Rival(2.0 / 3, 1.5);

        // Alignment: mean activation (max over ±2 frames) at 32 phases of every beat interval; phase 0 is the grid.
        // Rank-normalised (each frame's activation replaced by its percentile in the song), so loudness and onset
        // density do not enter; then the grid's phase as a z-score among all phases, and its margin over the half beat.
        float[] ranks = PercentileRanks(t.Activation);
        foreach ((string label, float[] x) in (ReadOnlySpan<(string, float[])>)[("rank", ranks), ("raw", t.Activation)])
        {
            double[] a = PhaseProfile(x, g, 32);
            double mean = a.Average(), sd = Math.Sqrt(Math.Max(1e-12, a.Average(v => (v - mean) * (v - mean))));
            s[$"alignment z ({label})"] = (a[0] - mean) / sd;
            s[$"half-beat margin ({label})"] = (a[0] - a[16]) / sd;
            s[$"alignment over the best other phase ({label})"] = (a[0] - a.Skip(3).Take(27).Max()) / sd;
        }

        // Beat alignment ratio: share of the positive envelope within ±20 ms of a grid beat, over the share of frames there.
        double near = 0, total = 0;
        int nearFrames = 0, frames = 0, k = 0;
        for (int f = g[0]; f < g[^1]; f++)
        {
            while (k + 1 < g.Length && Math.Abs(g[k + 1] - f) <= Math.Abs(g[k] - f))
            {
                k++;
            }

            double e = Math.Max(0, t.Envelope[f]);
            bool on = Math.Abs(g[k] - f) <= 2;
            total += e;
            frames++;
            if (on)
            {
                near += e;
                nearFrames++;
            }
        }

        s["beat alignment ratio (+-20 ms)"] = total > 0 && nearFrames > 0 ? near / total / ((double)nearFrames / frames) : 0;
        return s;
    }

    private static double Comb(float[] acf, double lag)
    {
        double sum = 0;
        int count = 0;
        for (int m = 1; m <= 4; m++)
        {
            int l = (int)Math.Round(m * lag);
            if (l < 1 || l + 1 >= acf.Length)
            {
                break;
            }

            sum += Math.Max(acf[l - 1], Math.Max(acf[l], acf[l + 1]));
            count++;
        }

        return count > 0 ? sum / count : 0;
    }

    private static float[] PercentileRanks(float[] x)
    {
        int[] order = [.. Enumerable.Range(0, x.Length).OrderBy(i => x[i])];
        float[] r = new float[x.Length];
        for (int i = 0; i < order.Length; i++)
        {
            r[order[i]] = (float)i / Math.Max(1, x.Length - 1);
        }

        return r;
    }

    private static double[] PhaseProfile(float[] x, int[] g, int phases)
    {
        double[] p = new double[phases];
        int intervals = 0;
        for (int i = 0; i + 1 < g.Length; i++)
        {
            double length = g[i + 1] - g[i];
            for (int j = 0; j < phases; j++)
            {
                int f = g[i] + (int)Math.Round(j * length / phases);
                float m = float.NegativeInfinity;
                for (int h = Math.Max(0, f - 2); h <= Math.Min(x.Length - 1, f + 2); h++)
                {
                    m = Math.Max(m, x[h]);
                }

                p[j] += m;
            }

            intervals++;
        }

        for (int j = 0; j < phases; j++)
        {
            p[j] /= Math.Max(1, intervals);
        }

        return p;
    }

    /// <summary>Agreement of the segments with the whole grid: information gain (the committee's measure) or F-measure (±70 ms), mean over segments.</summary>
    public static double Agreement(Segment[] segments, Measure measure, int bins)
    {
        double sum = 0;
        foreach (Segment s in segments)
        {
            sum += s.Grid.Length < 3 || s.Sub.Length < 3 ? 0 : measure switch
            {
                Measure.FMeasure => BeatEvaluation.FMeasure(s.Grid, s.Sub),
                Measure.InformationGain => BeatCommittee.InformationGain(s.Grid, s.Sub, bins),
                _ => Math.Max(0, ConfidenceVariants.Phase(s.Grid, s.Sub, 1)),
            };
        }

        return segments.Length > 0 ? sum / segments.Length : 0;
    }
}
