using System.Globalization;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>The independent held-out set (<c>BEATS_EXTRA</c>): scored with the same measures, never part of a fold.</summary>
internal static partial class BeatAccuracyCommand
{
    /// <summary>
    /// Scores every excerpt of the held-out set <paramref name="dir"/> (built like beats-dev from pieces no fold holds) and
    /// prints one row per file, then F, CMLt, AMLt, Acc1, Acc2, downbeat F, meter accuracy, the off-beat-throughout count
    /// and the rho of the grid confidence with F, for all and per category, and the confidence's AUC for F &lt; 0.8. With
    /// <paramref name="estimates"/> (a folder of <c>NAME.beats</c> and optionally <c>NAME.bpm</c> from another tracker)
    /// those beats are scored instead of running the analysis; downbeat, meter and confidence are then not available.
    /// <c>BEATS_EXTRA_OUT=DIR</c> writes the analysis' beats (<c>NAME.beats</c>, <c>NAME.downbeats</c>, <c>NAME.bpm</c>) there for
    /// inspection. Nothing here feeds back into the analysis: it is a measurement only.
    /// </summary>
    private static void EvaluateHeldOut(List<Excerpt> files, RhythmTuning tuning, string label, string dir, string? estimates)
    {
        var c = CultureInfo.InvariantCulture;
        string tracker = estimates is null ? "VideoKit" : "estimates in " + estimates;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"{(label.Length == 0 ? "" : label + ": ")}independent held-out set {dir} ({files.Count} excerpts, outside the folds), tracker: {tracker}"));
        Console.WriteLine(string.Create(c, $"{"file",-28} {"cat",-10} {"F",6} {"CMLt",6} {"AMLt",6} {"ref",6} {"est",6} {"Acc1",4} {"DbF",6} {"m/ref",5} {"conf",5} {"offF",5}"));
        var rows = new List<Row>();
        string? dump = estimates is null ? Environment.GetEnvironmentVariable("BEATS_EXTRA_OUT") : null;
        if (dump is not null)
        {
            Directory.CreateDirectory(dump);
        }

        foreach (Excerpt file in files)
        {
            double[] est, estDown;
            double bpm, confidence;
            int beatsPerBar;
            IReadOnlyList<(string Name, double Value)> parts;
            if (estimates is null)
            {
                BeatCommittee.Traced? committee = null;
                if (ConfidenceVariants.Enabled)
                {
                    BeatCommittee.Trace = traced => committee = traced;
                }

                if (Environment.GetEnvironmentVariable("BEAT_LEVEL") == "1")
                {
                    MetricalLevel.Trace = line => Console.WriteLine(string.Create(c, $"LEVEL {file.Name} {BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(file.Beats)):0.0} {line}"));
                }

                RhythmAnalysis result = RhythmAnalyzer.Run(file.Audio.Samples, file.Audio.SampleRate, RhythmAnalysisOptions.Default, tuning);
                BeatCommittee.Trace = null;
                MetricalLevel.Trace = null;
                if (committee is { } traced)
                {
                    ConfidenceVariants.AddExtra(file.Name, BeatEvaluation.Evaluate(file.Beats, [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)]).FMeasure, traced, tuning);
                }

                est = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
                estDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
                (bpm, confidence, beatsPerBar, parts) = (result.Tempo.Bpm, result.Confidence, result.BeatsPerBar, result.ConfidenceParts);
                if (dump is not null)
                {
                    File.WriteAllLines(Path.Combine(dump, file.Name + ".beats"), est.Select(t => t.ToString("0.000000", c)));
                    File.WriteAllLines(Path.Combine(dump, file.Name + ".downbeats"), estDown.Select(t => t.ToString("0.000000", c)));
                    File.WriteAllText(Path.Combine(dump, file.Name + ".bpm"), bpm.ToString("0.000", c) + "\n");
                }
            }
            else
            {
                string beatsFile = Path.Combine(estimates, file.Name + ".beats"), bpmFile = Path.Combine(estimates, file.Name + ".bpm");
                est = File.Exists(beatsFile) ? ReadTimes(beatsFile) : [];
                estDown = [];
                double[] trimmed = BeatEvaluation.Trim(est);
                bpm = File.Exists(bpmFile) ? ReadTimes(bpmFile).FirstOrDefault()
                    : trimmed.Length > 1 ? BeatEvaluation.ReferenceTempo(trimmed) : 0;
                (confidence, beatsPerBar, parts) = (double.NaN, 0, []);
            }

            BeatEvaluation.Scores s = BeatEvaluation.Evaluate(file.Beats, est);
            double refTempo = BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(file.Beats));
            bool a1 = BeatEvaluation.Acc1(bpm, refTempo), a2 = BeatEvaluation.Acc2(bpm, refTempo);
            double d = estimates is null ? BeatEvaluation.FMeasure(BeatEvaluation.Trim(file.Downbeats), BeatEvaluation.Trim(estDown)) : double.NaN;
            bool offBeat = IsOffBeat(file.Beats, est, s.FMeasure);
            if (estimates is null && Environment.GetEnvironmentVariable("BEAT_CONF") == "1")
            {
                Console.WriteLine(string.Create(c, $"CONF {file.Name} extra {s.FMeasure:0.000} {confidence:0.000} ") + string.Join(' ', parts.Select(p => string.Create(c, $"{p.Name}={p.Value:0.0000}"))));
            }

            rows.Add(new Row(file, s, a1, a2, d, beatsPerBar == file.Meter, offBeat, confidence, parts) { Swung = IsSwungEighth(file.Beats, est, s.FMeasure), Slip = PhaseSlips.Measure(file.Beats, est) });
            Console.WriteLine(string.Create(c, $"{file.Name,-28} {file.Category,-10} {s.FMeasure,6:0.000} {s.Cmlt,6:0.000} {s.Amlt,6:0.000} {refTempo,6:0.0} {bpm,6:0.0} {(a1 ? "y" : "n"),4} {d,6:0.000} {(estimates is null ? beatsPerBar + "/" + file.Meter : "-"),5} {confidence,5:0.00} {OffBeatF(file.Beats, est),5:0.00}{(offBeat ? " OFF" : "")}{(IsSwungEighth(file.Beats, est, s.FMeasure) ? " SWUNG" : "")}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"held-out set, {tracker}"));
        Console.WriteLine(string.Create(c, $"{"set",-22} {"n",3} {"F",6} {"CMLt",6} {"AMLt",6} {"Acc1",5} {"Acc2",5} {"DbF",6} {"meter",5} {"off",3} {"⅔",3} {"rho",6} {"slip",4}"));
        Action<string, List<Row>> summary = estimates is null ? (label, group) => Summary(label, group) : BeatsOnlySummary;
        summary("held-out (extra) all", rows);
        foreach (IGrouping<string, Row> g in rows.GroupBy(r => r.File.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            summary("  " + g.Key, [.. g]);
        }

        // The same files by source kind, degraded copies included (the category above puts every degraded file apart).
        Dictionary<string, string> kinds = ReadKinds(Path.Combine(dir, "manifest.tsv"));
        foreach (IGrouping<string, Row> g in rows.GroupBy(r => kinds.GetValueOrDefault(r.File.Name, "?")).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            summary("  kind " + g.Key, [.. g]);
        }

        if (estimates is null)
        {
            Console.WriteLine(string.Create(c, $"grid confidence on the held-out set: rho {Spearman([.. rows.Select(r => r.Confidence)], [.. rows.Select(r => r.S.FMeasure)]):+0.00;-0.00}, AUC for F < 0.8 {WrongGridAuc(rows):0.00} ({rows.Count(r => r.S.FMeasure < 0.8)} such grids), below the warning threshold {RhythmAnalyzer.WeakConfidence:0.00}: {rows.Count(r => r.Confidence < RhythmAnalyzer.WeakConfidence)} files"));
        }

        Console.WriteLine("F < 0.8: " + string.Join(", ", rows.Where(r => r.S.FMeasure < 0.8).Select(r => r.File.Name)));
        PrintSlips(rows);
        ConfidenceVariants.SummariseExtra();
    }

    /// <summary>The means of a group scored from beats alone (another tracker's): no downbeats, meter or confidence.</summary>
    private static void BeatsOnlySummary(string label, List<Row> rows)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-22} {rows.Count,3} {rows.Average(r => r.S.FMeasure),6:0.000} {rows.Average(r => r.S.Cmlt),6:0.000} {rows.Average(r => r.S.Amlt),6:0.000} {rows.Average(r => r.A1 ? 1.0 : 0),5:0.00} {rows.Average(r => r.A2 ? 1.0 : 0),5:0.00} {"-",6} {"-",5} {rows.Count(r => r.OffBeat),3} {rows.Count(r => r.Swung),3} {"-",6} {rows.Count(r => r.Slip.IsSlip),4}"));
    }

    /// <summary>The manifest's <c>kind</c> column (midi-render, lmms-render, ...) by excerpt name; empty without a manifest.</summary>
    private static Dictionary<string, string> ReadKinds(string manifest)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(manifest))
        {
            return result;
        }

        string[] lines = File.ReadAllLines(manifest);
        string[] header = lines[0].Split('\t');
        int name = Array.IndexOf(header, "name"), kind = Array.IndexOf(header, "kind");
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            result[cells[name]] = kind >= 0 ? cells[kind] : "?";
        }

        return result;
    }
}
