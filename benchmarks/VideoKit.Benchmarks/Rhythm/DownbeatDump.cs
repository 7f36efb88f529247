using System.Globalization;
using System.Text;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>BEAT_DBDUMP=FILE</c>: appends one JSON line per analysed excerpt to FILE for offline downbeat studies: the
/// excerpt's set, category, fold, beat F and downbeat F, annotated and analysed meter, the analysed beats and downbeats,
/// the annotated beats and downbeats, and per analysed beat the shipped bar evidence (standardised), chord novelty over
/// 2–5 beats, the raw pitch-class profile of the beat span, the onset pattern (positive spectral change in three
/// registers at eight points through the beat) and a coarse spectrum (16 bands) of the beat span.
/// </summary>
internal static class DownbeatDump
{
    private static readonly Lock s_lock = new();

    public static string? Path => Environment.GetEnvironmentVariable("BEAT_DBDUMP");

    public static void Add(string set, string name, string category, int fold, AudioBuffer buffer, RhythmAnalysis result, double[] beats, double[] downbeats, int meter, double f, double dbf, RhythmTuning tuning)
    {
        string? path = Path;
        if (path is null)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        double[] est = [.. result.Grid.Beats.Select(b => b.Time.TotalSeconds)];
        int[] inBar = [.. result.Grid.Beats.Select(b => b.BeatInBar)];
        var sb = new StringBuilder();
        sb.Append(string.Create(c, $"{{\"set\":\"{set}\",\"name\":\"{name}\",\"cat\":\"{category}\",\"fold\":{fold},\"F\":{f:0.0000},\"dbf\":{dbf:0.0000},\"meter\":{meter},\"estMeter\":{result.BeatsPerBar},"));
        sb.Append("\"levels\":[").Append(string.Join(',', result.Levels.Select(l => string.Create(c, $"[{l.Factor:0.###},{l.Bpm:0.##},{l.Probability:0.####}]")))).Append("],");
        sb.Append("\"est\":").Append(Json(est)).Append(",\"inBar\":[").Append(string.Join(',', inBar)).Append("],\"ref\":").Append(Json(beats)).Append(",\"refDown\":").Append(Json(downbeats));
        if (est.Length >= 8)
        {
            double fps = tuning.FramesPerSecond;
            Spectrogram sp = Spectrogram.Compute(buffer.Samples, buffer.SampleRate, fps, (float)(0.1 / Signal.Rms(buffer.Samples)));
            OnsetFeatures on = OnsetFeatures.Compute(sp, tuning.FluxLag, (float)tuning.LowCutHz);
            int[] frames = [.. est.Select(t => (int)Math.Round((t - tuning.BeatOffsetSeconds) * fps))];
            BarFeatures bar = BarFeatures.Compute(sp, on, frames);
            sb.Append(",\"bass\":").Append(Json(bar.Bass)).Append(",\"kick\":").Append(Json(bar.Kick)).Append(",\"flux\":").Append(Json(bar.Flux))
                .Append(",\"change\":").Append(Json(bar.Change)).Append(",\"chroma\":").Append(Json(bar.Chroma)).Append(",\"bassnote\":").Append(Json(bar.BassNote))
                .Append(",\"low\":").Append(Json(bar.LowEnergy));
            for (int w = 2; w <= 5; w++)
            {
                sb.Append(string.Create(c, $",\"nov{w}\":")).Append(Json(bar.ChromaNovelty(w)));
            }

            sb.Append(",\"pc\":[").Append(string.Join(',', bar.ChromaSpans.Select(Json))).Append(']');
            int low = sp.BandsBelow(150), mid = sp.BandsBelow(2000);
            float[][] registers = [sp.BandFlux(0, low), sp.BandFlux(low, mid), sp.BandFlux(mid, sp.Bands)];
            var pattern = new List<double[]>(frames.Length);
            var timbre = new List<double[]>(frames.Length);
            for (int k = 0; k < frames.Length; k++)
            {
                int start = frames[k];
                int span = k + 1 < frames.Length ? frames[k + 1] - start : start - frames[k - 1];
                double[] p = new double[24];
                for (int r = 0; r < 3; r++)
                {
                    for (int j = 0; j < 8; j++)
                    {
                        int centre = start + (int)Math.Round(span * j / 8.0);
                        double m = 0;
                        for (int d = -1; d <= 1; d++)
                        {
                            int g = centre + d;
                            if (g >= 0 && g < sp.Frames)
                            {
                                m = Math.Max(m, registers[r][g]);
                            }
                        }

                        p[(r * 8) + j] = m;
                    }
                }

                pattern.Add(p);
                double[] t = new double[16];
                int end = Math.Min(sp.Frames, start + Math.Max(1, span));
                for (int g = Math.Max(0, start); g < end; g++)
                {
                    ReadOnlySpan<float> row = sp.Row(g);
                    for (int i = 0; i < row.Length; i++)
                    {
                        t[i * 16 / row.Length] += row[i];
                    }
                }

                for (int i = 0; i < 16; i++)
                {
                    t[i] /= Math.Max(1, end - Math.Max(0, start));
                }

                timbre.Add(t);
            }

            sb.Append(",\"pat\":[").Append(string.Join(',', pattern.Select(Json))).Append(']');
            sb.Append(",\"timbre\":[").Append(string.Join(',', timbre.Select(Json))).Append(']');
        }

        sb.Append('}');
        lock (s_lock)
        {
            File.AppendAllText(path, sb.Append('\n').ToString());
        }
    }

    private static string Json(double[] x) => "[" + string.Join(',', x.Select(v => double.IsFinite(v) ? v.ToString("0.#####", CultureInfo.InvariantCulture) : "0")) + "]";
}
