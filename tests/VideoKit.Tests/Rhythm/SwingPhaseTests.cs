using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class SwingPhaseTests
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
    public void Shift_BeatsOnSwungOffBeats_MovesForwardOntoTheBeats()
    {
        // Swing 2:1 with accented off-beats: the tracker took the off-beats (phase 2/3), so the real beats follow a
        // third of a beat after its beats.
        float[] activation = Activation(0.6f, 1f, 2.0 / 3);
        BeatTracker.Output tracked = Beats(20 + 33, activation.Length);
        Span<double> profile = stackalloc double[SwingPhase.Bins];

        SwingPhase.Profile(activation, tracked.BeatFrames, profile);
        double shift = SwingPhase.Shift(profile, 0.5, 1.5);
        BeatTracker.Output moved = SwingPhase.Apply(activation, tracked, shift);

        Assert.InRange(shift, 0.29, 0.42);
        Assert.Equal(20, moved.BeatFrames[0]);
        Assert.All(moved.BeatFrames, f => Assert.Equal(0, (f - 20) % Period));
        Assert.Equal(moved.BeatFrames.Length, moved.BeatBpm.Length);
    }

    [Theory]
    [InlineData(2.0 / 3)] // swung, beats already right
    [InlineData(0.5)]     // straight eighths: no information about which train is the beat
    [InlineData(0.25)]    // an accented sixteenth after the beat is not swing
    public void Shift_NoSwungOffBeatPattern_KeepsTheBeats(double offPhase)
    {
        float[] activation = Activation(1f, 0.8f, offPhase);
        BeatTracker.Output tracked = Beats(20, activation.Length);
        Span<double> profile = stackalloc double[SwingPhase.Bins];

        SwingPhase.Profile(activation, tracked.BeatFrames, profile);

        Assert.Equal(0, SwingPhase.Shift(profile, 0.5, 1.5));
        Assert.Same(tracked.BeatFrames, SwingPhase.Apply(activation, tracked, 0).BeatFrames);
    }
}
