namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Meter and downbeat phase from per-beat features: low-frequency onset energy at the beat (bass and kick land on
/// "1"), harmonic change across the beat (chords change at bar lines) and the overall onset strength. The meter is the
/// lag (3, 4 or 5 beats; also 2 when the beat is divided in three, see <see cref="CompoundMeter"/>) at which the feature sequence repeats best, with a mild preference for 4; the phase is the
/// bar position whose beats carry the most of the combined feature.
/// </summary>
internal static class MeterEstimator
{
    internal readonly record struct Result(int BeatsPerBar, int FirstDownbeat, double Confidence);

    public static Result Estimate(Spectrogram spectrogram, OnsetFeatures onsets, ReadOnlySpan<int> beatFrames, int? forcedBeatsPerBar, bool ternary, RhythmTuning tuning)
    {
        int n = beatFrames.Length;
        if (n < 8)
        {
            return new Result(forcedBeatsPerBar ?? 4, 0, 0);
        }

        double[] bass = new double[n], flux = new double[n], change = new double[n];
        int bands = spectrogram.Bands;
        int maxBand = 0;
        while (maxBand < bands && spectrogram.BandFrequencies[maxBand] < 2500)
        {
            maxBand++;
        }

        double[] previous = new double[maxBand], current = new double[maxBand];
        double[][] segments = new double[n][];
        for (int k = 0; k < n; k++)
        {
            int f = beatFrames[k];
            double b = 0, a = 0;
            for (int d = -2; d <= 2; d++)
            {
                int g = f + d;
                if (g >= 0 && g < onsets.Flux.Length)
                {
                    b = Math.Max(b, onsets.LowFlux[g]);
                    a = Math.Max(a, onsets.Flux[g]);
                }
            }

            bass[k] = b;
            flux[k] = a;
            int end = k + 1 < n ? beatFrames[k + 1] : Math.Min(spectrogram.Frames, f + (f - beatFrames[k - 1]));
            Array.Clear(current);
            int count = 0;
            for (int g = f; g < end; g++)
            {
                ReadOnlySpan<float> row = spectrogram.Row(g);
                for (int i = 0; i < maxBand; i++)
                {
                    current[i] += row[i];
                }

                count++;
            }

            if (k > 0)
            {
                change[k] = 1 - Cosine(previous, current);
            }

            segments[k] = (double[])current.Clone();

            (previous, current) = (current, previous);
        }

        change[0] = Mean(change.AsSpan(1));
        Standardise(bass);
        Standardise(flux);
        Standardise(change);
        double[] feature = new double[n];
        for (int k = 0; k < n; k++)
        {
            feature[k] = (tuning.BassWeight * bass[k]) + (tuning.ChangeWeight * change[k]) + (tuning.FluxWeight * flux[k]);
        }

        int meter = forcedBeatsPerBar ?? 4;
        double bestMeterScore = double.NegativeInfinity;
        if (forcedBeatsPerBar is null)
        {
            foreach (int m in ternary ? (ReadOnlySpan<int>)[2, 3, 4, 5] : [3, 4, 5])
            {
                double score = PhaseContrast(WithBarNovelty(feature, segments, m, tuning.BarNoveltyWeight), m, out _) + (m == 4 ? tuning.FourPrior : 0);
                if (score > bestMeterScore)
                {
                    bestMeterScore = score;
                    meter = m;
                }
            }
        }

        double contrast = PhaseContrast(WithBarNovelty(feature, segments, meter, tuning.BarNoveltyWeight), meter, out int phase);
        return new Result(meter, phase, Math.Clamp(contrast, 0, 1));
    }

    /// <summary>
    /// Adds bar-level harmonic novelty: how different the spectrum of the <paramref name="meter"/> beats after each beat
    /// is from that of the beats before it (chords and bass notes change at bar lines).
    /// </summary>
    private static double[] WithBarNovelty(double[] feature, double[][] segments, int meter, double weight)
    {
        if (weight <= 0)
        {
            return feature;
        }

        int n = feature.Length, bands = segments[0].Length;
        double[] novelty = new double[n];
        double[] before = new double[bands], after = new double[bands];
        for (int k = 0; k < n; k++)
        {
            Array.Clear(before);
            Array.Clear(after);
            for (int j = Math.Max(0, k - meter); j < k; j++)
            {
                Accumulate(before, segments[j]);
            }

            for (int j = k; j < Math.Min(n, k + meter); j++)
            {
                Accumulate(after, segments[j]);
            }

            novelty[k] = k == 0 || k + meter > n ? double.NaN : 1 - Cosine(before, after);
        }

        double fill = 0;
        int count = 0;
        foreach (double v in novelty)
        {
            if (!double.IsNaN(v))
            {
                fill += v;
                count++;
            }
        }

        fill = count > 0 ? fill / count : 0;
        for (int k = 0; k < n; k++)
        {
            if (double.IsNaN(novelty[k]))
            {
                novelty[k] = fill;
            }
        }

        Standardise(novelty);
        double[] result = new double[n];
        for (int k = 0; k < n; k++)
        {
            result[k] = feature[k] + (weight * novelty[k]);
        }

        return result;
    }

    private static void Accumulate(double[] sum, double[] x)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += x[i];
        }
    }

    /// <summary>Mean feature of the best bar position minus the mean of the others.</summary>
    private static double PhaseContrast(double[] feature, int meter, out int bestPhase)
    {
        Span<double> sums = stackalloc double[meter];
        Span<int> counts = stackalloc int[meter];
        for (int k = 0; k < feature.Length; k++)
        {
            sums[k % meter] += feature[k];
            counts[k % meter]++;
        }

        bestPhase = 0;
        double best = double.NegativeInfinity, total = 0;
        for (int p = 0; p < meter; p++)
        {
            sums[p] /= Math.Max(1, counts[p]);
            total += sums[p];
            if (sums[p] > best)
            {
                best = sums[p];
                bestPhase = p;
            }
        }

        double others = (total - best) / (meter - 1);
        return best - others;
    }

    /// <summary>The correlation of two spectra (cosine of the mean-removed vectors), so that overall level and
    /// spectral tilt do not hide which notes changed.</summary>
    private static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double ma = Mean(a), mb = Mean(b);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i] - ma, y = b[i] - mb;
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 1;
    }

    private static double Mean(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            s += v;
        }

        return x.IsEmpty ? 0 : s / x.Length;
    }

    private static void Standardise(double[] x)
    {
        double mean = Mean(x), var = 0;
        foreach (double v in x)
        {
            var += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(var / x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = sd > 1e-12 ? (x[i] - mean) / sd : 0;
        }
    }
}
