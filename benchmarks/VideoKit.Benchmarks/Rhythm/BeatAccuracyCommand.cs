using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>beat-accuracy [DIR] [--set Key=Value]... [--sweep Key=v1,v2,...] [--only NAME] [--rate HZ] [--crop START:LENGTH] [--quiet]</c>: analyses every FLAC in
/// tests/data/beats (or DIR) and prints the per-file MIREX scores and their means. <c>--set</c>/<c>--sweep</c> vary the
/// internal analysis constants (see RhythmTuning) to check how robust the defaults are.
/// </summary>
internal static class BeatAccuracyCommand
{
    private static string? s_only;

    public static async Task<int> RunAsync(string[] args)
    {
        string? dir = null;
        var sets = new List<string>();
        string? sweep = null;
        bool quiet = false;
        int rate = 22_050;
        string? crop = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--set": sets.Add(args[++i]); break;
                case "--sweep": sweep = args[++i]; break;
                case "--quiet": quiet = true; break;
                case "--only": s_only = args[++i]; break;
                case "--crop": crop = args[++i]; break;
                case "--rate": rate = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: dir = args[i]; break;
            }
        }

        dir ??= FindDataFolder();
        string[] files = Directory.GetFiles(dir, "*.flac");
        Array.Sort(files, StringComparer.Ordinal);
        var audio = new List<(string Name, AudioBuffer Audio, double[] Beats, double[] Downbeats, int Meter)>();
        Dictionary<string, int> meters = ReadMeters(Path.Combine(dir, "manifest.tsv"));
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

            audio.Add((name, buffer, beatTimes, downbeatTimes, meters.GetValueOrDefault(name)));
        }

        RhythmTuning tuning = RhythmTuning.Default;
        foreach (string s in sets)
        {
            tuning = With(tuning, s);
        }

        string[] variants = sweep is null ? [""] : [.. sweep[(sweep.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',').Select(v => sweep[..sweep.IndexOf('=', StringComparison.Ordinal)] + "=" + v)];
        foreach (string variant in variants)
        {
            RhythmTuning t = variant.Length == 0 ? tuning : With(tuning, variant);
            Evaluate(audio, t, variant, quiet);
        }

        return 0;
    }

    private static void Evaluate(List<(string Name, AudioBuffer Audio, double[] Beats, double[] Downbeats, int Meter)> audio, RhythmTuning tuning, string label, bool quiet)
    {
        var c = CultureInfo.InvariantCulture;
        if (!quiet)
        {
            Console.WriteLine(string.Create(c, $"{"file",-24} {"F",6} {"CMLt",6} {"AMLt",6} {"P",6} {"ref",6} {"est",6} {"Acc1",4} {"Acc2",4} {"DbF",6} {"m/ref",5} {"conf",5}"));
        }

        double f = 0, cmlt = 0, amlt = 0, p = 0, acc1 = 0, acc2 = 0, dbf = 0, meterOk = 0, cpu = 0, seconds = 0;
        foreach (var (name, buffer, beats, downbeats, meter) in audio)
        {
            var sw = Stopwatch.StartNew();
            RhythmAnalysis result = RhythmAnalyzer.Run(buffer.Samples, buffer.SampleRate, RhythmAnalysisOptions.Default, tuning);
            cpu += sw.Elapsed.TotalSeconds;
            seconds += buffer.Duration.TotalSeconds;
            double[] est = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
            double[] estDown = [.. result.Grid.Downbeats.Select(b => b.Time.TotalSeconds)];
            BeatEvaluation.Scores s = BeatEvaluation.Evaluate(beats, est);
            double refTempo = BeatEvaluation.ReferenceTempo(BeatEvaluation.Trim(beats));
            bool a1 = BeatEvaluation.Acc1(result.Tempo.Bpm, refTempo), a2 = BeatEvaluation.Acc2(result.Tempo.Bpm, refTempo);
            double d = BeatEvaluation.FMeasure(BeatEvaluation.Trim(downbeats), BeatEvaluation.Trim(estDown));
            f += s.FMeasure;
            cmlt += s.Cmlt;
            amlt += s.Amlt;
            p += s.PScore;
            acc1 += a1 ? 1 : 0;
            acc2 += a2 ? 1 : 0;
            dbf += d;
            meterOk += result.BeatsPerBar == meter ? 1 : 0;
            if (s_only is not null || Environment.GetEnvironmentVariable("BEAT_DB") == "1")
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

            BeatDiagnostics.Print(name, buffer, tuning, beats, est, refTempo);

            if (s_only is not null)
            {
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

            if (!quiet)
            {
                Console.WriteLine(string.Create(c, $"{name,-24} {s.FMeasure,6:0.000} {s.Cmlt,6:0.000} {s.Amlt,6:0.000} {s.PScore,6:0.000} {refTempo,6:0.0} {result.Tempo.Bpm,6:0.0} {(a1 ? "y" : "n"),4} {(a2 ? "y" : "n"),4} {d,6:0.000} {result.BeatsPerBar + "/" + meter,5} {result.Confidence,5:0.00} {result.CombTempo,6:0.0} {result.Periodicity,6:0.000}"));
            }
        }

        int n = audio.Count;
        Console.WriteLine(string.Create(c, $"{(label.Length == 0 ? "MEAN" : label),-24} {f / n,6:0.000} {cmlt / n,6:0.000} {amlt / n,6:0.000} {p / n,6:0.000} {"",6} {"",6} {acc1 / n,4:0.00} {acc2 / n,4:0.00} {dbf / n,6:0.000} {meterOk / n,5:0.00}  cpu {cpu / (seconds / 60):0.000} s/min"));
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

    private static double[] ReadTimes(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => double.Parse(l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture))];

    private static Dictionary<string, int> ReadMeters(string manifest)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(manifest))
        {
            return result;
        }

        string[] lines = File.ReadAllLines(manifest);
        string[] header = lines[0].Split('\t');
        int name = Array.IndexOf(header, "name"), meter = Array.IndexOf(header, "meter");
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            string m = cells[meter];
            int beats = m switch { "6/8" => 2, "12/8" => 4, "9/8" => 3, _ => int.Parse(m.Split('/')[0], CultureInfo.InvariantCulture) };
            result[cells[name]] = beats;
        }

        return result;
    }
}
