using System.Globalization;
using System.Text;
using VideoKit.Media;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// Per-file diagnostics for <c>beat-accuracy</c>, switched on by environment variables (one line per file each):
/// <c>BEAT_ACF=1</c> the envelope's autocorrelation at multiples of the annotated beat period;
/// <c>BEAT_ERR=1</c> the median signed timing error of the matched beats;
/// <c>BEAT_NOV=1</c> harmonic change, onset and low-band onset strength on the beats and on the off-beats (annotated and
/// estimated grids: the evidence for the half-beat phase check);
/// <c>BEAT_PHASE=1</c> the mean activation (F) and low-band activation (L) at 24 phases across the beats (the evidence
/// for the swing check).
/// </summary>
internal static class BeatDiagnostics
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    public static void Print(string name, AudioBuffer buffer, RhythmTuning tuning, double[] reference, double[] estimated, double referenceTempo)
    {
        bool acf = On("BEAT_ACF"), error = On("BEAT_ERR"), novelty = On("BEAT_NOV"), phase = On("BEAT_PHASE"), cues = On("BEAT_CUES");
        if (cues)
        {
            Spectrogram sp = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, 100, (float)(0.1 / Signal.Rms(buffer.Samples)));
            int[] frames = [.. estimated.Select(t => (int)Math.Round((t - tuning.BeatOffsetSeconds) * 100))];
            var line = new StringBuilder(name.PadRight(26));
            foreach ((string label, double lo, double hi) in (ValueTuple<string, double, double>[])[("all", 0, 20000), ("<120", 0, 120), ("<250", 0, 250), ("250-2k", 250, 2000), ("2k-5k", 2000, 5000), (">5k", 5000, 20000)])
            {
                float[] band = BandFlux(sp, lo, hi);
                double on = 0, off = 0;
                for (int k = 1; k + 1 < frames.Length; k++)
                {
                    int half = (frames[k + 1] - frames[k]) / 2;
                    on += Max(band, frames[k]);
                    off += Max(band, frames[k] + half);
                }

                line.Append(string.Create(s_c, $" {label} {Math.Log((off + 1e-6) / (on + 1e-6)),6:+0.00;-0.00}"));
            }

            {
                float[] lo = BandFlux(sp, 0, 150), hi = BandFlux(sp, 2000, 20000);
                float ql = Signal.Quantile(lo, 0.99), qh = Signal.Quantile(hi, 0.99);
                float[] kick = new float[lo.Length];
                for (int t = 0; t < kick.Length; t++)
                {
                    kick[t] = MathF.Sqrt(Math.Max(0, lo[t] / ql) * Math.Max(0, hi[t] / qh));
                }

                double on = 0, off = 0;
                for (int k = 1; k + 1 < frames.Length; k++)
                {
                    int half = (frames[k + 1] - frames[k]) / 2;
                    on += Max(kick, frames[k]);
                    off += Max(kick, frames[k] + half);
                }

                line.Append(string.Create(s_c, $" kick {Math.Log((off + 1e-6) / (on + 1e-6)),6:+0.00;-0.00}"));
            }

            double[] b = new double[40], a = new double[40];
            int bands = 0;
            while (bands < sp.Bands && sp.BandFrequencies[bands] < 2500)
            {
                bands++;
            }

            b = new double[bands];
            a = new double[bands];
            double con = 0, coff = 0;
            for (int k = 1; k + 1 < frames.Length; k++)
            {
                int half = (frames[k + 1] - frames[k]) / 2;
                if (frames[k] - half < 0 || frames[k] + (2 * half) > sp.Frames)
                {
                    continue;
                }

                con += BeatPhase.Change(sp, frames[k], half, b, a);
                coff += BeatPhase.Change(sp, frames[k] + half, half, b, a);
            }

            line.Append(string.Create(s_c, $" harm {Math.Log((coff + 1e-6) / (con + 1e-6)),6:+0.00;-0.00}"));
            float[] env = BandFlux(sp, 0, 20000);
            float q = Signal.Quantile(env, 0.99);
            foreach (double thr in (double[])[0.1, 0.2, 0.4])
            {
                int peaks = 0;
                for (int t = 3; t + 3 < env.Length; t++)
                {
                    if (env[t] > thr * q && env[t] >= env[t - 1] && env[t] > env[t + 1] && env[t] >= env[t - 2] && env[t] >= env[t + 2] && env[t] >= env[t - 3] && env[t] >= env[t + 3])
                    {
                        peaks++;
                    }
                }

                line.Append(string.Create(s_c, $" rate{thr} {peaks / (env.Length / 100.0):0.00}"));
            }
            Console.WriteLine(line.ToString());
        }

        if (!(acf || error || novelty || phase))
        {
            return;
        }

        Spectrogram spectrogram = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, 100, (float)(0.1 / Signal.Rms(buffer.Samples)));
        OnsetFeatures features = OnsetFeatures.Compute(spectrogram, tuning.FluxLag, (float)tuning.LowCutHz);
        float[] envelope = Signal.SubtractLocalMean(features.Flux, tuning.LocalMeanRadius);
        float[] low = Signal.SubtractLocalMean(features.LowFlux, tuning.LocalMeanRadius);
        if (acf)
        {
            PrintAutocorrelation(name, envelope, referenceTempo);
        }

        if (error)
        {
            PrintTimingError(name, reference, estimated);
        }

        if (novelty)
        {
            PrintNovelty(name, spectrogram, envelope, low, reference, estimated);
        }

        if (phase)
        {
            PrintPhaseProfile(name, envelope, low, reference, estimated);
        }
    }

    private static float[] BandFlux(Spectrogram sp, double lo, double hi)
    {
        float[] flux = new float[sp.Frames];
        for (int t = 3; t < sp.Frames; t++)
        {
            ReadOnlySpan<float> prev = sp.Row(t - 3), cur = sp.Row(t);
            float sum = 0;
            for (int i = 0; i < sp.Bands; i++)
            {
                if (sp.BandFrequencies[i] >= lo && sp.BandFrequencies[i] < hi)
                {
                    sum += Math.Max(0, cur[i] - prev[i]);
                }
            }

            flux[t] = sum;
        }

        return Signal.SubtractLocalMean(flux, 20);
    }

    private static float Max(float[] a, int f)
    {
        float m = 0;
        for (int g = Math.Max(0, f - 2); g <= Math.Min(a.Length - 1, f + 2); g++)
        {
            m = Math.Max(m, a[g]);
        }

        return m;
    }

    private static bool On(string variable) => Environment.GetEnvironmentVariable(variable) == "1";

    private static void PrintAutocorrelation(string name, float[] envelope, double referenceTempo)
    {
        float[] acf = TempoEstimator.Autocorrelation(envelope, 1200);
        double beatLag = 6000 / referenceTempo;
        var line = new StringBuilder(name.PadRight(24));
        foreach (double multiple in (double[])[0.25, 0.5, 2.0 / 3, 0.75, 1, 1.5, 2, 3, 4, 6, 8])
        {
            int l = (int)Math.Round(beatLag * multiple);
            float v = l + 1 < acf.Length ? Math.Max(acf[l], Math.Max(acf[l - 1], acf[l + 1])) : float.NaN;
            line.Append(string.Create(s_c, $" {multiple,4:0.##}:{v,5:0.00}"));
        }

        Console.WriteLine(line.ToString());
    }

    private static void PrintTimingError(string name, double[] reference, double[] estimated)
    {
        var errors = new List<double>();
        foreach (double r in reference.Where(x => x >= 5))
        {
            double nearest = estimated.Length == 0 ? double.NaN : estimated.MinBy(e => Math.Abs(e - r));
            if (Math.Abs(nearest - r) <= 0.07)
            {
                errors.Add(nearest - r);
            }
        }

        errors.Sort();
        double median = errors.Count > 0 ? errors[errors.Count / 2] * 1000 : double.NaN;
        Console.WriteLine(string.Create(s_c, $"{name,-24} matched {errors.Count,3} median error {median,6:0} ms"));
    }

    private static void PrintNovelty(string name, Spectrogram spectrogram, float[] envelope, float[] low, double[] reference, double[] estimated)
    {
        var line = new StringBuilder(name.PadRight(24));
        foreach (var (label, times) in (ValueTuple<string, double[]>[])[("ref", reference), ("est", estimated)])
        {
            foreach (double shift in (double[])[0, 0.5])
            {
                double change = 0, onset = 0, lowOnset = 0;
                int count = 0;
                for (int k = 1; k + 1 < times.Length; k++)
                {
                    double interval = times[k + 1] - times[k];
                    int b = (int)Math.Round((times[k] + (shift * interval)) * 100);
                    int half = (int)Math.Round(interval * 50);
                    if (b - half < 0 || b + half >= spectrogram.Frames)
                    {
                        continue;
                    }

                    change += Change(spectrogram, b, half, 2500);
                    float peak = 0, lowPeak = 0;
                    for (int g = b - 2; g <= b + 4; g++)
                    {
                        peak = Math.Max(peak, envelope[g]);
                        lowPeak = Math.Max(lowPeak, low[g]);
                    }

                    onset += peak;
                    lowOnset += lowPeak;
                    count++;
                }

                count = Math.Max(1, count);
                line.Append(string.Create(s_c, $" {label}{shift:0.0} change {change / count:0.000} onset {onset / count,6:0.00} low {lowOnset / count,6:0.00} |"));
            }
        }

        Console.WriteLine(line.ToString());
    }

    private static void PrintPhaseProfile(string name, float[] envelope, float[] low, double[] reference, double[] estimated)
    {
        const int bins = 24;
        float top = Signal.Quantile(envelope, 0.99), lowTop = Signal.Quantile(low, 0.99);
        foreach (var (label, times) in (ValueTuple<string, double[]>[])[("est", estimated), ("ref", reference)])
        {
            double[] profile = new double[bins], lowProfile = new double[bins];
            int count = 0;
            for (int k = 0; k + 1 < times.Length; k++)
            {
                double t0 = times[k] * 100, t1 = times[k + 1] * 100;
                count++;
                for (int j = 0; j < bins; j++)
                {
                    int f = (int)Math.Round(t0 + (j * (t1 - t0) / bins));
                    float m = 0, lm = 0;
                    for (int g = Math.Max(0, f - 1); g <= Math.Min(envelope.Length - 1, f + 1); g++)
                    {
                        m = Math.Max(m, envelope[g]);
                        lm = Math.Max(lm, low[g]);
                    }

                    profile[j] += m / top;
                    lowProfile[j] += lm / lowTop;
                }
            }

            count = Math.Max(1, count);
            Console.WriteLine(name.PadRight(24) + label + " F " + string.Join(' ', profile.Select(v => ((int)Math.Round(99 * v / count)).ToString(s_c).PadLeft(2))));
            Console.WriteLine(name.PadRight(24) + label + " L " + string.Join(' ', lowProfile.Select(v => ((int)Math.Round(99 * v / count)).ToString(s_c).PadLeft(2))));
        }
    }

    /// <summary>1 − the correlation of the mean spectra (below <paramref name="maxHz"/>) of the <paramref name="half"/> frames before and after <paramref name="frame"/>.</summary>
    private static double Change(Spectrogram spectrogram, int frame, int half, double maxHz)
    {
        int bands = 0;
        while (bands < spectrogram.Bands && spectrogram.BandFrequencies[bands] < maxHz)
        {
            bands++;
        }

        return BeatPhase.Change(spectrogram, frame, half, new double[bands], new double[bands]);
    }
}
