using VideoKit.Rhythm.Analysis;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatCommitteeTests
{
    private static double[] Pulse(double period, double first, double seconds) =>
        [.. Enumerable.Range(0, (int)((seconds - first) / period)).Select(k => first + (k * period))];

    [Fact]
    public void InformationGain_SameBeats_One_UnrelatedBeats_NearZero_DoubleTempo_InBetween()
    {
        double[] beats = Pulse(0.5, 5, 35);
        var random = new Random(7);
        double[] unrelated = [.. Enumerable.Range(0, 60).Select(_ => 5 + (30 * random.NextDouble())).Order()];
        double[] doubled = Pulse(0.25, 5, 35);

        double same = BeatCommittee.InformationGain(beats, beats);
        double none = BeatCommittee.InformationGain(beats, unrelated);
        double level = BeatCommittee.InformationGain(beats, doubled);

        Assert.Equal(1, same, 6);
        Assert.InRange(none, 0, 0.3);
        Assert.InRange(level, none + 0.1, same - 0.1);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(41)]
    [InlineData(50)]
    public void InformationGain_AnyBinCount_KeepsTheOrder(int bins)
    {
        double[] beats = Pulse(0.5, 5, 35);
        var random = new Random(7);
        double[] unrelated = [.. Enumerable.Range(0, 60).Select(_ => 5 + (30 * random.NextDouble())).Order()];
        double[] doubled = Pulse(0.25, 5, 35);

        double same = BeatCommittee.InformationGain(beats, beats, bins);
        double none = BeatCommittee.InformationGain(beats, unrelated, bins);
        double level = BeatCommittee.InformationGain(beats, doubled, bins);

        Assert.Equal(1, same, 6);
        Assert.InRange(level, none + 0.1, same - 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatCommittee.InformationGain(beats, beats, 1));
    }

    [Fact]
    public void TrackDp_PulseTrain_FindsEveryPulse()
    {
        float[] odf = new float[3000];
        for (int f = 37; f < odf.Length; f += 50)
        {
            odf[f] = 1;
        }

        int[] beats = BeatCommittee.TrackDp(odf, 100, 120);

        Assert.Equal(Enumerable.Range(0, 60).Select(k => 37 + (50 * k)).Where(f => f < 3000), beats);
    }
}
