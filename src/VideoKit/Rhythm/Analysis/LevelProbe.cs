using System.Globalization;
using System.Text;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Diagnostics for the metrical-level choice (evaluation command only; nothing here is used by the analysis): per
/// candidate grid, register-wise onset strength at its midpoints over its beats, single-register alternation, the
/// activation profile across the beat and the harmonic/bass change across beats against across midpoints.
/// </summary>
internal static class LevelProbe
{
    /// <summary>The spectrogram of the song being analysed, set only while <see cref="MetricalLevel.Trace"/> is set.</summary>
    internal static Spectrogram? Context { get; set; }

    private static (Spectrogram S, float[][] Registers)? s_cache;

    public static string Describe(ReadOnlySpan<float> activation, int[] grid)
    {
        Spectrogram? s = Context;
        if (s is null || grid.Length < 8)
        {
            return "";
        }

        if (s_cache is not { } cache || !ReferenceEquals(cache.S, s))
        {
            s_cache = cache = (s, [
                s.BandFlux(0, s.BandsBelow(120)),
                s.BandFlux(s.BandsBelow(40), s.BandsBelow(250)),
                s.BandFlux(s.BandsBelow(150), s.BandsBelow(2000)),
                s.BandFlux(s.BandsBelow(2000), s.Bands),
                s.BandFlux(s.BandsBelow(6000), s.Bands),
            ]);
        }

        float[][] reg = cache.Registers;
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        string[] names = ["k", "b", "m", "t", "h"];
        for (int r = 0; r < reg.Length; r++)
        {
            sb.Append(c, $" r{names[r]}={MidOverBeat(reg[r], grid):0.000}");
        }

        sb.Append(c, $" ra={MidOverBeat(activation, grid):0.000}");
        for (int r = 0; r < reg.Length; r++)
        {
            sb.Append(c, $" a{names[r]}={Alternation(reg[r], grid):0.000}");
        }

        sb.Append(c, $" akt={Backbeat.Alternation(reg[0], reg[3], grid):0.000} amt={Backbeat.Alternation(reg[2], reg[3], grid):0.000}");
        double[] profile = Profile(activation, grid, 12);
        sb.Append(" p=");
        sb.AppendJoin(',', profile.Select(v => v.ToString("0.00", c)));
        for (int r = 0; r < reg.Length; r++)
        {
            double[] rp = Profile(reg[r], grid, 12);
            sb.Append(c, $" p{names[r]}=");
            sb.AppendJoin(',', rp.Select(v => v.ToString("0.00", c)));
        }

        foreach (double th in (ReadOnlySpan<double>)[0.03, 0.05, 0.08, 0.12, 0.2])
        {
            int hit = 0, midHit = 0;
            for (int k = 0; k < grid.Length; k++)
            {
                hit += PeakNear(activation, grid[k]) >= th ? 1 : 0;
                midHit += k + 1 < grid.Length && PeakNear(activation, (grid[k] + grid[k + 1]) / 2) >= th ? 1 : 0;
            }

            sb.Append(c, $" c{(int)(th * 100)}={(double)hit / grid.Length:0.000} cm{(int)(th * 100)}={(double)midHit / (grid.Length - 1):0.000}");
        }

        {
            int top = s.BandsBelow(2500);
            var spans = new List<(double[] Pc, double[] Bass)>();
            for (int k = 0; k + 1 < grid.Length; k++)
            {
                spans.Add(Span(s, s.BandFrequencies, top, grid[k], grid[k + 1]));
            }

            double[] hx = new double[spans.Count - 1], bx = new double[spans.Count - 1];
            for (int k = 1; k < spans.Count; k++)
            {
                hx[k - 1] = 1 - BarFeatures.Correlation(spans[k - 1].Pc, spans[k].Pc);
                bx[k - 1] = 1 - BarFeatures.Correlation(spans[k - 1].Bass, spans[k].Bass);
            }

            sb.Append(c, $" hA={SeqAlternation(hx, 2):0.000} hA4={SeqAlternation(hx, 4):0.000} bA={SeqAlternation(bx, 2):0.000} bA4={SeqAlternation(bx, 4):0.000} hrate={Mean(hx):0.000}");
        }

        (double chroma, double bass) = ChangeMidOverBeat(s, grid);
        sb.Append(c, $" hc={chroma:0.000} bc={bass:0.000}");
        return sb.ToString();
    }

    private static double Mean(double[] x) => x.Length == 0 ? 0 : x.Average();

    /// <summary>Best phase-consistent contrast of period <paramref name="period"/>: the largest position mean minus the
    /// mean of the others, in SDs of x.</summary>
    private static double SeqAlternation(double[] x, int period)
    {
        if (x.Length < 2 * period)
        {
            return 0;
        }

        double m = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / x.Length);
        if (sd < 1e-12)
        {
            return 0;
        }

        double[] pos = new double[period];
        int[] cnt = new int[period];
        for (int k = 0; k < x.Length; k++)
        {
            pos[k % period] += (x[k] - m) / sd;
            cnt[k % period]++;
        }

        double best = double.NegativeInfinity;
        for (int p = 0; p < period; p++)
        {
            double own = pos[p] / cnt[p], others = 0;
            int n = 0;
            for (int q = 0; q < period; q++)
            {
                if (q != p)
                {
                    others += pos[q];
                    n += cnt[q];
                }
            }

            best = Math.Max(best, own - (others / n));
        }

        return best;
    }

    private static float PeakNear(ReadOnlySpan<float> values, int frame)
    {
        float m = 0;
        for (int g = Math.Max(0, frame - 2); g <= Math.Min(values.Length - 1, frame + 4); g++)
        {
            m = Math.Max(m, values[g]);
        }

        return m;
    }

    private static double MidOverBeat(ReadOnlySpan<float> x, int[] grid)
    {
        double on = 0, mid = 0;
        for (int k = 0; k + 1 < grid.Length; k++)
        {
            on += PeakNear(x, grid[k]);
            mid += PeakNear(x, (grid[k] + grid[k + 1]) / 2);
        }

        return on > 1e-9 ? mid / on : 1;
    }

    private static double Alternation(ReadOnlySpan<float> x, int[] grid)
    {
        int n = grid.Length;
        double[] v = new double[n];
        double mean = 0;
        for (int k = 0; k < n; k++)
        {
            v[k] = PeakNear(x, grid[k]);
            mean += v[k];
        }

        mean /= n;
        double var = 0, alt = 0;
        for (int k = 0; k < n; k++)
        {
            double d = v[k] - mean;
            var += d * d;
            alt += k % 2 == 0 ? d : -d;
        }

        double sd = Math.Sqrt(var / n);
        return sd > 1e-12 ? (Math.Abs(alt / n) / sd) - Math.Sqrt(2 / (Math.PI * n)) : 0;
    }

    /// <summary>Mean over beats of the maximum of <paramref name="x"/> in each of <paramref name="bins"/> equal parts of the
    /// beat, relative to bin 0.</summary>
    private static double[] Profile(ReadOnlySpan<float> x, int[] grid, int bins)
    {
        double[] p = new double[bins];
        int count = 0;
        for (int k = 0; k + 1 < grid.Length; k++)
        {
            double len = grid[k + 1] - grid[k];
            if (len < bins / 2)
            {
                continue;
            }

            count++;
            for (int b = 0; b < bins; b++)
            {
                int from = grid[k] + (int)Math.Round((b - 0.5) * len / bins), to = grid[k] + (int)Math.Round((b + 0.5) * len / bins);
                float m = 0;
                for (int g = Math.Max(0, from); g <= Math.Min(x.Length - 1, to); g++)
                {
                    m = Math.Max(m, x[g]);
                }

                p[b] += m;
            }
        }

        double first = p[0] > 1e-9 ? p[0] : 1;
        for (int b = 0; b < bins; b++)
        {
            p[b] /= first;
        }

        return p;
    }

    /// <summary>Pitch-class and bass-spectrum change across the midpoints over that across the beats (half-beat windows).</summary>
    private static (double Chroma, double Bass) ChangeMidOverBeat(Spectrogram s, int[] grid)
    {
        float[] freq = s.BandFrequencies;
        int top = s.BandsBelow(2500);
        int n = grid.Length;
        var halves = new List<(double[] Pc, double[] Bass)>();
        for (int k = 0; k + 1 < n; k++)
        {
            int mid = (grid[k] + grid[k + 1]) / 2;
            halves.Add(Span(s, freq, top, grid[k], mid));
            halves.Add(Span(s, freq, top, mid, grid[k + 1]));
        }

        double onC = 0, midC = 0, onB = 0, midB = 0;
        int onN = 0, midN = 0;
        for (int i = 1; i < halves.Count; i++)
        {
            double dc = 1 - BarFeatures.Correlation(halves[i - 1].Pc, halves[i].Pc);
            double db = 1 - BarFeatures.Correlation(halves[i - 1].Bass, halves[i].Bass);
            if (i % 2 == 0)
            {
                onC += dc;
                onB += db;
                onN++;
            }
            else
            {
                midC += dc;
                midB += db;
                midN++;
            }
        }

        return (onC > 1e-9 ? (midC / midN) / (onC / onN) : 1, onB > 1e-9 ? (midB / midN) / (onB / onN) : 1);
    }

    private static (double[] Pc, double[] Bass) Span(Spectrogram s, float[] freq, int top, int from, int to)
    {
        double[] pc = new double[12];
        var bass = new double[s.BandsBelow(250) - s.BandsBelow(40)];
        int b0 = s.BandsBelow(40);
        for (int g = Math.Max(0, from); g < Math.Min(s.Frames, Math.Max(to, from + 1)); g++)
        {
            ReadOnlySpan<float> row = s.Row(g);
            for (int i = 0; i < top; i++)
            {
                if (freq[i] >= 60)
                {
                    pc[(((int)Math.Round(12 * Math.Log2(freq[i] / 440.0)) % 12) + 12) % 12] += row[i];
                }

                if (i >= b0 && i - b0 < bass.Length)
                {
                    bass[i - b0] += row[i];
                }
            }
        }

        return (pc, bass);
    }
}
