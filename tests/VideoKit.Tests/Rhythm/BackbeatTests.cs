using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class BackbeatTests
{
    private const int Beat = 50;
    private const int Beats = 64;

    /// <summary>Kick- and middle-register onset fluxes of a rock beat (a beat every 50 frames): kick on beats 1 and 3, snare
    /// on 2 and 4, with small per-beat variation so the registers are not exactly periodic; optionally a softer middle-register
    /// onset on every off-beat (a hi-hat or chord eighth that leaks into the band).</summary>
    private static (float[] Kick, float[] Middle) RockBeat(bool eighths)
    {
        var kick = new float[(Beats + 1) * Beat];
        var middle = new float[kick.Length];
        var random = new Random(7);
        for (int k = 0; k < Beats; k++)
        {
            int frame = 20 + (k * Beat);
            float jitter = 0.8f + (0.4f * (float)random.NextDouble());
            if (k % 2 == 0)
            {
                kick[frame] = jitter;
                middle[frame] = 0.2f * jitter;
            }
            else
            {
                kick[frame] = 0.2f * jitter;
                middle[frame] = jitter;
            }

            if (eighths)
            {
                middle[frame + (Beat / 2)] = 0.3f * jitter;
            }
        }

        return (kick, middle);
    }

    private static int[] Grid(double period, int offset = 20) =>
        [.. Enumerable.Range(0, (int)((Beats - 1) * Beat / period)).Select(k => (int)Math.Round(offset + (k * period)))];

    [Fact]
    public void Alternation_RockBeat_StrongAtTheBeatOnly()
    {
        (float[] kick, float[] middle) = RockBeat(eighths: true);

        double tactus = Backbeat.Alternation(kick, middle, Grid(Beat));
        double doubled = Backbeat.Alternation(kick, middle, Grid(Beat / 2.0));
        double halved = Backbeat.Alternation(kick, middle, Grid(2 * Beat));

        Assert.InRange(tactus, 0.6, 1.0);
        Assert.True(doubled < tactus - 0.4, $"doubled {doubled} vs {tactus}");
        Assert.True(halved < tactus - 0.4, $"halved {halved} vs {tactus}");
    }

    [Fact]
    public void Alternation_NoRegisterPattern_NearZero()
    {
        // Every beat carries the same kick and middle onset (give or take noise): nothing alternates.
        var random = new Random(11);
        var kick = new float[(Beats + 1) * Beat];
        var middle = new float[kick.Length];
        for (int k = 0; k < Beats; k++)
        {
            kick[20 + (k * Beat)] = 0.8f + (0.4f * (float)random.NextDouble());
            middle[20 + (k * Beat)] = 0.8f + (0.4f * (float)random.NextDouble());
        }

        Assert.InRange(Backbeat.Alternation(kick, middle, Grid(Beat)), -0.3, 0.2);
    }

    [Fact]
    public void Alternation_FewerThanEightBeats_IsZero()
    {
        (float[] kick, float[] middle) = RockBeat(eighths: false);

        Assert.Equal(0, Backbeat.Alternation(kick, middle, [20, 70, 120, 170, 220]));
    }
}
