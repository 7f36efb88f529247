using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Rhythm;

/// <summary>
/// A change to an excerpt's audio that does not change where the beats are, relative to the changed audio: FFmpeg
/// filters (time stretch, pitch shift, band limits, reverb, a later start), an MP3 round trip, or added noise.
/// <see cref="MapTime"/> carries an annotated time of the original onto the transformed audio.
/// </summary>
/// <param name="Name">The name used on the command line and in the cache folder.</param>
/// <param name="Filter">The FFmpeg audio filter chain, or null when the transform is not a filter.</param>
/// <param name="Stretch">Output duration over input duration (a time stretch by tempo factor f has 1/f).</param>
/// <param name="Offset">Seconds cut from the start (annotated times move earlier by it).</param>
internal sealed record AudioTransform(string Name, string? Filter, double Stretch = 1, double Offset = 0)
{
    /// <summary>MP3 round trip at this bit rate (kb/s), when positive.</summary>
    public int Mp3Bitrate { get; init; }

    /// <summary>Noise added at <see cref="NoiseSnrDb"/> (signal RMS over noise RMS, whole excerpt): "white" or "pink".</summary>
    public string? Noise { get; init; }

    public double NoiseSnrDb { get; init; }

    /// <summary>The untransformed audio.</summary>
    public static AudioTransform None { get; } = new("none", null);

    /// <summary>
    /// Every transform <c>--augment all</c> runs. Time stretch and pitch shift use the Rubber Band filter rather than
    /// <c>atempo</c>: on a click track <c>atempo</c> moves the clicks 15–23 ms early with ±5 ms jitter (Rubber Band:
    /// −4 ms, tight), which would blur the ±70 ms F-measure. Two poles per <c>highpass</c>/<c>lowpass</c>, applied twice
    /// (24 dB per octave).
    /// </summary>
    public static IReadOnlyList<AudioTransform> All { get; } =
    [
        Tempo(0.85), Tempo(0.92), Tempo(1.08), Tempo(1.18),
        new("pitch-3", "rubberband=pitch=0.8409"),
        new("pitch+3", "rubberband=pitch=1.1892"),
        new("mp3", null) { Mp3Bitrate = 64 },
        new("pink20", null) { Noise = "pink", NoiseSnrDb = 20 },
        new("white15", null) { Noise = "white", NoiseSnrDb = 15 },
        new("phone", "highpass=f=300,highpass=f=300,lowpass=f=3400,lowpass=f=3400"),
        new("bass", "lowpass=f=250,lowpass=f=250"),
        new("treble", "highpass=f=2000,highpass=f=2000"),
        new("reverb", "aecho=0.8:0.5:40|77|131|223:0.5|0.4|0.3|0.25"),
        new("offset1.3", "atrim=start=1.3,asetpts=PTS-STARTPTS", Offset: 1.3),
    ];

    /// <summary>Time stretch without pitch change: tempo × <paramref name="factor"/>, so annotated times scale by 1/factor.</summary>
    public static AudioTransform Tempo(double factor) =>
        new(string.Create(CultureInfo.InvariantCulture, $"tempo{factor:0.00}"), string.Create(CultureInfo.InvariantCulture, $"rubberband=tempo={factor:0.00}"), Stretch: 1 / factor);

    /// <summary>Parses <c>all</c> or a comma-separated list of names (a <c>tempoF</c> name may use any factor).</summary>
    public static List<AudioTransform> Parse(string list)
    {
        if (list == "all")
        {
            return [.. All];
        }

        var result = new List<AudioTransform>();
        foreach (string name in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            AudioTransform? t = All.FirstOrDefault(a => a.Name == name);
            if (t is null && name.StartsWith("tempo", StringComparison.Ordinal)
                && double.TryParse(name.AsSpan(5), NumberStyles.Float, CultureInfo.InvariantCulture, out double f))
            {
                t = Tempo(f);
            }

            result.Add(t ?? throw new ArgumentException($"Unknown transform '{name}'; known: {string.Join(", ", All.Select(a => a.Name))}."));
        }

        return result;
    }

    /// <summary>An annotated time of the original, on the transformed audio.</summary>
    public double MapTime(double t) => (t - Offset) * Stretch;

    /// <summary>The annotated times that still lie in the transformed audio.</summary>
    public double[] MapTimes(double[] times) => [.. times.Select(MapTime).Where(t => t >= 0)];

    /// <summary>
    /// The transformed audio of <paramref name="source"/> at <paramref name="rate"/> Hz, mono. Filtered and MP3 versions
    /// are cached as FLAC under <paramref name="cacheDir"/>/NAME/ (reruns decode them only); noise is added to the
    /// decoded samples (seeded by the file name, so every run adds the same noise).
    /// </summary>
    public async Task<AudioBuffer> ApplyAsync(string source, AudioBuffer original, string cacheDir, int rate)
    {
        if (Noise is not null)
        {
            return AddNoise(original, Path.GetFileNameWithoutExtension(source));
        }

        if (Filter is null && Mp3Bitrate <= 0)
        {
            return original;
        }

        string dir = Path.Combine(cacheDir, Name);
        Directory.CreateDirectory(dir);
        string cached = Path.Combine(dir, Path.GetFileNameWithoutExtension(source) + ".flac");
        if (!File.Exists(cached))
        {
            string tmp = cached + ".part.flac";
            if (Mp3Bitrate > 0)
            {
                string mp3 = cached + ".part.mp3";
                await RunFFmpegAsync(["-i", source, "-c:a", "libmp3lame", "-b:a", Mp3Bitrate + "k", mp3]).ConfigureAwait(false);
                await RunFFmpegAsync(["-i", mp3, tmp]).ConfigureAwait(false);
                File.Delete(mp3);
            }
            else
            {
                await RunFFmpegAsync(["-i", source, "-af", Filter!, tmp]).ConfigureAwait(false);
            }

            File.Move(tmp, cached, overwrite: true);
        }

        return await AudioDecoder.DecodeAsync(cached, rate, 1).ConfigureAwait(false);
    }

    private AudioBuffer AddNoise(AudioBuffer original, string seedName)
    {
        float[] x = original.Samples;
        double signal = 0;
        foreach (float v in x)
        {
            signal += (double)v * v;
        }

        signal = Math.Sqrt(signal / Math.Max(1, x.Length));
        var rng = new Random((int)Fnv(seedName + Name));
        double[] noise = new double[x.Length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, power = 0;
        for (int i = 0; i < noise.Length; i++)
        {
            double w = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double n = w;
            if (Noise == "pink")
            {
                // Paul Kellet's refined pink filter: −3 dB per octave within ±0.05 dB above 9 Hz at 44.1 kHz.
                b0 = (0.99886 * b0) + (w * 0.0555179);
                b1 = (0.99332 * b1) + (w * 0.0750759);
                b2 = (0.96900 * b2) + (w * 0.1538520);
                b3 = (0.86650 * b3) + (w * 0.3104856);
                b4 = (0.55000 * b4) + (w * 0.5329522);
                b5 = (-0.7616 * b5) - (w * 0.0168980);
                n = b0 + b1 + b2 + b3 + b4 + b5 + b6 + (w * 0.5362);
                b6 = w * 0.115926;
            }

            noise[i] = n;
            power += n * n;
        }

        double gain = signal / Math.Pow(10, NoiseSnrDb / 20) / Math.Sqrt(power / Math.Max(1, noise.Length));
        float[] y = new float[x.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = (float)(x[i] + (gain * noise[i]));
        }

        return new AudioBuffer(y, original.SampleRate, 1);
    }

    private static uint Fnv(string s)
    {
        uint h = 2166136261;
        foreach (char ch in s)
        {
            h = (h ^ ch) * 16777619;
        }

        return h & 0x7fffffff;
    }

    private static async Task RunFFmpegAsync(string[] args)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-nostdin", "-y", "-threads", "1", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = await p.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await p.WaitForExitAsync().ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err}");
        }
    }
}
