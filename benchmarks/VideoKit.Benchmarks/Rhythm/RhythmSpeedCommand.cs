using System.Diagnostics;
using System.Globalization;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>rhythm-speed [REPEATS]</c>: CPU-seconds per minute of audio for the full analysis of a 3-minute song (decoded
/// once, analysed REPEATS times after a warm-up), with the time of each stage.
/// </summary>
internal static class RhythmSpeedCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var bench = new RhythmAnalysisBenchmarks();
        bench.Setup();
        float[] song = bench.Song;
        double minutes = song.Length / 22_050.0 / 60;
        bench.FullAnalysis();
        Process me = Process.GetCurrentProcess();
        TimeSpan cpu0 = me.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            bench.FullAnalysis();
        }

        wall.Stop();
        me.Refresh();
        double cpu = (me.TotalProcessorTime - cpu0).TotalSeconds / repeats;
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"full analysis of {minutes:0.00} min: {cpu * 1000:0} ms CPU, {wall.Elapsed.TotalMilliseconds / repeats:0} ms wall per run → {cpu / minutes:0.000} CPU-s per minute of audio ({minutes * 60 / cpu:0}× real time)"));
        Stage("spectrogram", repeats, () => bench.Spectrogram3Min());
        Stage("tracker (HMM)", repeats, () => bench.Tracker3Min());
        Stage("tempo (ACF comb)", repeats, () => TempoEstimator.Estimate(bench.Activation, 100, 50, 220, 120, 1).Bpm);
        return Task.FromResult(0);
    }

    private static void Stage(string name, int repeats, Func<object> body)
    {
        body();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            body();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-18} {sw.Elapsed.TotalMilliseconds / repeats,7:0.0} ms wall"));
    }
}
