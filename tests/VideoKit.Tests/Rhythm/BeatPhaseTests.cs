using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatPhaseTests
{
    private const int Period = 50;

    /// <summary>An activation with beats every <see cref="Period"/> frames from frame 20, of strength
    /// <paramref name="beat"/>, and an off-beat of strength <paramref name="offBeat"/> at <paramref name="offPhase"/>.</summary>
    private static float[] Activation(float beat, float offBeat, double offPhase, int frames = 1500)
    {
        float[] a = new float[frames];
        for (int b = 20; b < frames; b += Period)
        {
            a[b] = beat;
            int off = b + (int)Math.Round(offPhase * Period);
            if (off < frames)
            {
                a[off] = offBeat;
            }
        }

        return a;
    }

    private static BeatTracker.Output Beats(int first, int frames)
    {
        var beats = new List<int>();
        for (int f = first; f < frames; f += Period)
        {
            beats.Add(f);
        }

        return new BeatTracker.Output([.. beats], [.. beats.Select(_ => 120.0)], 0);
    }

    [Fact]
    public void SwingShift_BeatsOnSwungOffBeats_MovesForwardOntoTheBeats()
    {
        // Swing 2:1 with accented off-beats: the tracker took the off-beats (phase 2/3), so the real beats follow a
        // third of a beat after its beats.
        float[] activation = Activation(0.6f, 1f, 2.0 / 3);
        BeatTracker.Output tracked = Beats(20 + 33, activation.Length);
        Span<double> profile = stackalloc double[BeatPhase.Bins];

        BeatPhase.Profile(activation, tracked.BeatFrames, profile);
        double shift = BeatPhase.SwingShift(profile, 0.5, 1.5);
        BeatTracker.Output moved = BeatPhase.Apply(activation, tracked, shift);

        Assert.InRange(shift, 0.29, 0.42);
        Assert.Equal(20, moved.BeatFrames[0]);
        Assert.All(moved.BeatFrames, f => Assert.Equal(0, (f - 20) % Period));
        Assert.Equal(moved.BeatFrames.Length, moved.BeatBpm.Length);
    }

    [Theory]
    [InlineData(2.0 / 3)] // swung, beats already right
    [InlineData(0.5)]     // straight eighths: no information about which train is the beat
    [InlineData(0.25)]    // an accented sixteenth after the beat is not swing
    public void SwingShift_NoSwungOffBeatPattern_KeepsTheBeats(double offPhase)
    {
        float[] activation = Activation(1f, 0.8f, offPhase);
        BeatTracker.Output tracked = Beats(20, activation.Length);
        Span<double> profile = stackalloc double[BeatPhase.Bins];

        BeatPhase.Profile(activation, tracked.BeatFrames, profile);

        Assert.Equal(0, BeatPhase.SwingShift(profile, 0.5, 1.5));
        Assert.Same(tracked.BeatFrames, BeatPhase.Apply(activation, tracked, 0).BeatFrames);
    }

    /// <summary>Chords that change on every beat (120 BPM, beats at 0.5 s + n × 0.5 s), as sustained sine triads.</summary>
    private static float[] ChordsOnBeats(double seconds)
    {
        const int rate = 22_050;
        double[][] chords = [[261.6, 329.6, 392.0], [349.2, 440.0, 523.3], [392.0, 493.9, 587.3], [220.0, 261.6, 329.6]];
        float[] samples = new float[(int)(seconds * rate)];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (double)i / rate;
            int beat = (int)Math.Floor((t - 0.5) / 0.5);
            double[] chord = chords[((beat % 4) + 4) % 4];
            double v = 0;
            foreach (double f in chord)
            {
                v += Math.Sin(2 * Math.PI * f * t);
            }

            samples[i] = (float)(0.1 * v);
        }

        return samples;
    }

    [Theory]
    [InlineData(25, 0.5)] // tracked on the loud off-beats: move onto the chord changes
    [InlineData(0, 0.0)]  // tracked on the chord changes: keep
    public void HalfBeatShift_OffBeatAccentsChordsOnBeats_FollowsTheChordChanges(int trackedOffset, double expected)
    {
        float[] audio = ChordsOnBeats(12);
        Spectrogram spectrogram = Spectrogram.Compute(audio, 22_050, 100, 1f, TestContext.Current.CancellationToken);
        // Onset activation: off-beat accents twice as strong as the onsets on the beats.
        float[] activation = new float[spectrogram.Frames];
        for (int b = 50; b + 25 < activation.Length; b += Period)
        {
            activation[b] = 0.5f;
            activation[b + 25] = 1f;
        }

        BeatTracker.Output tracked = Beats(50 + trackedOffset, activation.Length - Period);

        double shift = BeatPhase.HalfBeatShift(spectrogram, activation, tracked.BeatFrames, 0.15);

        Assert.Equal(expected, shift);
    }
}
