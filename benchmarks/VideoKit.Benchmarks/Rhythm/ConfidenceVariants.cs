using System.Globalization;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>BEAT_CONFVAR=1</c>: grid-confidence variants computed from the committee members' beats of one analysis run (the
/// members are tracked once per file; each variant only re-measures their agreement with the grid). Every variant is
/// a hand-chosen form, nothing is fitted, so each file's score is a held-out score and the pooled figure is the
/// 99-file figure (the fourth round's rank combinations are fitted on the other two folds only, see
/// <see cref="SummariseFourthRound"/>). Printed per variant: Spearman rho with per-file F (pooled and per fold) and the AUC for telling
/// grids with F &lt; 0.8 from the rest, at the published 40 histogram bins and as mean [min, max] over 30–50 bins (the
/// information gain's histogram is quantised by the 10 ms frame lattice, so one bin count proves little).
/// </summary>
internal static class ConfidenceVariants
{
    private sealed record Song(string Name, int Fold, double F, double[] Grid, double[][] Members, bool Ternary, double PhaseSupport, Dictionary<string, ConfidenceSignals.Segment[]> Segments, Dictionary<string, double> Scalars);

    private static readonly List<Song> s_songs = [];
    private static readonly List<Song> s_extra = [];

    public static bool Enabled => Environment.GetEnvironmentVariable("BEAT_CONFVAR") == "1";

    /// <summary>Records one analysed file: its grid, the members' beats (frames), F and the phase evidence.</summary>
    public static void Add(string name, int fold, double f, BeatCommittee.Traced traced, IReadOnlyList<(string Name, double Value)> parts, RhythmTuning tuning)
    {
        double fps = tuning.FramesPerSecond;
        double[] Seconds(int[] frames) => BeatEvaluation.Trim(frames.Select(x => x / fps));
        s_songs.Add(new Song(name, fold, f, Seconds(traced.Grid), [.. traced.Members.Select(Seconds)], traced.Ternary, PhaseSupport(parts, tuning),
            ConfidenceSignals.Segments(traced, tuning), ConfidenceSignals.Scalars(traced, tuning)));
    }

    /// <summary>Records one file of the independent held-out set (<c>BEATS_EXTRA</c>), kept apart from the folds.</summary>
    public static void AddExtra(string name, double f, BeatCommittee.Traced traced, RhythmTuning tuning)
    {
        double fps = tuning.FramesPerSecond;
        double[] Seconds(int[] frames) => BeatEvaluation.Trim(frames.Select(x => x / fps));
        s_extra.Add(new Song(name, -1, f, Seconds(traced.Grid), [.. traced.Members.Select(Seconds)], traced.Ternary, 0,
            ConfidenceSignals.Segments(traced, tuning), []));
    }

    /// <summary>
    /// The shipped committee and the fourth round's best form (committee × self-consistency of the halves, tempo held,
    /// information gain) on the independent held-out set: nothing of either was chosen on it, so this is the check of
    /// whether the fourth round's gain on the folds carries over.
    /// </summary>
    public static void SummariseExtra()
    {
        if (s_extra.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        double[] f = [.. s_extra.Select(s => s.F)];
        double Committee(Song s, int bins) => s.Grid.Length < 3 || s.Members.Length == 0 ? 0 : s.Members.Average(m => BeatCommittee.InformationGain(s.Grid, m, bins));
        double Self(Song s, int bins) => ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.InformationGain, bins);
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"grid confidence on the independent held-out set ({s_extra.Count} excerpts): rho with F and AUC (F < 0.8) at 40 bins | over 30-50 bins: mean [min, max], AUC mean"));
        Print("committee (shipped until the fourth round)", Committee);
        Print("committee x held/halves self-consistency (IG; shipped)", (s, bins) => Committee(s, bins) * Self(s, bins));
        DumpBins("XBINS", s_extra);
        s_extra.Clear();

        void Print(string label, Func<Song, int, double> score)
        {
            var rhos = new List<double>();
            var aucs = new List<double>();
            for (int bins = 30; bins <= 50; bins++)
            {
                double[] conf = [.. s_extra.Select(s => score(s, bins))];
                rhos.Add(BeatAccuracyCommand.Spearman(conf, f));
                aucs.Add(Auc(conf, f));
            }

            int at = BeatCommittee.DefaultBins - 30;
            Console.WriteLine(string.Create(c, $"  {label,-52} {rhos[at]:+0.000;-0.000} AUC {aucs[at]:0.00} | {rhos.Average():+0.00;-0.00} [{rhos.Min():+0.00;-0.00}, {rhos.Max():+0.00;-0.00}] AUC {aucs.Average():0.00}"));
        }
    }

    /// <summary>
    /// The half-beat phase evidence (see <see cref="PhaseEvidence"/>) for the final grid: harmony + bars + kick in units of
    /// their spread, positive when the grid's beats look more like beats than its off-beats (negated when the analysis
    /// moved the grid half a beat).
    /// </summary>
    private static double PhaseSupport(IReadOnlyList<(string Name, double Value)> parts, RhythmTuning tuning)
    {
        double Part(string key) => parts.FirstOrDefault(p => p.Name == key).Value;
        var cues = new PhaseEvidence.Cues(0, Part("pKick"), 0, Part("pHarm"), 0, Part("pBar"), 0, 0, (int)Part("pN"), Part("pMid"), Part("pHigh"));
        double sum = (cues.Harmony / tuning.PhaseHarmonyScale) + (cues.Bar / tuning.PhaseBarScale) + (cues.Kick / tuning.PhaseKickScale);
        return PhaseEvidence.FavoursOffBeats(cues, tuning) ? sum : -sum;
    }

    /// <summary>Mean of cos 2π·s·x over the member's beats inside the grid, x = the beat's place in the grid's beat interval.</summary>
    internal static double Phase(double[] grid, double[] member, int subdivision)
    {
        double sum = 0;
        int count = 0, j = 0;
        foreach (double m in member)
        {
            while (j + 1 < grid.Length && grid[j + 1] <= m)
            {
                j++;
            }

            if (grid.Length < 2 || m < grid[0] || j + 1 >= grid.Length)
            {
                continue;
            }

            sum += Math.Cos(2 * Math.PI * subdivision * (m - grid[j]) / (grid[j + 1] - grid[j]));
            count++;
        }

        return count > 0 ? sum / count : 0;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    public static void Summarise(int folds)
    {
        if (s_songs.Count == 0)
        {
            return;
        }

        // Per member: (gain, phase at the beat, phase at the third-beat). The variants combine them per song.
        (string Label, Func<Song, (double Gain, double Phi1, double Phi3)[], double> Score)[] variants =
        [
            ("committee: mean information gain (shipped until the fourth round)", (_, m) => m.Average(x => x.Gain)),
            ("x max(0, phase)", (_, m) => m.Average(x => x.Gain * Math.Max(0, x.Phi1))),
            ("x max(0, phase), thirds count when ternary", (s, m) => m.Average(x => x.Gain * Math.Max(0, s.Ternary ? x.Phi3 : x.Phi1))),
            ("x (1 + phase)/2, thirds count when ternary", (s, m) => m.Average(x => x.Gain * (1 + (s.Ternary ? x.Phi3 : x.Phi1)) / 2)),
            ("phase evidence alone", (s, _) => s.PhaseSupport),
            ("x logistic(phase evidence)", (s, m) => m.Average(x => x.Gain) * Logistic(s.PhaseSupport)),
            ("x min(1, 2 logistic(phase evidence))", (s, m) => m.Average(x => x.Gain) * Math.Min(1, 2 * Logistic(s.PhaseSupport))),
            ("compound-aware phase x min(1, 2 logistic(evidence))", (s, m) => m.Average(x => x.Gain * Math.Max(0, s.Ternary ? x.Phi3 : x.Phi1)) * Math.Min(1, 2 * Logistic(s.PhaseSupport))),
            ("max over the 3 priors, mean over the 3 functions", (_, m) => Enumerable.Range(0, m.Length / 3).Average(f => m.Skip(3 * f).Take(3).Max(x => x.Gain))),
        ];

        var phases = s_songs.Select(s => s.Members.Select(m => (Phase(s.Grid, m, 1), Phase(s.Grid, m, 3))).ToArray()).ToArray();
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("grid-confidence variants (BEAT_CONFVAR; not fitted): rho with F pooled (per fold) and AUC (F < 0.8) at 40 bins | over 30-50 bins: pooled mean [min, max], per-fold mean, AUC mean");
        double[] f = [.. s_songs.Select(s => s.F)];
        foreach ((string label, Func<Song, (double, double, double)[], double> score) in variants)
        {
            var pooled = new List<double>();
            var perFold = new List<double[]>();
            var aucs = new List<double>();
            string at40 = "";
            for (int bins = 30; bins <= 50; bins++)
            {
                double[] conf = new double[s_songs.Count];
                for (int i = 0; i < conf.Length; i++)
                {
                    Song s = s_songs[i];
                    var members = s.Members.Select((m, k) => (BeatCommittee.InformationGain(s.Grid, m, bins), phases[i][k].Item1, phases[i][k].Item2)).ToArray();
                    conf[i] = s.Grid.Length < 3 || members.Length == 0 ? 0 : score(s, members);
                }

                double rho = BeatAccuracyCommand.Spearman(conf, f);
                double[] folded = [.. Enumerable.Range(0, folds).Select(k => BeatAccuracyCommand.Spearman([.. conf.Where((_, i) => s_songs[i].Fold == k)], [.. f.Where((_, i) => s_songs[i].Fold == k)]))];
                double auc = Auc(conf, f);
                pooled.Add(rho);
                perFold.Add(folded);
                aucs.Add(auc);
                if (bins == BeatCommittee.DefaultBins)
                {
                    at40 = string.Create(c, $"{rho:+0.00;-0.00} ({string.Join(" / ", folded.Select(v => v.ToString("+0.00;-0.00", c)))}) AUC {auc:0.00}");
                }
            }

            string foldMeans = string.Join(" / ", Enumerable.Range(0, folds).Select(k => perFold.Average(v => v[k]).ToString("+0.00;-0.00", c)));
            Console.WriteLine(string.Create(c, $"  {label,-52} {at40} | {pooled.Average():+0.00;-0.00} [{pooled.Min():+0.00;-0.00}, {pooled.Max():+0.00;-0.00}] ({foldMeans}) AUC {aucs.Average():0.00}"));
        }

        SummariseFourthRound(folds);
        DumpBins("BINS", s_songs);
        s_songs.Clear();
    }

    /// <summary>
    /// Fourth round: self-consistency in time, period salience and onset alignment (<see cref="ConfidenceSignals"/>),
    /// alone and combined with the committee. Combinations without fitted weights: product and minimum (signals in
    /// 0..1); "ranks" = geometric mean of the two signals' empirical CDFs, the CDFs built from the other two folds only;
    /// "nested weight" = the same with the weight w of the new signal (0, 0.1, …, 1, in log space) chosen by rho on the
    /// other two folds. Every score is held out; the pooled figure pools the held-out scores.
    /// </summary>
    private static void SummariseFourthRound(int folds)
    {
        int n = s_songs.Count;
        double[] f = [.. s_songs.Select(s => s.F)];
        int[] fold = [.. s_songs.Select(s => s.Fold)];
        var committee = new Dictionary<int, double[]>();
        double[] Committee(int bins)
        {
            if (!committee.TryGetValue(bins, out double[]? c))
            {
                c = [.. s_songs.Select(s => s.Grid.Length < 3 || s.Members.Length == 0 ? 0 : s.Members.Average(m => BeatCommittee.InformationGain(s.Grid, m, bins)))];
                committee[bins] = c;
            }

            return c;
        }

        // The new signals, each as a function of the histogram bin count (constant for the scalar ones).
        var signals = new List<(string Label, bool UnitRange, Func<int, double[]> Values)>();
        foreach (string key in s_songs[0].Segments.Keys)
        {
            signals.Add(($"self-consistency {key}, F-measure", true, _ => [.. s_songs.Select(s => ConfidenceSignals.Agreement(s.Segments[key], ConfidenceSignals.Measure.FMeasure, 40))]));
            signals.Add(($"self-consistency {key}, information gain", true, bins => [.. s_songs.Select(s => ConfidenceSignals.Agreement(s.Segments[key], ConfidenceSignals.Measure.InformationGain, bins))]));
            signals.Add(($"self-consistency {key}, phase", true, _ => [.. s_songs.Select(s => ConfidenceSignals.Agreement(s.Segments[key], ConfidenceSignals.Measure.Phase, 40))]));
        }

        // The segments' beats as further committee members: the mean information gain over the 9 members and the segments.
        foreach (string key in (string[])["held/halves", "held+phase/halves", "held/quarters", "pipeline/halves"])
        {
            signals.Add(($"committee with the {key} segments as members (IG)", false, bins => [.. s_songs.Select((s, i) =>
            {
                ConfidenceSignals.Segment[] seg = s.Segments[key];
                double members = Committee(bins)[i] * s.Members.Length;
                return (members + seg.Sum(x => x.Grid.Length < 3 || x.Sub.Length < 3 ? 0 : BeatCommittee.InformationGain(x.Grid, x.Sub, bins))) / (s.Members.Length + seg.Length);
            })]));
        }

        // The committee's own consistency in time: its mean gain over the grid's first and second half separately, the weaker half.
        signals.Add(("committee, the weaker half (min over halves of the mean gain)", true, bins => [.. s_songs.Select(s =>
        {
            if (s.Grid.Length < 6 || s.Members.Length == 0)
            {
                return 0;
            }

            double middle = (s.Grid[0] + s.Grid[^1]) / 2;
            double Half(bool first)
            {
                double[] Part(double[] x) => [.. x.Where(v => first ? v < middle : v >= middle)];
                double[] grid = Part(s.Grid);
                return s.Members.Average(m => BeatCommittee.InformationGain(grid, Part(m), bins));
            }

            return Math.Min(Half(true), Half(false));
        })]));

        // Bin-free forms: the information gain averaged over 30-50 bins (the quantisation of the 10 ms lattice averages out).
        double[] Averaged(Func<Song, int, double> gain) => [.. s_songs.Select(s => Enumerable.Range(30, 21).Average(bins => gain(s, bins)))];
        double[] committeeAveraged = Averaged((s, bins) => s.Grid.Length < 3 || s.Members.Length == 0 ? 0 : s.Members.Average(m => BeatCommittee.InformationGain(s.Grid, m, bins)));
        signals.Add(("committee, gain averaged over 30-50 bins", false, _ => committeeAveraged));
        foreach (string key in (string[])["held/halves", "held+phase/halves", "held/3 overlapping halves", "held/quarters"])
        {
            double[] self = Averaged((s, bins) => ConfidenceSignals.Agreement(s.Segments[key], ConfidenceSignals.Measure.InformationGain, bins));
            signals.Add(($"averaged committee x {key} self-consistency (IG averaged over 30-50 bins)", false, _ => Combine(committeeAveraged, self, (a, b) => a * b)));
        }

        if (Environment.GetEnvironmentVariable("BEAT_CONFVAR_ROWS") == "1")
        {
            double[] c40 = Committee(40);
            for (int i = 0; i < n; i++)
            {
                Song s = s_songs[i];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SELF {s.Name,-26} {s.Fold} F {s.F:0.000} committee {c40[i]:0.000} held/halves IG {ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.InformationGain, 40):0.000} held+phase IG {ConfidenceSignals.Agreement(s.Segments["held+phase/halves"], ConfidenceSignals.Measure.InformationGain, 40):0.000} F {ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.FMeasure, 40):0.000} phase {ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.Phase, 40):0.000} | quarters IG {ConfidenceSignals.Agreement(s.Segments["held/quarters"], ConfidenceSignals.Measure.InformationGain, 40):0.000} | pipeline IG {ConfidenceSignals.Agreement(s.Segments["pipeline/halves"], ConfidenceSignals.Measure.InformationGain, 40):0.000} | ") + string.Join(" ", s.Scalars.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key.Split(' ')[0]}{p.Key.Split(' ')[^1]}={p.Value:0.00}"))));
            }
        }

        foreach (string key in s_songs.First(s => s.Scalars.Count > 0).Scalars.Keys)
        {
            signals.Add((key, false, _ => [.. s_songs.Select(s => s.Scalars.GetValueOrDefault(key, double.NegativeInfinity))]));
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("grid-confidence variants, fourth round (BEAT_CONFVAR; held out): rho pooled (per fold) and AUC (F < 0.8) at 40 bins | over 30-50 bins: pooled mean [min, max], per-fold mean, AUC mean");
        Print("committee (shipped until the fourth round; now times held/halves self-consistency)", Committee);
        foreach ((string label, bool unit, Func<int, double[]> values) in signals)
        {
            Print(label, values);
            if (unit)
            {
                Print("  committee x it", bins => Combine(Committee(bins), values(bins), (a, b) => a * b));
                Print("  (committee + it) / 2", bins => Combine(Committee(bins), values(bins), (a, b) => (a + b) / 2));
                Print("  min(committee, it)", bins => Combine(Committee(bins), values(bins), Math.Min));
            }

            Print("  ranks: geometric mean of CDFs (other folds)", bins => Nested(Committee(bins), values(bins), 0.5));
            Print("  nested weight (other folds)", bins => Nested(Committee(bins), values(bins), double.NaN));
        }

        // The best fourth-round form at 40 bins, bin count by bin count against the shipped committee.
        double[] PerBin(Func<int, double[]> score) => [.. Enumerable.Range(30, 21).Select(bins => BeatAccuracyCommand.Spearman(score(bins), f))];
        double[] shipped = PerBin(Committee);
        double[] best = PerBin(bins => Combine(Committee(bins), [.. s_songs.Select(s => ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.InformationGain, bins))], (a, b) => a * b));
        Console.WriteLine(string.Create(c, $"  per bin count 30..50, pooled rho, shipped: {string.Join(" ", shipped.Select(v => v.ToString("+0.00;-0.00", c)))}"));
        Console.WriteLine(string.Create(c, $"  committee x held/halves IG:                {string.Join(" ", best.Select(v => v.ToString("+0.00;-0.00", c)))} (>= 0.5 at {best.Count(v => v >= 0.5)} of 21, above the shipped at {best.Where((v, i) => v > shipped[i]).Count()}, equal at {best.Where((v, i) => v == shipped[i]).Count()})"));
        ConfidenceSignals.PrintCost();

        void Print(string label, Func<int, double[]> score)
        {
            var pooled = new List<double>();
            var perFold = new List<double[]>();
            var aucs = new List<double>();
            string at40 = "";
            for (int bins = 30; bins <= 50; bins++)
            {
                double[] conf = score(bins);
                double rho = BeatAccuracyCommand.Spearman(conf, f);
                double[] folded = [.. Enumerable.Range(0, folds).Select(k => BeatAccuracyCommand.Spearman([.. conf.Where((_, i) => fold[i] == k)], [.. f.Where((_, i) => fold[i] == k)]))];
                double auc = Auc(conf, f);
                pooled.Add(rho);
                perFold.Add(folded);
                aucs.Add(auc);
                if (bins == BeatCommittee.DefaultBins)
                {
                    at40 = string.Create(c, $"{rho:+0.000;-0.000} ({string.Join(" / ", folded.Select(v => v.ToString("+0.000;-0.000", c)))}) AUC {auc:0.00} ({string.Join(" / ", Enumerable.Range(0, folds).Select(k => Auc([.. conf.Where((_, i) => fold[i] == k)], [.. f.Where((_, i) => fold[i] == k)]).ToString("0.00", c)))})");
                }
            }

            string foldMeans = string.Join(" / ", Enumerable.Range(0, folds).Select(k => perFold.Average(v => v[k]).ToString("+0.00;-0.00", c)));
            Console.WriteLine(string.Create(c, $"  {label,-72} {at40} | {pooled.Average():+0.00;-0.00} [{pooled.Min():+0.00;-0.00}, {pooled.Max():+0.00;-0.00}] ({foldMeans}) AUC {aucs.Average():0.00}"));
        }

        // Geometric mean of the two empirical CDFs (built on the other folds) with weight w on the new signal; w NaN = chosen
        // on the other folds by rho.
        double[] Nested(double[] a, double[] b, double w)
        {
            double[] result = new double[n];
            for (int k = 0; k < folds; k++)
            {
                int[] train = [.. Enumerable.Range(0, n).Where(i => fold[i] != k)];
                double[] ta = [.. train.Select(i => a[i])], tb = [.. train.Select(i => b[i])];
                double Score(int i, double weight) => ((1 - weight) * Math.Log(Cdf(ta, a[i]))) + (weight * Math.Log(Cdf(tb, b[i])));
                double chosen = w;
                if (double.IsNaN(chosen))
                {
                    double best = double.NegativeInfinity;
                    for (int step = 0; step <= 10; step++)
                    {
                        double weight = step / 10.0;
                        double rho = BeatAccuracyCommand.Spearman([.. train.Select(i => Score(i, weight))], [.. train.Select(i => f[i])]);
                        if (rho > best + 1e-9)
                        {
                            best = rho;
                            chosen = weight;
                        }
                    }
                }

                for (int i = 0; i < n; i++)
                {
                    if (fold[i] == k)
                    {
                        result[i] = Score(i, chosen);
                    }
                }
            }

            return result;
        }
    }

    /// <summary><c>BEAT_CONFVAR_BINS=1</c>: one line per song with the committee's agreement and the held/halves
    /// self-consistency at each bin count 30..50 (for offline checks of forms built on the shipped confidence).</summary>
    private static void DumpBins(string tag, List<Song> songs)
    {
        if (Environment.GetEnvironmentVariable("BEAT_CONFVAR_BINS") != "1")
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        foreach (Song s in songs)
        {
            IEnumerable<int> bins = Enumerable.Range(30, 21);
            string committee = string.Join(' ', bins.Select(b => (s.Grid.Length < 3 || s.Members.Length == 0 ? 0 : s.Members.Average(m => BeatCommittee.InformationGain(s.Grid, m, b))).ToString("0.00000", c)));
            string self = string.Join(' ', bins.Select(b => ConfidenceSignals.Agreement(s.Segments["held/halves"], ConfidenceSignals.Measure.InformationGain, b).ToString("0.00000", c)));
            Console.WriteLine(string.Create(c, $"{tag} {s.Name} {s.Fold} {s.F:0.000} {committee} | {self}"));
        }
    }

    private static double[] Combine(double[] a, double[] b, Func<double, double, double> op) => [.. a.Select((x, i) => op(x, b[i]))];

    /// <summary>Empirical CDF of <paramref name="v"/> in <paramref name="sample"/>, kept inside (0, 1).</summary>
    private static double Cdf(double[] sample, double v)
    {
        double below = 0;
        foreach (double x in sample)
        {
            below += x < v ? 1 : x == v ? 0.5 : 0;
        }

        return (below + 0.5) / (sample.Length + 1);
    }

    private static double Auc(double[] conf, double[] f)
    {
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < conf.Length; i++)
        {
            if (f[i] >= 0.8)
            {
                continue;
            }

            for (int j = 0; j < conf.Length; j++)
            {
                if (f[j] >= 0.8)
                {
                    wins += conf[i] < conf[j] ? 1 : conf[i] == conf[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }

        return pairs > 0 ? wins / pairs : double.NaN;
    }
}
