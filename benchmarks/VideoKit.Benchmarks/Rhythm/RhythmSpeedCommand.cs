using System.Diagnostics;
using System.Globalization;
using VideoKit.Rhythm;
using VideoKit.Rhythm.Analysis;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// <c>rhythm-speed [REPEATS] [--cli PATH-TO-videokit]</c>: CPU-seconds per minute of audio for the full analysis of a
/// 3-minute song (decoded once, analysed REPEATS times after a warm-up), with the time of each stage; then, end to end,
/// the CPU time of <c>videokit analyze SONG</c> on that song written as FLAC (process start, FFmpeg decoding and
/// analysis, the CPU time of the process and its children as the shell's <c>times</c> reports it).
/// </summary>
internal static class RhythmSpeedCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        int repeats = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        int cliAt = Array.IndexOf(args, "--cli");
        string? cli = cliAt >= 0 && cliAt + 1 < args.Length ? args[cliAt + 1] : FindCli();
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
        Stage("spectrogram", repeats, minutes, () => bench.Spectrogram3Min());
        Stage("tracker (HMM)", repeats, minutes, () => bench.Tracker3Min());
        Stage("tempo (ACF comb)", repeats, minutes, () => TempoEstimator.Estimate(bench.Activation, 100, 50, 220, 120, 1).Bpm);
        Stage("confidence committee", repeats, minutes, () => bench.Committee3Min());
        Stage("phase evidence", repeats, minutes, () => bench.PhaseEvidence3Min());
        Stage("metrical level (backbeat)", repeats, minutes, () => bench.MetricalLevel3Min());
        if (cli is null)
        {
            Console.WriteLine("videokit CLI not found (build src/VideoKit.Cli or pass --cli PATH): end-to-end figure skipped.");
            return Task.FromResult(0);
        }

        return EndToEndAsync(cli, song, minutes, Math.Max(3, repeats / 2));
    }

    /// <summary>CPU time of <c>videokit analyze</c> on the song, process start included, per minute of audio.</summary>
    private static async Task<int> EndToEndAsync(string cli, float[] song, double minutes, int repeats)
    {
        string folder = Path.Combine(Path.GetTempPath(), "videokit-rhythm-speed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            string wav = Path.Combine(folder, "song.wav"), flac = Path.Combine(folder, "song.flac");
            WriteWav(wav, song, 22_050);
            using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-i", wav, flac]) { RedirectStandardError = true })!)
            {
                await ffmpeg.WaitForExitAsync().ConfigureAwait(false);
            }

            // bash's `times` prints the user and system CPU of the children it waited for (videokit and its FFmpeg child).
            string script = $"for i in $(seq {repeats}); do '{cli}' analyze '{flac}' >/dev/null 2>&1; done; times";
            var psi = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true };
            var wall = Stopwatch.StartNew();
            using var bash = Process.Start(psi)!;
            string output = await bash.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await bash.WaitForExitAsync().ConfigureAwait(false);
            wall.Stop();
            string[] lines = output.Trim().Split('\n');
            double cpu = 0;
            foreach (string part in lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                // "0m1.234s"
                int m = part.IndexOf('m', StringComparison.Ordinal);
                cpu += (double.Parse(part[..m], CultureInfo.InvariantCulture) * 60) + double.Parse(part[(m + 1)..^1], CultureInfo.InvariantCulture);
            }

            cpu /= repeats;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"videokit analyze (process start + FFmpeg decode + analysis) of {minutes:0.00} min: {cpu:0.000} CPU-s, {wall.Elapsed.TotalSeconds / repeats:0.00} s wall per run → {cpu / minutes:0.000} CPU-s per minute of audio"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static string? FindCli()
    {
        string? d = AppContext.BaseDirectory;
        while (d is not null)
        {
            string candidate = Path.Combine(d, "artifacts", "bin", "VideoKit.Cli", "release", "videokit");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            d = Path.GetDirectoryName(d);
        }

        return null;
    }

    private static void WriteWav(string path, float[] samples, int rate)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8);
        w.Write(36 + (samples.Length * 2));
        w.Write("WAVEfmt "u8);
        w.Write(16);
        w.Write((short)1);
        w.Write((short)1);
        w.Write(rate);
        w.Write(rate * 2);
        w.Write((short)2);
        w.Write((short)16);
        w.Write("data"u8);
        w.Write(samples.Length * 2);
        foreach (float v in samples)
        {
            w.Write((short)Math.Clamp(Math.Round(v * 32767), -32768, 32767));
        }
    }

    private static void Stage(string name, int repeats, double minutes, Func<object> body)
    {
        body();
        Process me = Process.GetCurrentProcess();
        TimeSpan cpu0 = me.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++)
        {
            body();
        }

        me.Refresh();
        double cpu = (me.TotalProcessorTime - cpu0).TotalMilliseconds / repeats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-20} {sw.Elapsed.TotalMilliseconds / repeats,7:0.0} ms wall, {cpu,7:0.0} ms CPU ({cpu / 1000 / minutes:0.000} CPU-s per audio minute)"));
    }
}
