using NAudio.Midi;
using VideoKit.Editing;
using VideoKit.Rhythm;

namespace VideoKit.Tests.Rhythm;

public sealed class BeatGridSourcesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "videokit-rhythm-" + Guid.NewGuid().ToString("N")[..8]);

    public BeatGridSourcesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void FromMidi_TempoChangeAndThreeFour_FollowsTheTempoMap()
    {
        // 480 ticks per quarter; 3/4 at 120 BPM for two bars, then 60 BPM.
        string path = WriteMidi("map.mid", 480, [(0, 500_000), (480 * 6, 1_000_000)], [(0, 3, 2)], endTick: 480 * 12);

        BeatGrid grid = BeatGrid.FromMidi(path);

        Assert.Equal(3, grid.BeatsPerBar);
        Assert.Equal(12, grid.Beats.Count);
        Assert.Equal(0.5, grid.Beats[1].Time.TotalSeconds, 6);
        Assert.Equal(3.0, grid.Beats[6].Time.TotalSeconds, 6);
        Assert.Equal(4.0, grid.Beats[7].Time.TotalSeconds, 6);
        Assert.Equal([0.0, 1.5, 3.0, 6.0], grid.Downbeats.Select(b => Math.Round(b.Time.TotalSeconds, 6)));
        Assert.Equal(TimeSpan.FromSeconds(9), grid.Duration);
    }

    [Fact]
    public void Plan_MeterChangeFourToThree_BarCutsLandOnTheGridsDownbeats()
    {
        // Two bars of 4/4 at 100 BPM (0.6 s beats), then 3/4 at 150 BPM (0.4 s beats): downbeats 0, 2.4, 4.8, 6.0, 7.2, 8.4.
        string path = WriteMidi("change.mid", 480, [(0, 600_000), (480 * 8, 400_000)], [(0, 4, 2), (480 * 8, 3, 2)], endTick: 480 * 20);
        BeatGrid grid = BeatGrid.FromMidi(path);
        Assert.Equal([0.0, 2.4, 4.8, 6.0, 7.2, 8.4], grid.Downbeats.Select(b => Math.Round(b.Time.TotalSeconds, 6)));
        // The section starts at 0, so the first downbeat is the start, not a cut.
        int[] downbeats = [.. grid.Downbeats.Select(b => b.Index).Where(i => i > 0)];

        EditPlan everyBar = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(grid, 2, FrameRate.Fps25);
        EditPlan onDownbeats = new BeatEditor { Cut = CutRule.OnDownbeats }.Plan(grid, 2, FrameRate.Fps25);
        EditPlan everyTwoBars = new BeatEditor { Cut = CutRule.EveryBars(2) }.Plan(grid, 2, FrameRate.Fps25);

        Assert.Equal(downbeats, everyBar.Cuts.Select(c => c.BeatIndex));
        Assert.Equal(downbeats, onDownbeats.Cuts.Select(c => c.BeatIndex));
        Assert.Equal([downbeats[1], downbeats[3]], everyTwoBars.Cuts.Select(c => c.BeatIndex));
        Assert.All(everyBar.Cuts, c => Assert.True(c.IsDownbeat));
    }

    [Fact]
    public void FromMidi_TwelveEight_BeatIsTheDottedQuarter()
    {
        // 12/8 at 80 dotted-quarter beats per minute: a quarter lasts 0.5 s at 120 quarter-BPM.
        string path = WriteMidi("compound.mid", 96, [(0, 500_000)], [(0, 12, 3)], endTick: 96 * 12);

        BeatGrid grid = BeatGrid.FromMidi(path);

        Assert.Equal(4, grid.BeatsPerBar);
        Assert.Equal(0.75, grid.Beats[1].Time.TotalSeconds, 6);
        Assert.Equal(80, grid.Tempo, 6);
        Assert.Equal(2, grid.Downbeats.Count);
    }

    [Fact]
    public void FromMidi_NoTempoEvents_ThrowsNamingTheFile()
    {
        string path = WriteMidi("notempo.mid", 480, [], [(0, 4, 2)], endTick: 480 * 4);

        var ex = Assert.Throws<InvalidDataException>(() => BeatGrid.FromMidi(path));

        Assert.Equal($"'{path}' has no tempo events (Set Tempo meta events), so its beats cannot be placed in time. Use BeatGrid.FromTempo with the song's BPM instead.", ex.Message);
    }

    [Fact]
    public void FromMidi_NotMidi_ThrowsNamingTheFile()
    {
        string path = Path.Combine(_folder, "bad.mid");
        File.WriteAllText(path, "not a midi file at all");

        var ex = Assert.Throws<InvalidDataException>(() => BeatGrid.FromMidi(path));

        Assert.StartsWith($"'{path}' is not a readable MIDI file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BeatsFile_RoundTrip_KeepsTimesAndBars()
    {
        BeatGrid grid = BeatGrid.FromTempo(100, TimeSpan.FromSeconds(0.3), 3, TimeSpan.FromSeconds(10)).ShiftDownbeat(1);
        string beats = Path.Combine(_folder, "song.beats"), downbeats = Path.Combine(_folder, "song.downbeats");

        grid.SaveBeats(beats, includeBeatInBar: true);
        grid.SaveDownbeats(downbeats);
        BeatGrid loaded = BeatGrid.FromBeatsFile(beats);

        Assert.Equal(grid.Beats.Count, loaded.Beats.Count);
        Assert.Equal(3, loaded.BeatsPerBar);
        Assert.All(grid.Beats.Zip(loaded.Beats), p =>
        {
            Assert.Equal(p.First.Time.TotalSeconds, p.Second.Time.TotalSeconds, 4);
            Assert.Equal(p.First.BeatInBar, p.Second.BeatInBar);
        });
        Assert.Equal(grid.Downbeats.Count, File.ReadAllLines(downbeats).Length);
        Assert.Equal("0.9000", File.ReadAllLines(downbeats)[0]);
    }

    [Fact]
    public void FromBeatsFile_TimesOnly_BarsFromTheFirstBeat()
    {
        string path = Path.Combine(_folder, "plain.beats");
        File.WriteAllText(path, "# comment\n0.5\n1.0\n\n1.5\n2.0\n2.5\n");

        BeatGrid grid = BeatGrid.FromBeatsFile(path, beatsPerBar: 2);

        Assert.Equal(5, grid.Beats.Count);
        Assert.Equal([1, 2, 1, 2, 1], grid.Beats.Select(b => b.BeatInBar));
    }

    [Fact]
    public void FromBeatsFile_BadNumber_NamesFileAndLine()
    {
        string path = Path.Combine(_folder, "bad.beats");
        File.WriteAllText(path, "0.5\nabc\n");

        var ex = Assert.Throws<FormatException>(() => BeatGrid.FromBeatsFile(path));

        Assert.Equal($"'{path}' line 2: 'abc' is not a time in seconds (expected a non-negative number such as 1.250).", ex.Message);
    }

    [Fact]
    public void FromBeatsFile_RealAnnotation_Loads()
    {
        string path = Path.Combine(TestPaths.DataFolder, "beats", "pb_greensleeves.beats");

        BeatGrid grid = BeatGrid.FromBeatsFile(path, 3);

        Assert.Equal(58, grid.Beats.Count);
        Assert.InRange(grid.Tempo, 113, 117);
    }

    private string WriteMidi(string name, int ppq, (long Tick, int Micros)[] tempos, (long Tick, int Numerator, int DenominatorPower)[] signatures, long endTick)
    {
        var events = new MidiEventCollection(1, ppq);
        events.AddTrack();
        foreach ((long tick, int micros) in tempos)
        {
            events.AddEvent(new TempoEvent(micros, tick), 0);
        }

        foreach ((long tick, int numerator, int power) in signatures)
        {
            events.AddEvent(new TimeSignatureEvent(tick, numerator, power, 24, 8), 0);
        }

        events.AddTrack();
        events.AddEvent(new NoteOnEvent(0, 1, 60, 100, ppq), 1);
        events.AddEvent(new NoteEvent(ppq, 1, MidiCommandCode.NoteOff, 60, 0), 1);
        events.AddEvent(new MetaEvent(MetaEventType.EndTrack, 0, endTick), 0);
        events.AddEvent(new MetaEvent(MetaEventType.EndTrack, 0, endTick), 1);
        events.PrepareForExport();
        string path = Path.Combine(_folder, name);
        MidiFile.Export(path, events);
        return path;
    }
}
