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
/// Then where the loss lies (ceilings of a perfect phase choice and of a perfect per-beat decoder on the analysed beats,
/// the songs whose phase is wrong and how their cues vote) and a bar-position decoder that may restart the bar.
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

        PrintCeilingsAndRestarts(folds, equal);

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

    /// <summary>
    /// Where the downbeat loss lies, and whether a bar-position decoder that may restart the bar helps. Ceilings on the
    /// analysed beats: the best single bar phase per song (what a perfect phase choice with the analysed meter reaches) and
    /// every analysed beat that is an annotated downbeat (what a per-beat decoder could reach; the rest is lost to wrong
    /// beats). The decoder is a Viterbi over bar positions: the position advances by one each beat, or with probability
    /// q restarts at any other position (a dropped or extra beat, a pick-up bar); the shipped evidence, standardised,
    /// times λ is the log-likelihood of position 1 (and −1/(m−1) of it for the others). q = 0 is the shipped one phase
    /// per song.
    /// </summary>
    private static void PrintCeilingsAndRestarts(int folds, double[] w)
    {
        var c = CultureInfo.InvariantCulture;
        string ByFold(Func<Song, double> score) => string.Create(c,
            $"{s_songs.Average(score):0.000} (folds {string.Join(" / ", Enumerable.Range(0, folds).Select(k => s_songs.Where(s => s.Fold == k).DefaultIfEmpty().Average(s => s is null ? 0 : score(s)).ToString("0.000", c)))})");
        Console.WriteLine("BARFIT ceiling, best single phase per song: " + ByFold(s => Enumerable.Range(0, s.Meter).Max(p => PhaseF(s, p))));
        Console.WriteLine("BARFIT ceiling, every analysed beat that is an annotated downbeat: " + ByFold(s => F(s, [.. s.Beats.Where((_, k) => s.Label[k] > 0)])));
        // Songs whose shipped phase misses the annotated one, and how many of the five cues (kick, spectral change,
        // bass note, chord novelty, low level) favour each: when four or five agree on a position that is not the
        // annotated "1", the annotation's bar lines are likely offset from the music (a pick-up in a MIDI file).
        var wrong = new List<string>();
        foreach (Song s in s_songs)
        {
            int annotated = AnnotatedPhase(s), chosen = BestPhase(s, Evidence(s, w));
            if (annotated >= 0 && chosen != annotated)
            {
                int[] votes = [.. Enumerable.Range(0, s.X[0].Length).Where(j => w[j] != 0).Select(j => BestPhase(s, [.. s.X.Select(x => x[j])]))];
                wrong.Add(string.Create(c, $"{s.Name} (fold {s.Fold}, offset +{(chosen - annotated + s.Meter) % s.Meter}, cues {votes.Count(v => v == chosen)}:{votes.Count(v => v == annotated)})"));
            }
        }

        Console.WriteLine(string.Create(c, $"BARFIT wrong phase on {wrong.Count} songs, cues for chosen:annotated: {string.Join(", ", wrong)}"));
        foreach (double q in (ReadOnlySpan<double>)[1e-4, 1e-3, 1e-2])
        {
            foreach (double lambda in (ReadOnlySpan<double>)[0.5, 1, 2])
            {
                int jumps = 0;
                var f = new Dictionary<Song, double>();
                foreach (Song song in s_songs)
                {
                    int[] pos = DecodeWithRestarts(Evidence(song, w), song.Meter, q, lambda);
                    jumps += pos.Skip(1).Where((p, k) => p != (pos[k] + 1) % song.Meter).Count();
                    f[song] = F(song, [.. song.Beats.Where((_, k) => pos[k] == 0)]);
                }

                Console.WriteLine(string.Create(c, $"BARFIT restart decoder q {q:g} lambda {lambda:g}: {ByFold(s => f[s])}, {jumps} restarts"));
            }
        }
    }

    private static double[] Evidence(Song s, double[] w)
    {
        double[] v = [.. s.X.Select(x => x.Zip(w, (a, b) => a * b).Sum())];
        BarFeatures.Standardise(v);
        return v;
    }

    /// <summary>Viterbi over bar positions 0..m−1 with a restart probability <paramref name="q"/> per beat.</summary>
    private static int[] DecodeWithRestarts(double[] evidence, int m, double q, double lambda)
    {
        int n = evidence.Length;
        double stay = Math.Log(1 - q), jump = Math.Log(q / (m - 1));
        double Observe(int k, int p) => lambda * (p == 0 ? evidence[k] : -evidence[k] / (m - 1));
        double[] score = [.. Enumerable.Range(0, m).Select(p => Observe(0, p))];
        int[][] back = new int[n][];
        for (int k = 1; k < n; k++)
        {
            back[k] = new int[m];
            double[] next = new double[m];
            for (int p = 0; p < m; p++)
            {
                int from = (p + m - 1) % m;
                double best = score[from] + stay;
                for (int r = 0; r < m; r++)
                {
                    if (r != (p + m - 1) % m && score[r] + jump > best)
                    {
                        best = score[r] + jump;
                        from = r;
                    }
                }

                next[p] = best + Observe(k, p);
                back[k][p] = from;
            }

            score = next;
        }

        int[] pos = new int[n];
        pos[n - 1] = Array.IndexOf(score, score.Max());
        for (int k = n - 1; k > 0; k--)
        {
            pos[k - 1] = back[k][pos[k]];
        }

        return pos;
    }

    private static double PhaseF(Song s, int phase) => F(s, [.. s.Beats.Where((_, k) => k % s.Meter == phase)]);

    private static double F(Song s, double[] estimated) => BeatEvaluation.FMeasure(BeatEvaluation.Trim(s.Downbeats), BeatEvaluation.Trim(estimated));

    /// <summary>The bar position whose beats are most often annotated downbeats (at least half of them), or −1.</summary>
    private static int AnnotatedPhase(Song s)
    {
        double[] hits = new double[s.Meter], counts = new double[s.Meter];
        for (int k = 0; k < s.Label.Length; k++)
        {
            hits[k % s.Meter] += s.Label[k];
            counts[k % s.Meter]++;
        }

        double[] rate = [.. hits.Zip(counts, (h, n) => h / Math.Max(1, n))];
        int best = Array.IndexOf(rate, rate.Max());
        return rate[best] >= 0.5 ? best : -1;
    }

    /// <summary>The bar position with the highest mean of <paramref name="values"/>.</summary>
    private static int BestPhase(Song s, double[] values)
    {
        double[] sums = new double[s.Meter], counts = new double[s.Meter];
        for (int k = 0; k < values.Length; k++)
        {
            sums[k % s.Meter] += values[k];
            counts[k % s.Meter]++;
        }

        double[] mean = [.. sums.Zip(counts, (v, n) => v / Math.Max(1, n))];
        return Array.IndexOf(mean, mean.Max());
    }
}
