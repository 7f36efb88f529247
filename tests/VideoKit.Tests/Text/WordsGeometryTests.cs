using VideoKit.Audio;
using VideoKit.Editing;
using VideoKit.Rhythm;
using VideoKit.Stills;

namespace VideoKit.Tests.Text;

public sealed class WordsGeometryTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Theory]
    [InlineData(KenBurnsEasing.Linear, 0.0, 1.0)]
    [InlineData(KenBurnsEasing.Smooth, 0.3, 0.7)]   // the steady middle of a smooth move
    public void KenBurns_SteadyMove_HasAConstantFrameToFrameScaleRatio(KenBurnsEasing easing, double from, double to)
    {
        var move = new KenBurnsMove { From = new Framing(0, 0, 1), To = new Framing(0.3, 0.2, 0.4), Easing = easing };
        var a = (X: 0.0, Y: 0.0, W: 1920.0, H: 1080.0);
        var b = (X: 576.0, Y: 216.0, W: 768.0, H: 432.0);
        TimeSpan duration = S(6);
        var ratios = new List<double>();
        double? previous = null;
        for (int f = 0; f <= 180; f++)
        {
            double u = f / 180.0;
            if (u < from || u > to)
            {
                previous = null;
                continue;
            }

            double w = KenBurnsMove.Interpolate(a, b, move.ProgressAt(duration * u, duration)).W;
            if (previous is { } p)
            {
                ratios.Add(w / p);
            }

            previous = w;
        }

        double mean = ratios.Average();
        Assert.All(ratios, r => Assert.InRange(Math.Abs((r / mean) - 1), 0, 0.001));
        Assert.True(mean < 1);
    }

    [Fact]
    public void KenBurns_Zoom_KeepsOneImagePointFixed()
    {
        var a = (X: 0.0, Y: 0.0, W: 1000.0, H: 500.0);
        var b = (X: 400.0, Y: 100.0, W: 200.0, H: 100.0);

        // The fixed point of the homothety a→b: x = X + W·k for the same k in every rectangle.
        double k = (b.X - a.X) / (a.W - b.W);
        foreach (double p in new[] { 0.1, 0.5, 0.9 })
        {
            var r = KenBurnsMove.Interpolate(a, b, p);
            Assert.Equal(a.X + (a.W * k), r.X + (r.W * k), 6);
        }
    }

    [Fact]
    public void KenBurns_Pushes_MoveForwardOnTheBeatsOnly()
    {
        var move = new KenBurnsMove { Easing = KenBurnsEasing.Linear, Pushes = [S(1), S(2)], PushShare = 0.5 };

        double before = move.ProgressAt(S(0.99), S(4)), after = move.ProgressAt(S(1.3), S(4));

        Assert.Equal(0.5 * 0.99 / 4, before, 6);
        Assert.Equal((0.5 * 1.3 / 4) + 0.25, after, 6);
        Assert.Equal(1, move.ProgressAt(S(4), S(4)), 6);
    }

    [Fact]
    public void LyricEdit_CutsOnTheNearestBeatWithinTolerance_OrOnTheLine()
    {
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, S(10));   // a beat every 0.5 s
        CutRule rule = CutRule.AtLyrics([S(0.3), S(2.1), S(3.8), S(6.1)], LyricSnap.Beat, S(0.15));

        EditPlan plan = new BeatEditor { Cut = rule }.Plan(grid, 4, FrameRate.Fps30);

        Assert.Equal([S(2), S(3.8), S(6)], plan.Cuts.Select(c => c.Time));   // 3.8 is 0.2 s from the nearest beat: not snapped
        Assert.Equal([1, 2, 3], plan.Cuts.Select(c => c.LineIndex));
        Assert.Equal([0, 1, 2, 3], plan.Segments.Select(s => s.ClipIndex));
    }

    [Fact]
    public void LyricEdit_LinesWithoutMaterial_HoldTheLastClip()
    {
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, S(10));
        CutRule rule = CutRule.AtLyrics([S(1), S(3), S(5), S(7)], LyricSnap.Downbeat, S(0.5));

        EditPlan plan = new BeatEditor { Cut = rule }.Plan(grid, 2, FrameRate.Fps30);

        Assert.Equal([S(3)], plan.Cuts.Select(c => c.Time));   // a downbeat every 2 s
        Assert.Equal([0, 1], plan.Segments.Select(s => s.ClipIndex));
        Assert.Contains(plan.Warnings, w => w.Contains("lines 3 to 4 hold the last clip", StringComparison.Ordinal));
    }

    [Fact]
    public void MixGraph_DuckedVoice_KeysTheCompressorAndBlendsTheDryFloor()
    {
        var mix = new AudioMix { DuckDepth = 20, FadeIn = S(1), FadeOut = S(2) };
        AudioMixer.Input voice = new("voice.wav", S(3), null, S(2), 0.8, S(0.1), TimeSpan.Zero, true, 12.5);

        string graph = AudioMixer.BuildGraph(mix, hasSong: true, [voice], S(10));

        Assert.Contains("[1:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,asetpts=PTS-STARTPTS,atrim=duration=2,afade=t=in:st=0:d=0.1,volume=0.8,adelay=delays=144000S:all=1,asplit=2[t0][r0];[r0]volume=12.5[k0]", graph, StringComparison.Ordinal);
        Assert.Contains("[k0]apad[key];[wet][key]sidechaincompress=", graph, StringComparison.Ordinal);
        Assert.Contains("[dry][ducked]amix=inputs=2:weights='0.1 0.9':normalize=0:duration=first[music]", graph, StringComparison.Ordinal);
        Assert.EndsWith("[base][music][t0]amix=inputs=3:normalize=0:duration=first,atrim=duration=10,afade=t=in:st=0:d=1,afade=t=out:st=8:d=2[mix]", graph, StringComparison.Ordinal);
    }
}
