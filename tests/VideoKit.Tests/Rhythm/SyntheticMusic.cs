namespace VideoKit.Tests.Rhythm;

/// <summary>Deterministic drum and click tracks with known beats, synthesised in memory.</summary>
internal static class SyntheticMusic
{
    public const int SampleRate = 22_050;

    /// <summary>C, F, G and A minor (Hz, root first), the chords every harmonic test piece cycles through.</summary>
    private static readonly double[][] s_chords = [[130.81, 261.63, 329.63, 392.00], [174.61, 349.23, 440.00, 523.25], [196.00, 392.00, 493.88, 587.33], [220.00, 440.00, 523.25, 659.26]];

    /// <summary>
    /// A drum pattern: kick on beat 1 of each bar, snare-like noise bursts on the other beats, soft hi-hat eighths,
    /// and a bass note changing each bar (without the eighths it is a click track); <paramref name="jitter"/> moves each beat by up to that many seconds either way. <paramref name="subdivisions"/> 3 puts
    /// three eighths in each beat (a compound meter: the beat is the dotted quarter). <paramref name="swing"/> is where the
    /// single eighth between two beats falls, as a fraction of the beat (0.5 straight, ⅔ swung). Returns the samples and the true beat times.
    /// </summary>
    public static (float[] Samples, double[] Beats, double[] Downbeats) DrumTrack(double bpm, int beatsPerBar, double seconds, double firstBeat = 0.5, int seed = 1337, bool eighths = true, int subdivisions = 2, double jitter = 0, double swing = 0.5)
    {
        var random = new Random(seed);
        float[] x = new float[(int)(seconds * SampleRate)];
        double period = 60 / bpm;
        var beats = new List<double>();
        var downbeats = new List<double>();
        int n = 0;
        for (double t = firstBeat; t < seconds - 0.05; t += period, n++)
        {
            double at = t + (jitter * ((random.NextDouble() * 2) - 1));
            beats.Add(at);
            bool down = n % beatsPerBar == 0;
            if (down)
            {
                downbeats.Add(at);
                AddKick(x, at, 1.0f);
                AddTone(x, at, period * beatsPerBar * 0.9, 55 * (1 + ((n / beatsPerBar) % 3 * 0.25)), 0.25f);
            }
            else
            {
                AddNoise(x, at, 0.08, 0.45f, random);
                AddKick(x, at, 0.35f);
            }

            for (int k = 1; eighths && k < subdivisions; k++)
            {
                AddNoise(x, at + (subdivisions == 2 ? swing * period : k * period / subdivisions), 0.03, 0.12f, random);
            }
        }

        return (x, [.. beats], [.. downbeats]);
    }

    /// <summary>
    /// A compound-meter click track: a click on every eighth, three eighths to the (dotted-quarter) beat, the beats
    /// accented and the first beat of each bar more. Returns the samples and the true (dotted-quarter) beat times.
    /// </summary>
    public static (float[] Samples, double[] Beats, double[] Downbeats) CompoundClicks(double beatBpm, int beatsPerBar, double seconds, double firstBeat = 0.5)
    {
        float[] x = new float[(int)(seconds * SampleRate)];
        double period = 60 / beatBpm;
        var beats = new List<double>();
        var downbeats = new List<double>();
        int n = 0;
        for (double t = firstBeat; t < seconds - 0.05; t += period, n++)
        {
            beats.Add(t);
            bool down = n % beatsPerBar == 0;
            if (down)
            {
                downbeats.Add(t);
            }

            AddClick(x, t, down ? 1.0f : 0.6f, down ? 1500 : 1000);
            AddClick(x, t + (period / 3), 0.3f, 800);
            AddClick(x, t + (2 * period / 3), 0.3f, 800);
        }

        return (x, [.. beats], [.. downbeats]);
    }

    /// <summary>
    /// A groove whose loudest onsets fall on the off-beats: a chord (C, F, G, A minor) and its root in the bass change on
    /// every bar line (4 beats), on the beats sound <paramref name="beatClick"/> clicks and (when
    /// <paramref name="kick"/> &gt; 0) a kick, on the off-beats hi-hat-like noise bursts of <paramref name="hat"/> and
    /// short stabs of the current chord of <paramref name="stab"/> (a reggae skank), while <paramref name="pad"/>
    /// sustains the chord through the bar. Returns the samples and the true beat times.
    /// </summary>
    public static (float[] Samples, double[] Beats) OffBeatGroove(double bpm, double seconds, float beatClick, float kick, float hat, float stab, float pad, double firstBeat = 0.5, int seed = 1337)
    {
        var random = new Random(seed);
        float[] x = new float[(int)(seconds * SampleRate)];
        double period = 60 / bpm;
        var beats = new List<double>();
        for (int k = 0; firstBeat + (k * period) < seconds - 0.05; k++)
        {
            double t = firstBeat + (k * period);
            beats.Add(t);
            double[] chord = s_chords[(k / 4) % s_chords.Length];
            if (k % 4 == 0)
            {
                AddTone(x, t, period * 4, chord[0] / 2, 0.3f);
                for (int i = 1; i < chord.Length && pad > 0; i++)
                {
                    AddPad(x, t, period * 4, chord[i], pad);
                }
            }

            if (beatClick > 0)
            {
                AddClick(x, t, beatClick, 2000);
            }

            if (kick > 0)
            {
                AddKick(x, t, kick);
            }

            double off = t + (period / 2);
            if (hat > 0)
            {
                AddNoise(x, off, 0.04, hat, random);
            }

            for (int i = 1; i < chord.Length && stab > 0; i++)
            {
                AddStab(x, off, 0.12, chord[i], stab);
            }
        }

        return (x, [.. beats]);
    }

    /// <summary>
    /// Unambiguous onsets, harmony on the off-beats: a kick, a 1 kHz click and a hi-hat-like noise burst on every beat
    /// (every register's onsets on the beats, nothing between them), while the chord (C, F, G, A minor, soft-edged pads
    /// with the root an octave down) changes half a beat after every bar line (4 beats). Returns the samples and the beats.
    /// </summary>
    public static (float[] Samples, double[] Beats) HarmonyOnOffBeats(double bpm, double seconds, double firstBeat = 0.5, int seed = 1337)
    {
        var random = new Random(seed);
        float[] x = new float[(int)(seconds * SampleRate)];
        double period = 60 / bpm;
        var beats = new List<double>();
        for (int k = 0; firstBeat + (k * period) < seconds - 0.05; k++)
        {
            double t = firstBeat + (k * period);
            beats.Add(t);
            AddKick(x, t, 0.6f);
            AddClick(x, t, 0.4f, 1000);
            AddNoise(x, t, 0.04, 0.3f, random);
            if (k % 4 == 0)
            {
                double[] chord = s_chords[(k / 4) % s_chords.Length];
                double change = t + (period / 2);
                AddPad(x, change, period * 4, chord[0] / 2, 0.2f);
                foreach (double f in chord)
                {
                    AddPad(x, change, period * 4, f, 0.1f);
                }
            }
        }

        return (x, [.. beats]);
    }

    /// <summary>
    /// Equal clicks on every beat (no accent) over sustained chords with their root in the bass, changing every
    /// <paramref name="beatsPerBar"/> beats (C, F, G, A minor); the first bar line is at beat <paramref name="pickup"/>,
    /// the beats before it sound the last chord. Only the harmony tells where the bars start.
    /// </summary>
    public static (float[] Samples, double[] Beats, double[] Downbeats) ChordsOverClicks(double bpm, int beatsPerBar, double seconds, int pickup, double firstBeat = 0.5)
    {
        int n = (int)(seconds * SampleRate);
        float[] samples = new float[n];
        double period = 60 / bpm;
        var beats = new List<double>();
        var downbeats = new List<double>();
        for (int k = 0; firstBeat + (k * period) < seconds; k++)
        {
            double t = firstBeat + (k * period);
            beats.Add(t);
            int bar = (int)Math.Floor((k - pickup) / (double)beatsPerBar);
            if ((k - pickup) % beatsPerBar == 0)
            {
                downbeats.Add(t);
            }

            double[] chord = s_chords[((bar % s_chords.Length) + s_chords.Length) % s_chords.Length];
            int start = (int)(t * SampleRate), end = Math.Min(n, (int)((t + period) * SampleRate));
            for (int i = start; i < end; i++)
            {
                double local = (i - start) / (double)SampleRate;
                double tone = 0;
                foreach (double f in chord)
                {
                    tone += Math.Sin(2 * Math.PI * f * i / SampleRate);
                }

                // Sustained pad (no attack per beat, so the chord itself marks no beat) plus a decaying click.
                samples[i] += (float)((0.05 * tone) + (0.3 * Math.Exp(-local * 200) * Math.Sin(2 * Math.PI * 3000 * local)));
            }
        }

        return (samples, [.. beats], [.. downbeats]);
    }

    /// <summary>
    /// Two equally loud pulse trains at unrelated tempi, as when two songs play at once: a high click at
    /// <paramref name="clickBpm"/> and a low kick at <paramref name="kickBpm"/>, no accents. Neither is "the" beat.
    /// </summary>
    public static float[] TwoPulses(double seconds, double clickBpm, double kickBpm)
    {
        float[] x = new float[(int)(seconds * SampleRate)];
        for (double t = 0.5; t < seconds - 0.05; t += 60 / clickBpm)
        {
            AddClick(x, t, 0.6f, 2500);
        }

        for (double t = 0.7; t < seconds - 0.05; t += 60 / kickBpm)
        {
            AddKick(x, t, 1.0f);
        }

        return x;
    }

    /// <summary>Seeded white noise.</summary>
    public static float[] Noise(double seconds, float level = 0.3f, int seed = 1337)
    {
        var random = new Random(seed);
        float[] x = new float[(int)(seconds * SampleRate)];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = level * ((float)random.NextDouble() * 2 - 1);
        }

        return x;
    }

    private static void AddKick(float[] x, double time, float level)
    {
        int start = (int)(time * SampleRate);
        int length = (int)(0.15 * SampleRate);
        double phase = 0;
        for (int i = 0; i < length && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            double f = 50 + (100 * Math.Exp(-t * 30));
            phase += 2 * Math.PI * f / SampleRate;
            x[start + i] += level * (float)(Math.Sin(phase) * Math.Exp(-t * 18));
        }
    }

    private static void AddClick(float[] x, double time, float level, double frequency)
    {
        int start = (int)(time * SampleRate);
        int n = (int)(0.03 * SampleRate);
        for (int i = 0; i < n && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            x[start + i] += level * (float)(Math.Sin(2 * Math.PI * frequency * t) * Math.Exp(-t * 150));
        }
    }

    private static void AddNoise(float[] x, double time, double length, float level, Random random)
    {
        int start = (int)(time * SampleRate);
        int n = (int)(length * SampleRate);
        for (int i = 0; i < n && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            x[start + i] += level * (float)(((random.NextDouble() * 2) - 1) * Math.Exp(-t * 40));
        }
    }

    /// <summary>A sustained sine with soft 30 ms ramps at both ends (no attack of its own).</summary>
    private static void AddPad(float[] x, double time, double length, double frequency, float level)
    {
        int start = (int)(time * SampleRate);
        int n = (int)(length * SampleRate);
        for (int i = 0; i < n && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            double ramp = Math.Min(1, Math.Min(t, length - t) / 0.03);
            x[start + i] += level * (float)(Math.Sin(2 * Math.PI * frequency * t) * ramp);
        }
    }

    /// <summary>A short chord-tone stab: sharp attack, decaying over <paramref name="length"/>.</summary>
    private static void AddStab(float[] x, double time, double length, double frequency, float level)
    {
        int start = (int)(time * SampleRate);
        int n = (int)(length * SampleRate);
        for (int i = 0; i < n && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            x[start + i] += level * (float)(Math.Sin(2 * Math.PI * frequency * t) * Math.Exp(-t * 12) * Math.Min(1, t * 400));
        }
    }

    private static void AddTone(float[] x, double time, double length, double frequency, float level)
    {
        int start = (int)(time * SampleRate);
        int n = (int)(length * SampleRate);
        for (int i = 0; i < n && start + i < x.Length; i++)
        {
            double t = (double)i / SampleRate;
            x[start + i] += level * (float)(Math.Sin(2 * Math.PI * frequency * t) * Math.Exp(-t * 2) * Math.Min(1, t * 200));
        }
    }
}
