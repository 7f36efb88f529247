using System.Globalization;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>BEAT_BARFIT=1</c>: learned weights for the per-beat downbeat evidence, cross-validated. On the analysed beats of
/// every excerpt the bar features (bass onsets, kick-register onsets, spectral change, bass-note change, chord novelty
/// over the analysed meter) are computed and each beat labelled "annotated downbeat within ±70 ms"; a logistic model
/// over the features is fitted on the tuning folds of each split, and on the held-out fold the bar position with the
/// highest mean model score is taken as the downbeat phase (the meter stays the analysed one). Downbeat F of that
/// phase, pooled over the held-out folds, is printed next to the same procedure with the shipped weights (kick ½, change, bass note, novelty, low level 1).
/// </summary>
internal static class DownbeatCrossValidation
{
    private sealed record Song(string Name, int Fold, double[][] X, double[] Label, double[] Beats, int Meter, double[] Downbeats);

    private static readonly List<Song> s_songs = [];

    /// <summary>The feature names, in the order of the model's weights.</summary>
    private static readonly string[] s_names = ["bass", "kick", "change", "bassnote", "novelty", "lowenergy"];

    public static bool Enabled => Environment.GetEnvironmentVariable("BEAT_BARFIT") == "1";

    public static void Add(string name, int fold, AudioBuffer buffer, RhythmAnalysis result, double[] downbeats, RhythmTuning tuning)
    {
        double[] beats = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        if (beats.Length < 8 || downbeats.Length < 2)
        {
            return;
        }

        double fps = tuning.FramesPerSecond;
        Spectrogram sp = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, fps, (float)(0.1 / Signal.Rms(buffer.Samples)));
        OnsetFeatures on = OnsetFeatures.Compute(sp, tuning.FluxLag, (float)tuning.LowCutHz);
        int[] frames = [.. beats.Select(t => (int)Math.Round((t - tuning.BeatOffsetSeconds) * fps))];
        BarFeatures f = BarFeatures.Compute(sp, on, frames);
        double[] novelty = f.ChromaNovelty(result.BeatsPerBar);
        double[] lowEnergy = f.LowEnergy;
        double[][] x = [.. Enumerable.Range(0, f.Count).Select(k => new[] { f.Bass[k], f.Kick[k], f.Change[k], f.BassNote[k], novelty[k], lowEnergy[k] })];
        double[] label = [.. beats.Select(b => downbeats.Any(d => Math.Abs(d - b) < 0.07) ? 1.0 : 0.0)];
        s_songs.Add(new Song(name, fold, x, label, beats, result.BeatsPerBar, downbeats));
    }

    public static void Summarise(int folds)
    {
        if (s_songs.Count == 0)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        double[] equal = [0, 0.5, 1, 1, 1, 1]; // the shipped evidence: ½ kick, spectral change, bass note, chord novelty, low-band level
        double pooledLearned = 0, pooledEqual = 0, pooledConditional = 0;
        var perFold = new List<string>();
        for (int k = 0; k < folds; k++)
        {
            List<Song> train = [.. s_songs.Where(s => s.Fold != k)], test = [.. s_songs.Where(s => s.Fold == k)];
            if (train.Count == 0 || test.Count == 0)
            {
                continue;
            }

            LogisticModel model = LogisticModel.Fit([.. train.SelectMany(s => s.X)], [.. train.SelectMany(s => s.Label)], ridge: 1.0);
            double[] w = [.. model.Weights.Select((v, j) => v / model.Scale[j])];
            double[] wc = FitPositions(train);
            double learned = test.Sum(s => Score(s, w)), eq = test.Sum(s => Score(s, equal)), cl = test.Sum(s => Score(s, wc));
            pooledConditional += cl;
            perFold.Add(string.Create(c, $"fold {k}: bar-position model {cl / test.Count:0.000} weights [{string.Join(", ", s_names.Zip(wc, (n, v) => n + " " + v.ToString("0.00", c)))}]"));
            pooledLearned += learned;
            pooledEqual += eq;
            perFold.Add(string.Create(c, $"fold {k}: learned {learned / test.Count:0.000} shipped {eq / test.Count:0.000} weights [{string.Join(", ", s_names.Zip(w, (n, v) => n + " " + v.ToString("0.00", c)))}]"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"BARFIT downbeat F on the analysed beats and meter, pooled held-out ({s_songs.Count}): per-beat logistic {pooledLearned / s_songs.Count:0.000}, bar-position model {pooledConditional / s_songs.Count:0.000}, shipped weights {pooledEqual / s_songs.Count:0.000}"));
        foreach (string line in perFold)
        {
            Console.WriteLine("BARFIT " + line);
        }

        // Fixed (not fitted) weight vectors to compare, e.g. BEAT_BARW="1,0,1,1,1,1;1,1,1,1,1,0" (order as s_names).
        foreach (string spec in (Environment.GetEnvironmentVariable("BEAT_BARW") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            double[] fixedW = [.. spec.Split(',').Select(v => double.Parse(v, c))];
            string byFold = string.Join(" / ", Enumerable.Range(0, folds).Select(k => s_songs.Where(s => s.Fold == k).Average(s => Score(s, fixedW)).ToString("0.000", c)));
            Console.WriteLine(string.Create(c, $"BARFIT fixed [{spec}]: all {s_songs.Average(s => Score(s, fixedW)):0.000} (folds {byFold})"));
        }

        LogisticModel all = LogisticModel.Fit([.. s_songs.SelectMany(s => s.X)], [.. s_songs.SelectMany(s => s.Label)], ridge: 1.0);
        Console.WriteLine("BARFIT fitted on all: " + string.Join(", ", s_names.Zip(all.Weights.Select((v, j) => v / all.Scale[j]), (n, v) => n + " " + v.ToString("0.00", c))));
    }

    /// <summary>
    /// A conditional-logit bar-position model: for each song the mean feature vector of each bar position, and
    /// P(position) = softmax over positions of w · mean features; w maximises the log-probability of the annotated
    /// position (the one whose beats are most often annotated downbeats) minus ½ · ridge · |w|² (gradient ascent).
    /// </summary>
    private static double[] FitPositions(List<Song> train, double ridge = 1.0)
    {
        var data = new List<(double[][] Means, int Answer)>();
        foreach (Song s in train)
        {
            int m = s.Meter, d = s.X[0].Length;
            double[][] means = new double[m][];
            double[] hits = new double[m];
            int[] counts = new int[m];
            for (int p = 0; p < m; p++)
            {
                means[p] = new double[d];
            }

            for (int k = 0; k < s.X.Length; k++)
            {
                for (int j = 0; j < d; j++)
                {
                    means[k % m][j] += s.X[k][j];
                }

                hits[k % m] += s.Label[k];
                counts[k % m]++;
            }

            for (int p = 0; p < m; p++)
            {
                for (int j = 0; j < d; j++)
                {
                    means[p][j] /= Math.Max(1, counts[p]);
                }

                hits[p] /= Math.Max(1, counts[p]);
            }

            int answer = Array.IndexOf(hits, hits.Max());
            if (hits[answer] >= 0.5)
            {
                data.Add((means, answer));
            }
        }

        int dim = train[0].X[0].Length;
        double[] w = new double[dim];
        for (int iteration = 0; iteration < 2000; iteration++)
        {
            double[] g = new double[dim];
            foreach ((double[][] means, int answer) in data)
            {
                double[] z = [.. means.Select(mu => mu.Zip(w, (a, b) => a * b).Sum())];
                double top = z.Max(), sum = z.Sum(v => Math.Exp(v - top));
                for (int p = 0; p < means.Length; p++)
                {
                    double prob = Math.Exp(z[p] - top) / sum;
                    for (int j = 0; j < dim; j++)
                    {
                        g[j] += ((p == answer ? 1 : 0) - prob) * means[p][j];
                    }
                }
            }

            for (int j = 0; j < dim; j++)
            {
                w[j] += 0.5 * ((g[j] / data.Count) - (ridge * w[j] / data.Count));
            }
        }

        return w;
    }

    /// <summary>Downbeat F when the phase is the bar position with the highest mean of w · x.</summary>
    private static double Score(Song s, double[] w)
    {
        int m = s.Meter;
        double[] sums = new double[m];
        int[] counts = new int[m];
        for (int k = 0; k < s.X.Length; k++)
        {
            double v = 0;
            for (int j = 0; j < w.Length; j++)
            {
                v += w[j] * s.X[k][j];
            }

            sums[k % m] += v;
            counts[k % m]++;
        }

        int phase = 0;
        for (int p = 1; p < m; p++)
        {
            if (sums[p] / Math.Max(1, counts[p]) > sums[phase] / Math.Max(1, counts[phase]))
            {
                phase = p;
            }
        }

        double[] est = [.. s.Beats.Where((_, k) => k % m == phase)];
        return BeatEvaluation.FMeasure(BeatEvaluation.Trim(s.Downbeats), BeatEvaluation.Trim(est));
    }
}
