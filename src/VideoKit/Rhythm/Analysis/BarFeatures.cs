namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Per-beat evidence for bar lines, each standardised over the excerpt (mean 0, SD 1): what a listener hears on "1".
/// <list type="bullet">
/// <item><see cref="Bass"/>: low-band (kick, bass) onset strength at the beat.</item>
/// <item><see cref="Flux"/>: full-band onset strength at the beat (accents).</item>
/// <item><see cref="Change"/>: spectral change (&lt; 2.5 kHz) from the previous beat's span to this one's.</item>
/// <item><see cref="Chroma"/>: harmonic change: correlation distance of the pitch-class profiles (bands folded onto 12
/// semitones, 60 Hz–2.5 kHz) of the previous beat span and this one.</item>
/// <item><see cref="BassNote"/>: change of the bass register's spectrum (40–250 Hz) from the previous beat span: a new bass note.</item>
/// </list>
/// </summary>
internal sealed class BarFeatures
{
    private BarFeatures(double[] bass, double[] flux, double[] change, double[] chroma, double[] bassNote, double[][] chromaSpans, double[] kick)
    {
        Kick = kick;
        Bass = bass;
        Flux = flux;
        Change = change;
        Chroma = chroma;
        BassNote = bassNote;
        ChromaSpans = chromaSpans;
    }

    public double[] Bass { get; }

    /// <summary>Kick-drum register (&lt; 120 Hz) onset strength at the beat: snares and toms reach into the 250 Hz band, kicks
    /// and bass notes hardly above 120 Hz.</summary>
    public double[] Kick { get; }

    public double[] Flux { get; }

    public double[] Change { get; }

    public double[] Chroma { get; }

    public double[] BassNote { get; }

    /// <summary>The pitch-class profile of each beat span (12 values, not standardised).</summary>
    public double[][] ChromaSpans { get; }

    public int Count => Bass.Length;

    public static BarFeatures Compute(Spectrogram spectrogram, OnsetFeatures onsets, ReadOnlySpan<int> beatFrames)
    {
        int n = beatFrames.Length;
        int bands = spectrogram.Bands;
        float[] freq = spectrogram.BandFrequencies;
        int maxBand = 0;
        while (maxBand < bands && freq[maxBand] < 2500)
        {
            maxBand++;
        }

        int[] pitchClass = new int[bands];
        for (int i = 0; i < bands; i++)
        {
            pitchClass[i] = freq[i] < 60 || freq[i] >= 2500 ? -1 : (((int)Math.Round(12 * Math.Log2(freq[i] / 440.0)) % 12) + 12) % 12;
        }

        int kickBands = 0;
        while (kickBands < bands && freq[kickBands] < 120)
        {
            kickBands++;
        }

        double[] kick = new double[n];
        double[] bass = new double[n], flux = new double[n], change = new double[n], chroma = new double[n], bassNote = new double[n];
        double[][] spans = new double[n][], chromaSpans = new double[n][], bassSpans = new double[n][];
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
            double kk = 0;
            for (int d = -2; d <= 2; d++)
            {
                int g = f + d;
                if (g >= 3 && g < spectrogram.Frames)
                {
                    ReadOnlySpan<float> now = spectrogram.Row(g), before = spectrogram.Row(g - 3);
                    double sum = 0;
                    for (int i = 0; i < kickBands; i++)
                    {
                        sum += Math.Max(0, now[i] - before[i]);
                    }

                    kk = Math.Max(kk, sum);
                }
            }

            kick[k] = kk;
            int end = k + 1 < n ? beatFrames[k + 1] : f + (k > 0 ? f - beatFrames[k - 1] : 50);
            end = Math.Min(spectrogram.Frames, Math.Max(end, f + 1));
            double[] span = new double[maxBand], pc = new double[12];
            for (int g = Math.Max(0, f); g < end; g++)
            {
                ReadOnlySpan<float> row = spectrogram.Row(g);
                for (int i = 0; i < maxBand; i++)
                {
                    span[i] += row[i];
                    if (pitchClass[i] >= 0)
                    {
                        pc[pitchClass[i]] += row[i];
                    }
                }
            }

            double[] bassSpan = new double[maxBand];
            int bassCount = 0;
            for (int i = 0; i < maxBand && freq[i] < 250; i++)
            {
                if (freq[i] >= 40)
                {
                    bassSpan[bassCount++] = span[i];
                }
            }

            spans[k] = span;
            chromaSpans[k] = pc;
            bassSpans[k] = bassSpan[..Math.Max(1, bassCount)];
            if (k > 0)
            {
                change[k] = 1 - Correlation(spans[k - 1], span);
                chroma[k] = 1 - Correlation(chromaSpans[k - 1], pc);
                bassNote[k] = 1 - Correlation(bassSpans[k - 1], bassSpans[k]);
            }
        }

        if (n > 1)
        {
            change[0] = Mean(change.AsSpan(1));
            chroma[0] = Mean(chroma.AsSpan(1));
            bassNote[0] = Mean(bassNote.AsSpan(1));
        }

        Standardise(bass);
        Standardise(flux);
        Standardise(change);
        Standardise(chroma);
        Standardise(bassNote);
        Standardise(kick);
        return new BarFeatures(bass, flux, change, chroma, bassNote, chromaSpans, kick);
    }

    /// <summary>Harmonic novelty at each beat over windows of <paramref name="width"/> beats: the pitch-class profile of
    /// the <paramref name="width"/> beats from this one against that of the <paramref name="width"/> beats before it,
    /// standardised. Chords and sections change at bar lines.</summary>
    public double[] ChromaNovelty(int width)
    {
        int n = Count;
        double[] novelty = new double[n];
        double[] before = new double[12], after = new double[12];
        int valid = 0;
        double sum = 0;
        for (int k = 0; k < n; k++)
        {
            if (k < width || k + width > n)
            {
                novelty[k] = double.NaN;
                continue;
            }

            Array.Clear(before);
            Array.Clear(after);
            for (int j = k - width; j < k; j++)
            {
                Add(before, ChromaSpans[j]);
            }

            for (int j = k; j < k + width; j++)
            {
                Add(after, ChromaSpans[j]);
            }

            novelty[k] = 1 - Correlation(before, after);
            sum += novelty[k];
            valid++;
        }

        double fill = valid > 0 ? sum / valid : 0;
        for (int k = 0; k < n; k++)
        {
            if (double.IsNaN(novelty[k]))
            {
                novelty[k] = fill;
            }
        }

        Standardise(novelty);
        return novelty;
    }

    private static void Add(double[] sum, double[] x)
    {
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += x[i];
        }
    }

    /// <summary>Correlation of two vectors (cosine of the mean-removed vectors); 1 when either is constant.</summary>
    internal static double Correlation(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
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

    internal static double Mean(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (double v in x)
        {
            s += v;
        }

        return x.IsEmpty ? 0 : s / x.Length;
    }

    internal static void Standardise(double[] x)
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
