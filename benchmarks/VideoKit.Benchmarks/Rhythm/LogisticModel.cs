namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// A small logistic model for the cross-validation of <c>beat-accuracy</c>: features standardised with the training
/// data's mean and SD, prediction logistic(bias + Σ weight · z), fitted by Newton steps on the cross-entropy with soft
/// targets in [0, 1] plus an L2 penalty on the weights. Used to try a learned grid confidence (features: named entries
/// of the analysis' confidence parts, <see cref="FeatureNames"/>; target: per-file beat F) and learned downbeat weights.
/// Measured, a learned confidence ranks held-out songs worse than the fixed hand-made one, so the analysis does not
/// use one (see the Rhythm JOURNAL.md, "A learned confidence does not help either").
/// </summary>
internal sealed record LogisticModel(double[] Mean, double[] Scale, double[] Weights, double Bias)
{
    /// <summary>
    /// The confidence evidence, by its name in the confidence parts: <c>rawper</c> comb periodicity of the onset
    /// envelope; <c>on</c> mean onset activation on the beats; <c>steady</c> steadiness of the beat intervals;
    /// <c>meter</c> the bar-position contrast of the downbeat evidence (a grid on the beat shows a bar pattern);
    /// <c>harm</c> the harmonic half-beat margin (log harmonic change off the beats over on them); <c>half</c> onset
    /// activation half a beat after the beats over that on them (an off-beat grid explains no more onset energy than
    /// the grid shifted by half a beat); <c>levelP</c> the chosen metrical level's probability; <c>oct</c> how far the
    /// tempo is from 120 BPM in octaves (level errors happen at extreme tempi).
    /// </summary>
    public static readonly string[] FeatureNames = ["rawper", "on", "steady", "meter", "harm", "half", "levelP", "oct"];

    /// <summary>The L2 penalty (on standardised weights) of the confidence fit.</summary>
    public const double Ridge = 2.0;

    /// <summary>The feature vector of <see cref="FeatureNames"/> from named parts (0 for a missing part).</summary>
    public static double[] Features(IReadOnlyList<(string Name, double Value)> parts)
    {
        double[] x = new double[FeatureNames.Length];
        for (int j = 0; j < x.Length; j++)
        {
            foreach ((string name, double value) in parts)
            {
                if (name == FeatureNames[j])
                {
                    x[j] = value;
                    break;
                }
            }
        }

        return x;
    }

    /// <summary>The model's output in (0, 1) for a feature vector.</summary>
    public double Predict(ReadOnlySpan<double> x)
    {
        double s = Bias;
        for (int j = 0; j < Weights.Length; j++)
        {
            s += Weights[j] * (x[j] - Mean[j]) / Scale[j];
        }

        return 1 / (1 + Math.Exp(-s));
    }

    /// <summary>
    /// Fits the model to feature vectors <paramref name="x"/> and targets <paramref name="target"/> in [0, 1] (per-file
    /// F, or 0/1 labels): standardises each feature, then minimises the cross-entropy plus <paramref name="ridge"/>/2 · |w|² by Newton
    /// steps (a handful of weights: the Hessian is tiny).
    /// </summary>
    public static LogisticModel Fit(IReadOnlyList<double[]> x, IReadOnlyList<double> target, double ridge = Ridge)
    {
        int n = x.Count, m = x[0].Length, d = m + 1;
        double[] mean = new double[m], scale = new double[m];
        for (int j = 0; j < m; j++)
        {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++)
            {
                s += x[i][j];
            }

            mean[j] = s / n;
            for (int i = 0; i < n; i++)
            {
                ss += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
            }

            scale[j] = Math.Sqrt(ss / n) is > 1e-12 and var sd ? sd : 1;
        }

        double[][] z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            z[i] = new double[d];
            for (int j = 0; j < m; j++)
            {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }

            z[i][m] = 1;
        }

        double[] w = new double[d];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double[] g = new double[d];
            double[,] h = new double[d, d];
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < d; j++)
                {
                    s += w[j] * z[i][j];
                }

                double p = 1 / (1 + Math.Exp(-s)), v = p * (1 - p);
                for (int j = 0; j < d; j++)
                {
                    g[j] += (p - target[i]) * z[i][j];
                    for (int k = 0; k < d; k++)
                    {
                        h[j, k] += v * z[i][j] * z[i][k];
                    }
                }
            }

            for (int j = 0; j < m; j++)
            {
                g[j] += ridge * w[j];
                h[j, j] += ridge;
            }

            h[m, m] += 1e-6;
            double[] step = Solve(h, g);
            double change = 0;
            for (int j = 0; j < d; j++)
            {
                w[j] -= step[j];
                change = Math.Max(change, Math.Abs(step[j]));
            }

            if (change < 1e-9)
            {
                break;
            }
        }

        return new LogisticModel(mean, scale, w[..m], w[m]);
    }

    /// <summary>Solves h · s = g by Gaussian elimination with partial pivoting (h is small and positive definite).</summary>
    private static double[] Solve(double[,] h, double[] g)
    {
        int d = g.Length;
        double[,] a = (double[,])h.Clone();
        double[] b = (double[])g.Clone();
        for (int c = 0; c < d; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < d; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (int k = 0; k < d; k++)
            {
                (a[c, k], a[pivot, k]) = (a[pivot, k], a[c, k]);
            }

            (b[c], b[pivot]) = (b[pivot], b[c]);
            for (int r = c + 1; r < d; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int k = c; k < d; k++)
                {
                    a[r, k] -= f * a[c, k];
                }

                b[r] -= f * b[c];
            }
        }

        double[] s = new double[d];
        for (int r = d - 1; r >= 0; r--)
        {
            double sum = b[r];
            for (int k = r + 1; k < d; k++)
            {
                sum -= a[r, k] * s[k];
            }

            s[r] = sum / a[r, r];
        }

        return s;
    }
}
