using System.Globalization;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>beat-accuracy --augment all|NAME,...</c>: every excerpt is analysed untransformed and after each
/// <see cref="AudioTransform"/>, scored against its annotations carried onto the transformed audio, and each transform
/// gets a line per set (all, tuning folds, held-out fold) plus the files whose result flips against the untransformed
/// run. With <c>--sweep</c> every variant is run on every transform.
/// </summary>
internal static partial class BeatAccuracyCommand
{
    /// <summary>Where the transformed audio is cached ($VIDEOKIT_AUGMENT_CACHE, default /tmp/videokit-augment).</summary>
    private static string AugmentCache => Environment.GetEnvironmentVariable("VIDEOKIT_AUGMENT_CACHE") ?? Path.Combine(Path.GetTempPath(), "videokit-augment");

    /// <summary>One excerpt's scores under one transform. <c>Level</c> is the tracked tempo over the annotated one as a
    /// simple ratio (1, 1/2, 2, 1/3, 3, 2/3, 3/2, or ? for anything else).</summary>
    private sealed record AugmentedRow(Excerpt File, double F, double Cmlt, double Amlt, bool A1, double DownbeatF, bool MeterOk, bool OffBeat, string Level, double OffsetMs, bool Swung = false, bool Slip = false)
    {
        /// <summary>What kind of result this is: "off" (off-beat throughout), "swung" (on the swung eighth, ⅔ of the
        /// beat, throughout), the level, or "1:lost" (right tempo, F &lt; 0.5).</summary>
        public string State => OffBeat ? "off" : Swung ? "swung" : Level == "1" && F < 0.5 ? "1:lost" : Level;
    }

    private static async Task EvaluateAugmentedAsync(List<Excerpt> audio, List<(string Label, RhythmTuning Tuning)> variants, List<AudioTransform> transforms, int rate, bool verbose)
    {
        var c = CultureInfo.InvariantCulture;
        transforms.Insert(0, AudioTransform.None);
        var results = new Dictionary<(string Variant, string Transform), List<AugmentedRow>>();
        Console.WriteLine($"augmentation cache: {AugmentCache}");
        foreach (AudioTransform transform in transforms)
        {
            var transformed = new List<Excerpt>(audio.Count);
            foreach (Excerpt e in audio)
            {
                AudioBuffer buffer = transform == AudioTransform.None ? e.Audio : await transform.ApplyAsync(e.Source, e.Audio, AugmentCache, rate).ConfigureAwait(false);
                transformed.Add(e with { Audio = buffer, Beats = transform.MapTimes(e.Beats), Downbeats = transform.MapTimes(e.Downbeats) });
            }

            foreach ((string label, RhythmTuning tuning) in variants)
            {
                double cpu = 0;
                var rows = new List<AugmentedRow>(transformed.Count);
                foreach (Excerpt file in transformed)
                {
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    var levels = new List<string>();
                    bool trace = Environment.GetEnvironmentVariable("BEAT_AUGTRACE") == "1";
                    if (trace)
                    {
                        MetricalLevel.Trace = levels.Add;
                    }

                    AugmentedRow row = ScoreAugmented(file, tuning, out double combBpm, out double estBpm, out string cues, transform.Name);
                    MetricalLevel.Trace = null;
                    rows.Add(row);
                    if (trace)
                    {
                        Console.WriteLine(string.Create(c, $"AUG {transform.Name} {label} {file.Name} {file.Fold} ref {BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(file.Beats)):0.0} est {estBpm:0.0} comb {combBpm:0.0} F {row.F:0.00} {row.State} db {row.DownbeatF:0.00} {cues} | {string.Join(" | ", levels)}"));
                    }

                    cpu += sw.Elapsed.TotalSeconds;
                }

                results[(label, transform.Name)] = rows;
                Console.Error.WriteLine(string.Create(c, $"  {transform.Name} {label}: {cpu:0.0} s wall for the analyses"));
            }
        }

        foreach ((string label, _) in variants)
        {
            Console.WriteLine();
            Console.WriteLine($"robustness under transforms{(label.Length == 0 ? "" : " (" + label + ")")}: tune = folds 0+1, held = fold {s_holdout}; lvl = files at tempo ×½ / ×2 / other; dt = median beat offset (ms, matched beats)");
            Console.WriteLine(string.Create(c, $"{"transform",-11} {"set",-5} {"n",3} {"F",6} {"CMLt",6} {"AMLt",6} {"Acc1",5} {"DbF",6} {"meter",5} {"off",3} {"⅔",3} {"lvl",8} {"dt",5} {"flips",5} {"dbLost",6} {"slip",4}"));
            List<AugmentedRow> baseline = results[(label, AudioTransform.None.Name)];
            Dictionary<string, AugmentedRow> byName = baseline.ToDictionary(r => r.File.Name, StringComparer.Ordinal);
            var flipLines = new List<string>();
            double sumF = 0, sumCmlt = 0, sumDb = 0;
            int transformsSeen = 0, slipTotal = 0, slipHeld = 0, flipsTotal = 0, levelTotal = 0, offTotal = 0, swungTotal = 0, offHeld = 0, swungHeld = 0;
            foreach (AudioTransform transform in transforms)
            {
                List<AugmentedRow> rows = results[(label, transform.Name)];
                List<AugmentedRow> flips = [.. rows.Where(r => IsFlip(byName[r.File.Name], r))];
                List<AugmentedRow> dbLost = [.. rows.Where(r => byName[r.File.Name].DownbeatF - r.DownbeatF >= 0.5)];
                foreach ((string set, List<AugmentedRow> part) in (ReadOnlySpan<(string, List<AugmentedRow>)>)[
                    ("all", rows), ("tune", [.. rows.Where(r => r.File.Fold != s_holdout)]), ("held", [.. rows.Where(r => r.File.Fold == s_holdout)])])
                {
                    if (part.Count == 0)
                    {
                        continue;
                    }

                    int half = part.Count(r => r.Level == "1/2"), twice = part.Count(r => r.Level == "2"), other = part.Count(r => r.Level is not "1" and not "1/2" and not "2");
                    double[] dts = [.. part.Select(r => r.OffsetMs).Where(double.IsFinite).Order()];
                    HashSet<string> names = [.. part.Select(r => r.File.Name)];
                    Console.WriteLine(string.Create(c, $"{(set == "all" ? transform.Name : ""),-11} {set,-5} {part.Count,3} {part.Average(r => r.F),6:0.000} {part.Average(r => r.Cmlt),6:0.000} {part.Average(r => r.Amlt),6:0.000} {part.Average(r => r.A1 ? 1.0 : 0),5:0.00} {part.Average(r => r.DownbeatF),6:0.000} {part.Average(r => r.MeterOk ? 1.0 : 0),5:0.00} {part.Count(r => r.OffBeat),3} {part.Count(r => r.Swung),3} {half + "/" + twice + "/" + other,8} {(dts.Length > 0 ? dts[dts.Length / 2] : double.NaN),5:0.0} {flips.Count(f => names.Contains(f.File.Name)),5} {dbLost.Count(f => names.Contains(f.File.Name)),6} {part.Count(r => r.Slip),4}"));
                }

                if (transform != AudioTransform.None)
                {
                    transformsSeen++;
                    sumF += rows.Average(r => r.F);
                    sumCmlt += rows.Average(r => r.Cmlt);
                    sumDb += rows.Average(r => r.DownbeatF);
                    flipsTotal += flips.Count;
                    levelTotal += rows.Count(r => r.Level != "1");
                    offTotal += rows.Count(r => r.OffBeat);
                    swungTotal += rows.Count(r => r.Swung);
                    offHeld += rows.Count(r => r.OffBeat && r.File.Fold == s_holdout);
                    swungHeld += rows.Count(r => r.Swung && r.File.Fold == s_holdout);
                    slipTotal += rows.Count(r => r.Slip);
                    slipHeld += rows.Count(r => r.Slip && r.File.Fold == s_holdout);
                }

                if (rows.Any(r => r.Slip))
                {
                    flipLines.Add($"  {transform.Name} phase slips: " + string.Join(", ", rows.Where(r => r.Slip).Select(r => string.Create(c, $"{r.File.Name}[{r.File.Fold}] F {r.F:0.00}"))));
                }

                if (flips.Count > 0)
                {
                    flipLines.Add($"  {transform.Name} flips: " + string.Join(", ", flips.Select(r =>
                    {
                        AugmentedRow b = byName[r.File.Name];
                        return string.Create(c, $"{r.File.Name}[{r.File.Fold}] {b.State}→{r.State} (F {b.F:0.00}→{r.F:0.00})");
                    })));
                }

                if (dbLost.Count > 0 && verbose)
                {
                    flipLines.Add($"  {transform.Name} downbeats lost: " + string.Join(", ", dbLost.Select(r =>
                        string.Create(c, $"{r.File.Name}[{r.File.Fold}] (DbF {byName[r.File.Name].DownbeatF:0.00}→{r.DownbeatF:0.00})"))));
                }
            }

            if (transformsSeen > 0)
            {
                Console.WriteLine(string.Create(c, $"mean over {transformsSeen} transforms: F {sumF / transformsSeen:0.000}, CMLt {sumCmlt / transformsSeen:0.000}, downbeat F {sumDb / transformsSeen:0.000}; level errors {levelTotal}, off-beat {offTotal} (held-out fold {offHeld}), swung eighth {swungTotal} (held-out fold {swungHeld}), phase slips {slipTotal} (held-out fold {slipHeld}), flips {flipsTotal} (of {transformsSeen * audio.Count} runs)"));
            }

            foreach (string line in flipLines)
            {
                Console.WriteLine(line);
            }
        }
    }

    /// <summary>A result flips when its kind changes (level, off-beat, lost) or its F moves by 0.3 or more.</summary>
    private static bool IsFlip(AugmentedRow before, AugmentedRow after) =>
        before.State != after.State || Math.Abs(before.F - after.F) >= 0.3;

    private static AugmentedRow ScoreAugmented(Excerpt file, RhythmTuning tuning, out double combBpm, out double estBpm, out string cues, string transformName = "")
    {
        RhythmAnalysis result = RhythmAnalyzer.Run(file.Audio.Samples, file.Audio.SampleRate, RhythmAnalysisOptions.Default, tuning);
        (combBpm, estBpm) = (result.CombTempo, result.Tempo.Bpm);
        cues = string.Join(' ', result.ConfidenceParts.Where(p => p.Name is "pHarm" or "pBar" or "pKick" or "pN" or "pMid" or "pHigh" or "pOnset" or "pMoved" or "pSwing").Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value:0.000}")));
        double[] est = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        double[] estDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
        BeatEvaluation.Scores s = BeatEvaluation.Evaluate(file.Beats, est);
        double refTempo = BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(file.Beats));
        bool a1 = BeatEvaluation.Acc1(result.Tempo.Bpm, refTempo);
        double d = BeatEvaluation.FMeasure(BeatEvaluation.Trim(file.Downbeats), BeatEvaluation.Trim(estDown));
        DownbeatDump.Add(transformName, file.Name, file.Category, file.Fold, file.Audio, result, file.Beats, file.Downbeats, file.Meter, s.FMeasure, d, tuning);
        return new AugmentedRow(file, s.FMeasure, s.Cmlt, s.Amlt, a1, d, result.BeatsPerBar == file.Meter, IsOffBeat(file.Beats, est, s.FMeasure),
            LevelOf(result.Tempo.Bpm / refTempo), MedianOffsetMs(BeatEvaluation.Trim(file.Beats), BeatEvaluation.Trim(est)), IsSwungEighth(file.Beats, est, s.FMeasure), PhaseSlips.Measure(file.Beats, est).IsSlip);
    }

    /// <summary>The simple ratio (within 4 %) that the tracked tempo stands in to the annotated one.</summary>
    private static string LevelOf(double ratio)
    {
        foreach ((double r, string name) in (ReadOnlySpan<(double, string)>)[(1, "1"), (0.5, "1/2"), (2, "2"), (1 / 3.0, "1/3"), (3, "3"), (2 / 3.0, "2/3"), (1.5, "3/2"), (0.25, "1/4"), (4, "4")])
        {
            if (Math.Abs((ratio / r) - 1) <= 0.04)
            {
                return name;
            }
        }

        return "?";
    }

    /// <summary>Median of estimated minus annotated time over beats matched within ±70 ms, in ms (NaN if none).</summary>
    private static double MedianOffsetMs(double[] reference, double[] estimated)
    {
        var d = new List<double>();
        int j = 0;
        foreach (double r in reference)
        {
            while (j < estimated.Length && estimated[j] < r - 0.07)
            {
                j++;
            }

            if (j < estimated.Length && Math.Abs(estimated[j] - r) <= 0.07)
            {
                d.Add(1000 * (estimated[j] - r));
            }
        }

        d.Sort();
        return d.Count > 0 ? d[d.Count / 2] : double.NaN;
    }
}
