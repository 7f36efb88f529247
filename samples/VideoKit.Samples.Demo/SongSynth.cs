using NAudio.Wave;

namespace VideoKit.Samples.Demo;

/// <summary>
/// A small drum-and-bass-line loop synthesized sample by sample: kick on every beat, clap on 2 and 4, hats on the
/// off-beats, a bass line and a soft pad that change chord every bar. Deterministic (seeded noise).
/// </summary>
internal static class SongSynth
{
    private const int SampleRate = 44100;

    /// <summary>Writes <paramref name="bars"/> bars of 4/4 at <paramref name="bpm"/> to a 16-bit stereo WAV file.</summary>
    public static void Write(string path, double bpm, int bars)
    {
        double beat = 60.0 / bpm;
        int total = (int)Math.Round(bars * 4 * beat * SampleRate);
        float[] left = new float[total], right = new float[total];
        var random = new Random(1337);
        double[] roots = [55.00, 43.65, 65.41, 49.00]; // A, F, C, G: one chord per bar
        for (int bar = 0; bar < bars; bar++)
        {
            double root = roots[bar % roots.Length];
            double barStart = bar * 4 * beat;
            Pad(left, right, barStart, 4 * beat, root * 4);
            for (int b = 0; b < 4; b++)
            {
                double t = barStart + (b * beat);
                Kick(left, right, t);
                if (b is 1 or 3)
                {
                    Clap(left, right, t, random);
                }

                Hat(left, right, t + (beat / 2), random, pan: b % 2 == 0 ? 0.3f : -0.3f);
                Bass(left, right, t, beat / 2, root);
                Bass(left, right, t + (beat / 2), beat / 2, root * (b == 3 ? 1.5 : 2));
            }
        }

        using var writer = new WaveFileWriter(path, new WaveFormat(SampleRate, 16, 2));
        float[] interleaved = new float[total * 2];
        for (int i = 0; i < total; i++)
        {
            interleaved[2 * i] = MathF.Tanh(left[i] * 0.8f);
            interleaved[(2 * i) + 1] = MathF.Tanh(right[i] * 0.8f);
        }

        writer.WriteSamples(interleaved, 0, interleaved.Length);
    }

    private static void Kick(float[] l, float[] r, double at)
    {
        int start = (int)(at * SampleRate), length = (int)(0.35 * SampleRate);
        double phase = 0;
        for (int i = 0; i < length && start + i < l.Length; i++)
        {
            double t = (double)i / SampleRate;
            double frequency = 45 + (110 * Math.Exp(-t * 30));
            phase += 2 * Math.PI * frequency / SampleRate;
            float v = (float)(Math.Sin(phase) * Math.Exp(-t * 9) * 0.9);
            l[start + i] += v;
            r[start + i] += v;
        }
    }

    private static void Clap(float[] l, float[] r, double at, Random random)
    {
        int start = (int)(at * SampleRate), length = (int)(0.2 * SampleRate);
        double last = 0;
        for (int i = 0; i < length && start + i < l.Length; i++)
        {
            double t = (double)i / SampleRate;
            double noise = (random.NextDouble() * 2) - 1;
            double band = noise - last; // crude high-pass
            last = noise;
            float v = (float)(band * Math.Exp(-t * 22) * 0.35);
            l[start + i] += v;
            r[start + i] += v;
        }
    }

    private static void Hat(float[] l, float[] r, double at, Random random, float pan)
    {
        int start = (int)(at * SampleRate), length = (int)(0.06 * SampleRate);
        double last = 0;
        for (int i = 0; i < length && start + i < l.Length; i++)
        {
            double t = (double)i / SampleRate;
            double noise = (random.NextDouble() * 2) - 1;
            double high = noise - last;
            last = noise;
            float v = (float)(high * Math.Exp(-t * 70) * 0.18);
            l[start + i] += v * (1 - pan);
            r[start + i] += v * (1 + pan);
        }
    }

    private static void Bass(float[] l, float[] r, double at, double duration, double frequency)
    {
        int start = (int)(at * SampleRate), length = (int)(duration * SampleRate);
        for (int i = 0; i < length && start + i < l.Length; i++)
        {
            double t = (double)i / SampleRate;
            double saw = 2 * ((t * frequency) - Math.Floor(0.5 + (t * frequency)));
            double sine = Math.Sin(2 * Math.PI * frequency * t);
            float v = (float)(((0.35 * saw) + (0.65 * sine)) * Math.Exp(-t * 6) * 0.45 * Math.Min(1, i / 40.0));
            l[start + i] += v;
            r[start + i] += v;
        }
    }

    private static void Pad(float[] l, float[] r, double at, double duration, double root)
    {
        int start = (int)(at * SampleRate), length = (int)(duration * SampleRate);
        double[] chord = [root, root * 1.26, root * 1.5]; // a major-ish triad
        for (int i = 0; i < length && start + i < l.Length; i++)
        {
            double t = (double)i / SampleRate;
            double envelope = Math.Min(1, t * 4) * Math.Min(1, (duration - t) * 4) * 0.06;
            double sl = 0, sr = 0;
            foreach (double f in chord)
            {
                sl += Math.Sin(2 * Math.PI * f * t);
                sr += Math.Sin(2 * Math.PI * f * 1.003 * t);
            }

            l[start + i] += (float)(sl * envelope);
            r[start + i] += (float)(sr * envelope);
        }
    }
}
