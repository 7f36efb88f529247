using BenchmarkDotNet.Attributes;
using VideoKit.Media;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// Full rhythm analysis of a 3-minute song (six 30 s excerpts of tests/data/beats joined, 22 050 Hz mono) and its
/// stages. The target is ≤ 0.2 CPU-seconds per minute of audio, i.e. ≤ 600 ms for <see cref="FullAnalysis"/>.
/// </summary>
[MemoryDiagnoser]
public class RhythmAnalysisBenchmarks
{
    private float[] _song = [];
    private Spectrogram? _spectrogram;
    private float[] _activation = [];
    private float[] _envelope = [];
    private int[] _beats = [];
    private OnsetFeatures? _features;

    internal float[] Song => _song;

    internal float[] Activation => _activation;

    [GlobalSetup]
    public void Setup()
    {
        string folder = BeatAccuracyCommand.FindDataFolder();
        string[] names = ["omsx_say_what", "bach_invention1", "fof_chaos_god", "pb_greensleeves", "omsx_chuggachugga", "simu_wayside_blues"];
        var samples = new List<float>();
        foreach (string name in names)
        {
            AudioBuffer audio = AudioDecoder.DecodeAsync(Path.Combine(folder, name + ".flac"), 22_050, 1).GetAwaiter().GetResult();
            samples.AddRange(audio.Samples);
        }

        _song = [.. samples];
        _spectrogram = Spectrogram.Compute(_song, 22_050, 100, 1);
        _features = OnsetFeatures.Compute(_spectrogram, 3);
        float[] flux = _features.Flux;
        float[] envelope = Signal.SubtractLocalMean(flux, 20);
        float top = Signal.Quantile(envelope, 0.99);
        _activation = [.. envelope.Select(v => Math.Min(1, v / top))];
        _envelope = envelope;
        _beats = new BeatTracker { PriorBpm = 120 }.Track(_activation, 100).BeatFrames;
    }

    /// <summary>Decoded samples → beat grid (everything after FFmpeg).</summary>
    [Benchmark(Baseline = true)]
    public int FullAnalysis() => RhythmAnalyzer.Analyze(_song, 22_050).Grid.Beats.Count;

    /// <summary>STFT + log-frequency filterbank + log compression.</summary>
    [Benchmark]
    public int Spectrogram3Min() => Spectrogram.Compute(_song, 22_050, 100, 1).Frames;

    /// <summary>The beat-pointer HMM (Viterbi) alone.</summary>
    [Benchmark]
    public int Tracker3Min() => new BeatTracker { PriorBpm = 120 }.Track(_activation, 100).BeatFrames.Length;

    /// <summary>The half-beat phase evidence (kick, harmony, bar contrast on the grid and the shifted grid).</summary>
    [Benchmark]
    public double PhaseEvidence3Min() =>
        PhaseEvidence.Measure(_spectrogram!, _features!, _activation, _beats, RhythmTuning.Default).Bar;

    /// <summary>The metrical-level choice with its backbeat evidence (two register fluxes, three candidate grids).</summary>
    [Benchmark]
    public int MetricalLevel3Min() =>
        MetricalLevel.Score(_activation, _beats, 100, 4, 50, 220, RhythmTuning.Default, MetricalLevel.Registers(_spectrogram!, RhythmTuning.Default)).Length;

    /// <summary>The confidence committee: two more onset functions, three tempo combs, nine DP trackers, agreement.</summary>
    [Benchmark]
    public double Committee3Min()
    {
        TempoEstimator.Result tempo = TempoEstimator.Estimate(_envelope, 100, 50, 220, 120, 1);
        return BeatCommittee.Run(_spectrogram!, _envelope, tempo, _beats, 100, 50, 220, 20).Agreement;
    }
}
