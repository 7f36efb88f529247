using System.Globalization;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>BEAT_CONFVAR=1</c>: grid-confidence variants computed from the committee members' beats of one analysis run (the
/// members are tracked once per file; each variant only re-measures their agreement with the grid). Every variant is
/// a hand-chosen form, nothing is fitted, so each file's score is a held-out score and the pooled figure is the
/// 99-file figure. Printed per variant: Spearman rho with per-file F (pooled and per fold) and the AUC for telling
/// grids with F &lt; 0.8 from the rest, at the published 40 histogram bins and as mean [min, max] over 30–50 bins (the
/// information gain's histogram is quantised by the 10 ms frame lattice, so one bin count proves little).
/// </summary>
internal static class ConfidenceVariants
{
    private sealed record Song(string Name, int Fold, double F, double[] Grid, double[][] Members, bool Ternary, double PhaseSupport);

    private static readonly List<Song> s_songs = [];

    public static bool Enabled => Environment.GetEnvironmentVariable("BEAT_CONFVAR") == "1";

    /// <summary>Records one analysed file: its grid, the members' beats (frames), F and the phase evidence.</summary>
    public static void Add(string name, int fold, double f, int[] grid, int[][] members, bool ternary, IReadOnlyList<(string Name, double Value)> parts, RhythmTuning tuning)
    {
        double fps = tuning.FramesPerSecond;
        double[] Seconds(int[] frames) => BeatEvaluation.Trim(frames.Select(x => x / fps));
        s_songs.Add(new Song(name, fold, f, Seconds(grid), [.. members.Select(Seconds)], ternary, PhaseSupport(parts, tuning)));
    }

    /// <summary>
    /// The half-beat phase evidence (see <see cref="PhaseEvidence"/>) for the final grid: harmony + bars + kick in units of
    /// their spread, positive when the grid's beats look more like beats than its off-beats (negated when the analysis
    /// moved the grid half a beat).
    /// </summary>
    private static double PhaseSupport(IReadOnlyList<(string Name, double Value)> parts, RhythmTuning tuning)
    {
        double Part(string key) => parts.FirstOrDefault(p => p.Name == key).Value;
        var cues = new PhaseEvidence.Cues(0, Part("pKick"), 0, Part("pHarm"), 0, Part("pBar"), 0, 0, (int)Part("pN"));
        double sum = (cues.Harmony / tuning.PhaseHarmonyScale) + (cues.Bar / tuning.PhaseBarScale) + (cues.Kick / tuning.PhaseKickScale);
        return PhaseEvidence.FavoursOffBeats(cues, tuning) ? sum : -sum;
    }

    /// <summary>Mean of cos 2π·s·x over the member's beats inside the grid, x = the beat's place in the grid's beat interval.</summary>
    private static double Phase(double[] grid, double[] member, int subdivision)
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
            ("committee: mean information gain (shipped)", (_, m) => m.Average(x => x.Gain)),
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

        s_songs.Clear();
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
