using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>beat-accuracy [DIR...] [--holdout K] [--show-held-out] [--set Key=Value]... [--sweep Key=v1,v2,...] [--only NAME] [--rate HZ] [--crop START:LENGTH] [--augment all|NAME,...] [--quiet]</c>: analyses every FLAC in
/// tests/data/beats and shared/data/beats-dev (or the DIRs), splits them into 3 folds (stratified by category, ordered by a
/// hash of the name) and prints the per-file MIREX scores of the tuning folds (held-out files only with
/// <c>--show-held-out</c>) and the means of the tuning folds, the held-out fold (<c>--holdout K</c>, default 2) and each
/// category, then the pooled 3-fold cross-validation (every file scored with its fold held out, anything learned fitted on
/// the other folds; per fold and per category too). <c>--set</c>/<c>--sweep</c> vary the internal analysis constants
/// (see RhythmTuning); <c>BEAT_BARFIT=1</c> adds the cross-validated learned downbeat weights (<see cref="DownbeatCrossValidation"/>).
/// <c>BEATS_EXTRA=DIR</c> also scores an independent held-out set outside the folds (see <see cref="EvaluateHeldOut"/>);
/// <c>BEATS_EXTRA_EST=DIR</c> scores another tracker's beats for it instead of running the analysis.
/// </summary>
internal static partial class BeatAccuracyCommand
{
    private static string? s_only;

    /// <summary>One evaluated excerpt.</summary>
    private sealed record Excerpt(string Name, string Category, int Fold, AudioBuffer Audio, double[] Beats, double[] Downbeats, int Meter, string Source = "");

    /// <summary>The scores of one excerpt.</summary>
    /// <summary>The scores of one excerpt; <c>CvConfidence</c> is the confidence of a model fitted on the other folds.</summary>
    private sealed record Row(Excerpt File, BeatEvaluation.Scores S, bool A1, bool A2, double DownbeatF, bool MeterOk, bool OffBeat, double Confidence, IReadOnlyList<(string Name, double Value)> Parts)
    {
        public double CvConfidence { get; init; } = Confidence;

        /// <summary>On the swung eighth (⅔ of the beat) throughout; such a grid is not counted in <c>OffBeat</c>.</summary>
        public bool Swung { get; init; }

        /// <summary>In phase for a quarter of the beats and out of phase for another quarter at the same level
        /// (<see cref="PhaseSlips"/>).</summary>
        public PhaseSlips.Result Slip { get; init; }
    }

    /// <summary>Folds of the development data: excerpts are ranked by a hash of their name within their category and
    /// dealt round-robin, so every fold holds each kind of music and the split never depends on the file order.</summary>
    private const int Folds = 3;

    private static int s_holdout = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var dirs = new List<string>();
        var sets = new List<string>();
        string? sweep = null;
        bool quiet = false, showHeldOut = false;
        int rate = 22_050;
        string? crop = null, augment = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set": sets.Add(args[++i]); break;
                case "--sweep": sweep = args[++i]; break;
                case "--quiet": quiet = true; break;
                case "--only": s_only = args[++i]; break;
                case "--crop": crop = args[++i]; break;
                case "--augment": augment = args[++i]; break;
                case "--rate": rate = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--holdout": s_holdout = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--show-held-out": showHeldOut = true; break;
                default: dirs.Add(args[i]); break;
            }
        }

        if (dirs.Count == 0)
        {
            dirs.Add(FindDataFolder());
            string? dev = FindDevFolder();
            if (dev is not null)
            {
                dirs.Add(dev);
            }
        }

        var audio = new List<Excerpt>();
        string? extra = Environment.GetEnvironmentVariable("BEATS_EXTRA");
        string? estimates = Environment.GetEnvironmentVariable("BEATS_EXTRA_EST");
        if (estimates is null)
        {
            foreach (string dir in dirs)
            {
                audio.AddRange(await LoadAsync(dir, rate, crop).ConfigureAwait(false));
            }
        }

        List<Excerpt> heldOut = extra is null ? [] : [.. (await LoadAsync(extra, rate, crop).ConfigureAwait(false)).Select(e => e with { Fold = -1 })];
        audio = AssignFolds(audio);
        RhythmTuning tuning = RhythmTuning.Default;
        foreach (string s in sets)
        {
            tuning = With(tuning, s);
        }

        string[] variants = sweep is null ? [""] : [.. sweep[(sweep.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',').Select(v => sweep[..sweep.IndexOf('=', StringComparison.Ordinal)] + "=" + v)];
        if (augment is not null)
        {
            await EvaluateAugmentedAsync(audio, [.. variants.Select(v => (v, v.Length == 0 ? tuning : With(tuning, v)))], AudioTransform.Parse(augment), rate, showHeldOut).ConfigureAwait(false);
            return 0;
        }

        foreach (string variant in variants)
        {
            RhythmTuning t = variant.Length == 0 ? tuning : With(tuning, variant);
            if (audio.Count > 0)
            {
                Evaluate(audio, t, variant, quiet, showHeldOut);
            }

            if (heldOut.Count > 0)
            {
                EvaluateHeldOut(heldOut, t, variant, extra!, estimates);
            }
        }

        return 0;
    }

    /// <summary>Every FLAC of <paramref name="dir"/> with its beats, downbeats, meter and category (fold 0 until dealt).</summary>
    private static async Task<List<Excerpt>> LoadAsync(string dir, int rate, string? crop)
    {
        var audio = new List<Excerpt>();
        string[] files = Directory.GetFiles(dir, "*.flac");
        Array.Sort(files, StringComparer.Ordinal);
        Dictionary<string, (int Meter, string Category)> manifest = ReadManifest(Path.Combine(dir, "manifest.tsv"));
        foreach (string f in files)
        {
            if (s_only is not null && !f.Contains(s_only, StringComparison.Ordinal))
            {
                continue;
            }

            string name = Path.GetFileNameWithoutExtension(f);
            AudioBuffer buffer = await AudioDecoder.DecodeAsync(f, rate, 1).ConfigureAwait(false);
            double[] beatTimes = ReadTimes(Path.ChangeExtension(f, ".beats")), downbeatTimes = ReadTimes(Path.ChangeExtension(f, ".downbeats"));
            if (crop is not null)
            {
                // --crop START:LENGTH analyses only that part (seconds), to check that decisions do not hang on the excerpt.
                string[] parts = crop.Split(':');
                double start = double.Parse(parts[0], CultureInfo.InvariantCulture), length = double.Parse(parts[1], CultureInfo.InvariantCulture);
                int from = (int)(start * rate), count = Math.Min(buffer.Samples.Length - from, (int)(length * rate));
                buffer = new AudioBuffer(buffer.Samples.AsSpan(from, count).ToArray(), buffer.SampleRate, 1);
                beatTimes = [.. beatTimes.Select(t => t - start).Where(t => t >= 0 && t < length)];
                downbeatTimes = [.. downbeatTimes.Select(t => t - start).Where(t => t >= 0 && t < length)];
            }

            (int meter, string category) = manifest.GetValueOrDefault(name, (4, "midi"));
            audio.Add(new Excerpt(name, category, 0, buffer, beatTimes, downbeatTimes, meter, f));
        }

        return audio;
    }

    /// <summary>Deals the excerpts into <see cref="Folds"/> folds, stratified by category, in the order of a hash of the name.</summary>
    private static List<Excerpt> AssignFolds(List<Excerpt> audio)
    {
        var result = new List<Excerpt>(audio.Count);
        foreach (IGrouping<string, Excerpt> group in audio.GroupBy(e => e.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int k = 0;
            foreach (Excerpt e in group.OrderBy(e => Fnv(e.Name)).ThenBy(e => e.Name, StringComparer.Ordinal))
            {
                result.Add(e with { Fold = k++ % Folds });
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private static uint Fnv(string s)
    {
        uint h = 2166136261;
        foreach (char ch in s)
        {
            h = (h ^ ch) * 16777619;
        }

        return h;
    }

    private static void Evaluate(List<Excerpt> audio, RhythmTuning tuning, string label, bool quiet, bool showHeldOut)
    {
        var c = CultureInfo.InvariantCulture;
        if (!quiet)
        {
            Console.WriteLine(string.Create(c, $"{"file",-26} {"cat",-9} {"F",6} {"CMLt",6} {"AMLt",6} {"P",6} {"ref",6} {"est",6} {"Acc1",4} {"Acc2",4} {"DbF",6} {"m/ref",5} {"conf",5} {"comb",6} {"per",6}"));
        }

        var rows = new List<Row>();
        double cpu = 0, seconds = 0;
        foreach (Excerpt file in audio)
        {
            (string name, AudioBuffer buffer, double[] beats, double[] downbeats, int meter) = (file.Name, file.Audio, file.Beats, file.Downbeats, file.Meter);
            if (Environment.GetEnvironmentVariable("BEAT_LEVEL") == "1")
            {
                MetricalLevel.Trace = line => Console.WriteLine($"LEVEL {name} {BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(beats)):0.0} {line}");
            }

            BeatCommittee.Traced? committee = null;
            if (ConfidenceVariants.Enabled)
            {
                BeatCommittee.Trace = traced => committee = traced;
            }

            var sw = Stopwatch.StartNew();
            RhythmAnalysis result = RhythmAnalyzer.Run(buffer.Samples, buffer.SampleRate, RhythmAnalysisOptions.Default, tuning);
            BeatCommittee.Trace = null;
            cpu += sw.Elapsed.TotalSeconds;
            seconds += buffer.Duration.TotalSeconds;
            double[] est = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
            double[] estDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
            BeatEvaluation.Scores s = BeatEvaluation.Evaluate(beats, est);
            double refTempo = BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(beats));
            bool a1 = BeatEvaluation.Acc1(result.Tempo.Bpm, refTempo), a2 = BeatEvaluation.Acc2(result.Tempo.Bpm, refTempo);
            double d = BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats), BeatEvaluation.Trim(estDown));
            bool offBeat = IsOffBeat(beats, est, s.FMeasure);
            if (committee is { } traced)
            {
                ConfidenceVariants.Add(name, file.Fold, s.FMeasure, traced, result.ConfidenceParts, tuning);
            }

            rows.Add(new Row(file, s, a1, a2, d, result.BeatsPerBar == meter, offBeat, result.Confidence, result.ConfidenceParts) { Swung = IsSwungEighth(beats, est, s.FMeasure), Slip = PhaseSlips.Measure(beats, est) });
            bool show = file.Fold != s_holdout || showHeldOut || s_only is not null;
            if (show && (s_only is not null || Environment.GetEnvironmentVariable("BEAT_DB") == "1"))
            {
                PrintDownbeatPositions(name, beats, downbeats, estDown);
            }

            if (Environment.GetEnvironmentVariable("BEAT_CONF") == "1")
            {
                Console.WriteLine(string.Create(c, $"CONF {name} {file.Fold} {s.FMeasure:0.000} {result.Confidence:0.000} cat={file.Category} off={(offBeat ? 1 : 0)} amlt={s.Amlt:0.000} a1={(a1 ? 1 : 0)} fmid={OffBeatF(beats, est):0.000} ") + string.Join(' ', result.ConfidenceParts.Select(p => string.Create(c, $"{p.Name}={p.Value:0.0000}"))));
            }

            DownbeatDump.Add(Environment.GetEnvironmentVariable("BEAT_DBDUMP_SET") ?? "dev", name, file.Category, file.Fold, buffer, result, beats, downbeats, meter, s.FMeasure, d, tuning);
            if (DownbeatCrossValidation.Enabled)
            {
                DownbeatCrossValidation.Add(name, file.Fold, buffer, result, downbeats, tuning);
            }

            if (Environment.GetEnvironmentVariable("BEAT_BAR") == "1")
            {
                BarDiagnostics.Add(name, file.Fold == s_holdout, buffer, beats, downbeats, meter);
            }

            if (show)
            {
                BeatDiagnostics.Print(name, buffer, tuning, beats, est, refTempo);
            }

            if (s_only is not null)
            {
                PrintDetail(buffer, beats, est, result);
            }

            if (!quiet && show)
            {
                Console.WriteLine(string.Create(c, $"{name,-26} {file.Category,-9} {s.FMeasure,6:0.000} {s.Cmlt,6:0.000} {s.Amlt,6:0.000} {s.PScore,6:0.000} {refTempo,6:0.0} {result.Tempo.Bpm,6:0.0} {(a1 ? "y" : "n"),4} {(a2 ? "y" : "n"),4} {d,6:0.000} {result.BeatsPerBar + "/" + meter,5} {result.Confidence,5:0.00} {result.CombTempo,6:0.0} {result.Periodicity,6:0.000}{(offBeat ? " OFF" : "")}{(IsSwungEighth(beats, est, s.FMeasure) ? " SWUNG" : "")}"));
            }
        }

        BarDiagnostics.Summarise();
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{(label.Length == 0 ? "" : label + ": ")}folds by category and name hash, held-out fold {s_holdout} of {Folds}; cpu {cpu / (seconds / 60):0.000} s/min (wall, loaded machine)"));
        Console.WriteLine(string.Create(c, $"{"set",-22} {"n",3} {"F",6} {"CMLt",6} {"AMLt",6} {"Acc1",5} {"Acc2",5} {"DbF",6} {"meter",5} {"off",3} {"⅔",3} {"rho",6} {"slip",4}"));
        Summary("tuning folds", rows.Where(r => r.File.Fold != s_holdout).ToList());
        Summary("held-out fold", rows.Where(r => r.File.Fold == s_holdout).ToList());
        Summary("all", rows);
        foreach (IGrouping<string, Row> g in rows.GroupBy(r => r.File.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Summary("  " + g.Key, [.. g]);
        }

        PrintSlips(rows);
        PrintCrossValidation(rows);
        DownbeatCrossValidation.Summarise(Folds);
        ConfidenceVariants.Summarise(Folds);
    }

    /// <summary>The excerpts whose grid slips (see <see cref="PhaseSlips"/>): share of beats in / out of phase at the
    /// annotated level, changes between in- and out-of-phase runs and the time of the first.</summary>
    private static void PrintSlips(List<Row> rows)
    {
        var c = CultureInfo.InvariantCulture;
        List<Row> slips = [.. rows.Where(r => r.Slip.IsSlip)];
        string list = string.Join(", ", slips.Select(r => string.Create(c, $"{r.File.Name}[{r.File.Fold}] F {r.S.FMeasure:0.00} in {r.Slip.In:0.00} out {r.Slip.Out:0.00} ×{r.Slip.Slips} from {r.Slip.FirstSlip:0}s")));
        Console.WriteLine(string.Create(c, $"phase slips (≥ {PhaseSlips.MinShare:0%} of beats in phase and ≥ {PhaseSlips.MinShare:0%} out at the same level): {slips.Count} of {rows.Count}{(slips.Count == 0 ? "" : ": ")}{list}"));
    }

    /// <summary>
    /// Honest pooled cross-validation: every excerpt is scored in the run where its fold is held out, i.e. whatever is
    /// learned (the confidence model) is fitted on the other folds only; the measures are then computed over all
    /// held-out scores together (pooled) and per fold. The analysis' hand-chosen constants are the same in every run
    /// (chosen on folds 0 and 1, see the README), so beats, downbeats and meter are those of the run above; the rho
    /// column is the rank correlation of the held-out confidence with F. The last lines give the model refitted on all
    /// excerpts (what would ship) and the rho of the confidence the analysis gave.
    /// </summary>
    private static void PrintCrossValidation(List<Row> rows)
    {
        var c = CultureInfo.InvariantCulture;
        if (rows.Any(r => r.Parts.Count == 0) || rows.Select(r => r.File.Fold).Distinct().Count() < Folds)
        {
            Console.WriteLine("cross-validation skipped: some excerpt has no confidence evidence or a fold is empty");
            return;
        }

        var cv = new List<Row>(rows.Count);
        for (int k = 0; k < Folds; k++)
        {
            List<Row> train = [.. rows.Where(r => r.File.Fold != k)];
            LogisticModel model = LogisticModel.Fit([.. train.Select(r => LogisticModel.Features(r.Parts))], [.. train.Select(r => r.S.FMeasure)]);
            cv.AddRange(rows.Where(r => r.File.Fold == k).Select(r => r with { CvConfidence = model.Predict(LogisticModel.Features(r.Parts)) }));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"3-fold cross-validation (confidence model over {string.Join(',', LogisticModel.FeatureNames)}, ridge {LogisticModel.Ridge}; rho = held-out confidence against F)"));
        Console.WriteLine(string.Create(c, $"{"set",-22} {"n",3} {"F",6} {"CMLt",6} {"AMLt",6} {"Acc1",5} {"Acc2",5} {"DbF",6} {"meter",5} {"off",3} {"⅔",3} {"rho",6} {"slip",4}"));
        Summary("pooled held-out", cv, cvConfidence: true);
        for (int k = 0; k < Folds; k++)
        {
            Summary(string.Create(c, $"  fold {k} held out"), [.. cv.Where(r => r.File.Fold == k)], cvConfidence: true);
        }

        foreach (IGrouping<string, Row> g in cv.GroupBy(r => r.File.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Summary("  " + g.Key, [.. g], cvConfidence: true);
        }

        LogisticModel all = LogisticModel.Fit([.. rows.Select(r => LogisticModel.Features(r.Parts))], [.. rows.Select(r => r.S.FMeasure)]);
        double rhoShipped = Spearman([.. rows.Select(r => r.Confidence)], [.. rows.Select(r => r.S.FMeasure)]);
        double rhoAll = Spearman([.. rows.Select(r => all.Predict(LogisticModel.Features(r.Parts)))], [.. rows.Select(r => r.S.FMeasure)]);
        double rhoCv = Spearman([.. cv.Select(r => r.CvConfidence)], [.. cv.Select(r => r.S.FMeasure)]);
        Console.WriteLine(string.Create(c, $"confidence rho: as analysed (all) {rhoShipped:+0.00;-0.00}, model held-out (pooled) {rhoCv:+0.00;-0.00}, model fitted on all (in-sample) {rhoAll:+0.00;-0.00}"));
        PrintShippedConfidence(rows);
        Console.WriteLine("confidence model fitted on all: mean [" + string.Join(", ", all.Mean.Select(v => v.ToString("0.0000", c)))
            + "] scale [" + string.Join(", ", all.Scale.Select(v => v.ToString("0.0000", c)))
            + "] weights [" + string.Join(", ", all.Weights.Select(v => v.ToString("0.000", c))) + "] bias " + all.Bias.ToString("0.000", c));
    }

    /// <summary>
    /// The grid confidence as the analysis gives it (the committee agreement, nothing fitted, so every fold is held out
    /// for it): rho per fold and pooled, mean F by confidence quartile, and the files below the warning threshold.
    /// </summary>
    private static void PrintShippedConfidence(List<Row> rows)
    {
        var c = CultureInfo.InvariantCulture;
        string perFold = string.Join(" / ", Enumerable.Range(0, Folds).Select(k =>
        {
            List<Row> fold = [.. rows.Where(r => r.File.Fold == k)];
            return Spearman([.. fold.Select(r => r.Confidence)], [.. fold.Select(r => r.S.FMeasure)]).ToString("+0.00;-0.00", c);
        }));
        Console.WriteLine(string.Create(c, $"grid confidence (committee agreement, not fitted): rho pooled {Spearman([.. rows.Select(r => r.Confidence)], [.. rows.Select(r => r.S.FMeasure)]):+0.00;-0.00}, per fold {perFold}"));
        string perFoldAuc = string.Join(" / ", Enumerable.Range(0, Folds).Select(k => WrongGridAuc([.. rows.Where(r => r.File.Fold == k)]).ToString("0.00", c)));
        Console.WriteLine(string.Create(c, $"  AUC for telling grids with F < 0.8 from the rest: pooled {WrongGridAuc(rows):0.00}, per fold {perFoldAuc} ({rows.Count(r => r.S.FMeasure < 0.8)} such grids: {string.Join(" / ", Enumerable.Range(0, Folds).Select(k => rows.Count(r => r.File.Fold == k && r.S.FMeasure < 0.8)))})"));
        List<Row> sorted = [.. rows.OrderBy(r => r.Confidence)];
        for (int q = 0; q < 4; q++)
        {
            List<Row> part = sorted.GetRange(q * sorted.Count / 4, ((q + 1) * sorted.Count / 4) - (q * sorted.Count / 4));
            Console.WriteLine(string.Create(c, $"  quartile {q + 1} (confidence {part[0].Confidence:0.00}-{part[^1].Confidence:0.00}): n {part.Count}, mean F {part.Average(r => r.S.FMeasure):0.000}, CMLt {part.Average(r => r.S.Cmlt):0.000}, F < 0.8: {part.Count(r => r.S.FMeasure < 0.8)}"));
        }

        List<Row> weak = [.. rows.Where(r => r.Confidence < RhythmAnalyzer.WeakConfidence)];
        List<Row> strong = [.. rows.Where(r => r.Confidence >= RhythmAnalyzer.WeakConfidence)];
        Console.WriteLine(string.Create(c, $"  below the warning threshold {RhythmAnalyzer.WeakConfidence:0.00}: {weak.Count} files, mean F {(weak.Count > 0 ? weak.Average(r => r.S.FMeasure) : double.NaN):0.000}, F < 0.8: {weak.Count(r => r.S.FMeasure < 0.8)}; at or above: {strong.Count} files, mean F {(strong.Count > 0 ? strong.Average(r => r.S.FMeasure) : double.NaN):0.000}, F < 0.8: {strong.Count(r => r.S.FMeasure < 0.8)}"));
    }

    /// <summary>The probability that a grid with F &lt; 0.8 gets a lower confidence than one with F ≥ 0.8 (ties count
    /// half): how well the confidence tells wrong grids from right ones, whatever the order within each group.</summary>
    private static double WrongGridAuc(List<Row> rows)
    {
        double[] wrong = [.. rows.Where(r => r.S.FMeasure < 0.8).Select(r => r.Confidence)];
        double[] right = [.. rows.Where(r => r.S.FMeasure >= 0.8).Select(r => r.Confidence)];
        if (wrong.Length == 0 || right.Length == 0)
        {
            return double.NaN;
        }

        double wins = 0;
        foreach (double w in wrong)
        {
            foreach (double r in right)
            {
                wins += w < r ? 1 : w == r ? 0.5 : 0;
            }
        }

        return wins / (wrong.Length * (double)right.Length);
    }

    private static void Summary(string label, List<Row> rows, bool cvConfidence = false)
    {
        int n = rows.Count;
        if (n == 0)
        {
            return;
        }

        double rho = Spearman([.. rows.Select(r => cvConfidence ? r.CvConfidence : r.Confidence)], [.. rows.Select(r => r.S.FMeasure)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-22} {n,3} {rows.Average(r => r.S.FMeasure),6:0.000} {rows.Average(r => r.S.Cmlt),6:0.000} {rows.Average(r => r.S.Amlt),6:0.000} {rows.Average(r => r.A1 ? 1.0 : 0),5:0.00} {rows.Average(r => r.A2 ? 1.0 : 0),5:0.00} {rows.Average(r => r.DownbeatF),6:0.000} {rows.Average(r => r.MeterOk ? 1.0 : 0),5:0.00} {rows.Count(r => r.OffBeat),3} {rows.Count(r => r.Swung),3} {rho,6:+0.00;-0.00} {rows.Count(r => r.Slip.IsSlip),4}"));
    }

    /// <summary>On the off-beat throughout: the estimate matches the points halfway between the reference beats far
    /// better than the beats themselves (F against the off-beats ≥ 0.6 and against the beats &lt; 0.25), and its median
    /// phase within the reference beats is nearer ½ than ⅔ (at fast tempi the ±70 ms window holds both the off-beat
    /// and the swung eighth, see <see cref="IsSwungEighth"/>).</summary>
    private static bool IsOffBeat(double[] reference, double[] estimated, double f) =>
        f < 0.25 && PhaseF(reference, estimated, 0.5) >= 0.6 && MedianPhase(reference, estimated) < 7.0 / 12;

    /// <summary>On the swung eighth throughout: F against the points ⅔ through each reference beat ≥ 0.6, against the
    /// beats &lt; 0.25, and the median phase nearer ⅔ than ½ (a shuffle whose "and" the tracker took for the beat).</summary>
    private static bool IsSwungEighth(double[] reference, double[] estimated, double f) =>
        f < 0.25 && PhaseF(reference, estimated, 2.0 / 3) >= 0.6 && MedianPhase(reference, estimated) >= 7.0 / 12;

    /// <summary>The median phase (0–1) of the estimated beats within the reference beat intervals that hold them.</summary>
    private static double MedianPhase(double[] reference, double[] estimated)
    {
        double[] r = BeatEvaluation.Trim(reference);
        var phases = new List<double>();
        foreach (double e in BeatEvaluation.Trim(estimated))
        {
            int k = Array.BinarySearch(r, e);
            k = k >= 0 ? k : ~k - 1;
            if (k >= 0 && k + 1 < r.Length)
            {
                phases.Add((e - r[k]) / (r[k + 1] - r[k]));
            }
        }

        if (phases.Count == 0)
        {
            return 0;
        }

        phases.Sort();
        return phases[phases.Count / 2];
    }

    /// <summary>F-measure of the estimate against the points halfway between the reference beats.</summary>
    private static double OffBeatF(double[] reference, double[] estimated) => PhaseF(reference, estimated, 0.5);

    /// <summary>F-measure of the estimate against the points <paramref name="fraction"/> of the way through each reference beat.</summary>
    private static double PhaseF(double[] reference, double[] estimated, double fraction)
    {
        double[] r = BeatEvaluation.Trim(reference);
        if (r.Length < 2)
        {
            return 0;
        }

        double[] points = new double[r.Length - 1];
        for (int k = 1; k < r.Length; k++)
        {
            points[k - 1] = r[k - 1] + (fraction * (r[k] - r[k - 1]));
        }

        return BeatEvaluation.FMeasure(points, BeatEvaluation.Trim(estimated));
    }

    /// <summary>Spearman rank correlation (average ranks for ties).</summary>
    internal static double Spearman(double[] x, double[] y)
    {
        double[] rx = Ranks(x), ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    private static double[] Ranks(double[] v)
    {
        int[] order = [.. Enumerable.Range(0, v.Length).OrderBy(i => v[i])];
        double[] ranks = new double[v.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && v[order[j + 1]] == v[order[i]])
            {
                j++;
            }

            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = 0.5 * (i + j);
            }

            i = j + 1;
        }

        return ranks;
    }

    private static void PrintDownbeatPositions(string name, double[] beats, double[] downbeats, double[] estDown)
    {
        // Where the estimated downbeats fall in the reference bars (1 = right).
        var positions = new Dictionary<int, int>();
        foreach (double e in estDown.Where(x => x > 5))
        {
            int nearest = Array.FindIndex(beats, b => Math.Abs(b - e) < 0.07);
            if (nearest < 0)
            {
                continue;
            }

            int lastDown = Array.FindLastIndex(beats, nearest, b => downbeats.Any(d => Math.Abs(d - b) < 0.01));
            if (lastDown >= 0)
            {
                int pos = nearest - lastDown + 1;
                positions[pos] = positions.GetValueOrDefault(pos) + 1;
            }
        }

        Console.WriteLine(name + " downbeat positions: " + string.Join(' ', positions.OrderBy(kv => kv.Key).Select(kv => kv.Key + ":" + kv.Value)));
    }

    private static void PrintDetail(AudioBuffer buffer, double[] beats, double[] est, RhythmAnalysis result)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine("ref: " + string.Join(' ', beats.Where(b => b > 5 && b < 12).Select(b => b.ToString("0.00", c))));
        Console.WriteLine("est: " + string.Join(' ', est.Where(b => b > 5 && b < 12).Select(b => b.ToString("0.00", c))));
        var spec = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, 100, (float)(0.1 / Signal.Rms(buffer.Samples)));
        var feat = OnsetFeatures.Compute(spec);
        for (int dd = -30; dd <= 30; dd += 3)
        {
            double sf = 0, sl = 0;
            foreach (double b in beats)
            {
                int fr = (int)Math.Round(b * 100) + dd;
                if (fr >= 0 && fr < feat.Flux.Length)
                {
                    sf += feat.Flux[fr];
                    sl += feat.LowFlux[fr];
                }
            }

            Console.WriteLine(string.Create(c, $"  d={dd * 10,4} ms full {sf / beats.Length,8:0.00} low {sl / beats.Length,8:0.00}"));
        }

        Console.WriteLine("curve: " + string.Join(' ', result.TempoCurve.Select(b => b.Bpm.ToString("0", c))));
    }

    private static RhythmTuning With(RhythmTuning tuning, string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        string key = assignment[..eq], value = assignment[(eq + 1)..];
        PropertyInfo property = typeof(RhythmTuning).GetProperty(key) ?? throw new ArgumentException($"Unknown tuning '{key}'.");
        RhythmTuning copy = tuning with { };
        property.SetValue(copy, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
        return copy;
    }

    internal static string FindDataFolder()
    {
        string? d = AppContext.BaseDirectory;
        while (d is not null)
        {
            string candidate = Path.Combine(d, "tests", "data", "beats");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            d = Path.GetDirectoryName(d);
        }

        string cwd = Path.Combine(Directory.GetCurrentDirectory(), "tests", "data", "beats");
        return Directory.Exists(cwd) ? cwd : throw new DirectoryNotFoundException("tests/data/beats not found; pass the folder as the first argument.");
    }

    /// <summary>The development set: $BEATS_DEV, or shared/data/beats-dev beside the repository.</summary>
    private static string? FindDevFolder()
    {
        string? env = Environment.GetEnvironmentVariable("BEATS_DEV");
        if (env is not null && Directory.Exists(env))
        {
            return env;
        }

        string? d = AppContext.BaseDirectory;
        while (d is not null)
        {
            string candidate = Path.Combine(d, "shared", "data", "beats-dev");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            d = Path.GetDirectoryName(d);
        }

        return null;
    }

    private static double[] ReadTimes(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => double.Parse(l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture))];

    /// <summary>Meter (beats per bar) and category per excerpt: the manifest's <c>category</c> column grouped into the kinds
    /// of music (MIDI render, electronic, tracker module, drum machine, real recording); any degraded file is "degraded".</summary>
    private static Dictionary<string, (int Meter, string Category)> ReadManifest(string manifest)
    {
        var result = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        if (!File.Exists(manifest))
        {
            return result;
        }

        string[] lines = File.ReadAllLines(manifest);
        string[] header = lines[0].Split('\t');
        int name = Array.IndexOf(header, "name"), meter = Array.IndexOf(header, "meter"), kind = Array.IndexOf(header, "kind"), degradation = Array.IndexOf(header, "degradation");
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            string m = cells[meter];
            int beats = m switch { "6/8" => 2, "12/8" => 4, "9/8" => 3, _ => int.Parse(m.Split('/')[0], CultureInfo.InvariantCulture) };
            string k = kind >= 0 ? cells[kind].ToLowerInvariant() : "";
            string category = degradation >= 0 && cells[degradation] != "none" ? "degraded"
                : k.StartsWith("real", StringComparison.Ordinal) ? "real"
                : k.StartsWith("lmms", StringComparison.Ordinal) ? "electronic"
                : k.StartsWith("tracker", StringComparison.Ordinal) ? "tracker"
                : k.StartsWith("hydrogen", StringComparison.Ordinal) ? "drum-mach"
                : "midi";
            result[cells[name]] = (beats, category);
        }

        return result;
    }
}
