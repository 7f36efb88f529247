using System.Globalization;
using VideoKit.Media;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>BEAT_BAR=1</c>: with the annotated beats, which bar position each downbeat feature favours (rotated so that 0 is
/// the annotated downbeat), per file and counted over the tuning and held-out folds: evidence for the bar-phase model.
/// </summary>
internal static class BarDiagnostics
{
    private static readonly List<(bool HeldOut, string Feature, int Best)> s_votes = [];

    public static void Add(string name, bool heldOut, AudioBuffer buffer, double[] beats, double[] downbeats, int meter)
    {
        if (meter < 2 || downbeats.Length < 2)
        {
            return;
        }

        Spectrogram sp = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, 100, (float)(0.1 / Signal.Rms(buffer.Samples)));
        OnsetFeatures on = OnsetFeatures.Compute(sp, 3, 250);
        int[] frames = [.. beats.Select(t => (int)Math.Round((t + 0.02) * 100))];
        int first = Array.FindIndex(beats, b => downbeats.Any(d => Math.Abs(d - b) < 0.02));
        if (first < 0)
        {
            return;
        }

        BarFeatures f = BarFeatures.Compute(sp, on, frames);
        var features = new List<(string, double[])>
        {
            ("bass", f.Bass), ("kick", f.Kick), ("flux", f.Flux), ("change", f.Change), ("chroma", f.Chroma), ("bassnote", f.BassNote),
            ("nov1", f.ChromaNovelty(meter)), ("nov2", f.ChromaNovelty(2 * meter)), ("nov05", f.ChromaNovelty(Math.Max(1, meter / 2))), ("novc1", f.ChromaNovelty(1)),
            ("old", [.. Enumerable.Range(0, f.Count).Select(k => f.Bass[k] + f.Change[k] + (0.5 * f.Flux[k]))]),
        };
        var line = new System.Text.StringBuilder(name.PadRight(26));
        foreach ((string label, double[] x) in features)
        {
            double[] sums = new double[meter];
            int[] counts = new int[meter];
            for (int k = 0; k < x.Length; k++)
            {
                int pos = (((k - first) % meter) + meter) % meter;
                sums[pos] += x[k];
                counts[pos]++;
            }

            for (int p = 0; p < meter; p++)
            {
                sums[p] /= Math.Max(1, counts[p]);
            }

            int best = Array.IndexOf(sums, sums.Max());
            s_votes.Add((heldOut, label, best));
            line.Append(string.Create(CultureInfo.InvariantCulture, $" {label}:{best}[{string.Join(',', sums.Select(v => v.ToString("+0.0;-0.0", CultureInfo.InvariantCulture)))}]"));
        }

        Console.WriteLine((heldOut ? "BARH " : "BAR ") + line);
    }

    public static void Summarise()
    {
        foreach (IGrouping<string, (bool HeldOut, string Feature, int Best)> g in s_votes.GroupBy(v => v.Feature))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"BARSUM {g.Key,-9} tuning {g.Count(v => !v.HeldOut && v.Best == 0)}/{g.Count(v => !v.HeldOut)} (half-bar {g.Count(v => !v.HeldOut && v.Best == 2)}) held-out {g.Count(v => v.HeldOut && v.Best == 0)}/{g.Count(v => v.HeldOut)}"));
        }
    }
}
