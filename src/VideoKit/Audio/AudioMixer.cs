using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoKit.Media;

namespace VideoKit.Audio;

/// <summary>
/// Mixes an <see cref="AudioMix"/> into one audio file with FFmpeg: every input is brought to 48 kHz stereo float,
/// trimmed, faded, scaled and delayed to its place (sample-exact <c>adelay</c>); the music is ducked under voices by a
/// <c>sidechaincompress</c> keyed on the voices, blended with the dry music so the drop is the chosen depth; everything
/// is summed by <c>amix</c> (no automatic rescaling), faded at the ends, and normalised with two-pass <c>loudnorm</c>
/// (measure, then apply the measured values, linear when the peak allows). Measure any file with <see cref="MeasureAsync"/>.
/// </summary>
public static class AudioMixer
{
    /// <summary>Headroom kept below the true-peak ceiling for the lossy encode that follows (AAC and Opus overshoot a little).</summary>
    internal const double CodecMarginDb = 0.5;

    /// <summary>Mixes the song and the tracks into <paramref name="outputPath"/> (a .wav of 32-bit float samples).</summary>
    /// <param name="mix">The mix.</param>
    /// <param name="songPath">The song, or <see langword="null"/>.</param>
    /// <param name="duration">The video's length; the mix is cut (or padded with silence) to it.</param>
    /// <param name="outputPath">The file to write.</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The mix's loudness as measured before normalisation, or <see langword="null"/> when not normalised.</returns>
    /// <exception cref="TimelineValidationException">The mix is invalid, or a track would end after the video.</exception>
    /// <exception cref="UnsupportedMediaException">A track has no sound.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public static Task<LoudnessMeasurement?> MixAsync(AudioMix mix, string? songPath, TimeSpan duration, string outputPath, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return MixCoreAsync(mix, songPath, [], duration, outputPath, options ?? VideoKitOptions.Default, cancellationToken);
    }

    /// <summary>Measures a file's integrated loudness, true peak and loudness range (FFmpeg <c>ebur128</c>, EBU R128).</summary>
    /// <param name="path">A file with sound.</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The measurement.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg could not measure it.</exception>
    public static async Task<LoudnessMeasurement> MeasureAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        string full = MediaPath.ExistingInput(path, "audio file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        string[] args = ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", full, "-map", "0:a:0", "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"];
        IReadOnlyList<string> tail = await RunAsync(tools, args, full, cancellationToken).ConfigureAwait(false);
        double? i = null, tp = null, lra = null;
        foreach (string raw in tail)
        {
            string line = raw.Trim();
            if (line.StartsWith("I:", StringComparison.Ordinal))
            {
                i = Number(line);
            }
            else if (line.StartsWith("Peak:", StringComparison.Ordinal))
            {
                tp = Number(line);
            }
            else if (line.StartsWith("LRA:", StringComparison.Ordinal))
            {
                lra = Number(line);
            }
        }

        return i is { } a && tp is { } b
            ? new LoudnessMeasurement(a, b, lra ?? 0)
            : throw new MediaProcessingException($"FFmpeg's ebur128 printed no summary for '{path}'.");
    }

    /// <summary>A clip's own sound, placed where the clip is on the timeline.</summary>
    internal readonly record struct ClipAudio(string Path, TimeSpan Start, TimeSpan InPoint, TimeSpan Duration);

    /// <summary>One input of the graph, after placement. For a ducking track, KeyGain brings its peak to 0 dBFS in the
    /// compressor's key, so the music ducks by the same depth however loud the voice was recorded.</summary>
    internal readonly record struct Input(string Path, TimeSpan Start, TimeSpan? InPoint, TimeSpan? Length, double Volume, TimeSpan FadeIn, TimeSpan FadeOut, bool Duck, double KeyGain = 1);

    /// <summary>BS.1770's absolute gate: blocks quieter than this do not count towards integrated loudness.</summary>
    private const double AbsoluteGateLufs = -70;

    /// <summary>The mix's sample format and layout, pinned at the end of the graph.</summary>
    private const string OutputFormat = "aformat=sample_fmts=flt:sample_rates=48000:channel_layouts=stereo";

    internal static async Task<LoudnessMeasurement?> MixCoreAsync(AudioMix mix, string? songPath, IReadOnlyList<ClipAudio> clips, TimeSpan duration, string outputPath, VideoKitOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = mix.Validate();
        if (problems.Count > 0)
        {
            throw new TimelineValidationException("The audio mix", problems);
        }

        var inputs = new List<Input>();
        var late = new List<string>();
        for (int i = 0; i < mix.Tracks.Count; i++)
        {
            AudioTrack t = mix.Tracks[i];
            TimeSpan length = await LengthAsync(t.Path, options, cancellationToken).ConfigureAwait(false);
            if (t.Start + length > duration + TimeSpan.FromMilliseconds(20))
            {
                late.Add(string.Create(CultureInfo.InvariantCulture,
                    $"audio.tracks[{i}].file: '{t.Path}' is {length.TotalSeconds:0.###} s long and starts at {t.Start.TotalSeconds:0.###} s, so it would end at {(t.Start + length).TotalSeconds:0.###} s, after the video ({duration.TotalSeconds:0.###} s); start it earlier, shorten it, or lengthen the video"));
            }

            double keyGain = 1;
            if (t.Duck && songPath is not null)
            {
                double peakDb = await PeakAsync(t.Path, options, cancellationToken).ConfigureAwait(false);
                keyGain = Math.Pow(10, Math.Clamp(-peakDb, 0, 60) / 20) / Math.Max(t.Volume, 1e-3);
            }

            inputs.Add(new Input(t.Path, t.Start, null, length, t.Volume, t.FadeIn, t.FadeOut, t.Duck, keyGain));
        }

        if (late.Count > 0)
        {
            throw new TimelineValidationException("The audio mix", late);
        }

        if (mix.ClipVolume is { } clipVolume && clipVolume > 0)
        {
            foreach (ClipAudio c in clips)
            {
                MediaInfo info = await MediaProbe.ProbeAsync(c.Path, options, cancellationToken).ConfigureAwait(false);
                if (info.PrimaryAudio is not null)
                {
                    inputs.Add(new Input(c.Path, c.Start, c.InPoint, c.Duration, clipVolume, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), false));
                }
            }
        }

        FFmpegTools tools = FFmpegTools.Locate(options);
        string graph = BuildGraph(mix, songPath is not null, inputs, duration);
        var common = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-v", "info" };
        if (songPath is not null)
        {
            common.AddRange(["-i", MediaPath.ExistingInput(songPath, "song")]);
        }

        foreach (Input input in inputs)
        {
            if (input.InPoint is { } inPoint)
            {
                common.AddRange(["-ss", Seconds(inPoint), "-t", Seconds(input.Length!.Value)]);
            }

            common.AddRange(["-i", MediaPath.ExistingInput(input.Path, "audio file")]);
        }

        string full = MediaPath.Output(outputPath);
        LoudnessMeasurement? measured = null;
        string final = graph;
        if (mix.Loudness is { } target)
        {
            double ceiling = mix.TruePeak - CodecMarginDb;
            string pass1 = graph + string.Create(CultureInfo.InvariantCulture, $";[mix]loudnorm=I={target}:TP={ceiling}:LRA=11:print_format=json[out]");
            IReadOnlyList<string> tail = await RunAsync(tools, [.. common, "-filter_complex", pass1, "-map", "[out]", "-f", "null", "-"], outputPath, cancellationToken).ConfigureAwait(false);
            Dictionary<string, string> json = ParseLoudnormJson(tail, outputPath);
            measured = new LoudnessMeasurement(Double(json, "input_i"), Double(json, "input_tp"), Double(json, "input_lra"));
            if (measured.Value.Integrated <= AbsoluteGateLufs)
            {
                // Every 400 ms block lies below BS.1770's absolute gate: the mix has no integrated loudness to bring
                // to the target (digital silence measures -inf), so any gain would be arbitrary. It is left as mixed.
                options.Warn(string.Create(CultureInfo.InvariantCulture, $"the audio mix is silent (below {AbsoluteGateLufs} LUFS), so it is not normalised to {target} LUFS."));
                final = graph + ";[mix]anull[out]";
            }
            else
            {
                // The format is pinned after loudnorm: FFmpeg 5.1 re-initialises the graph when the first frame arrives,
                // and when loudnorm chose its linear mode for a mix of constant level (a tone, or a song shorter than
                // the 3 s loudness-range window: measured LRA 0) the output link then had no channel layout it could
                // select ("Cannot select channel layout ... Conversion failed!").
                final = graph + string.Create(CultureInfo.InvariantCulture,
                    $";[mix]loudnorm=I={target}:TP={ceiling}:LRA=11:measured_I={json["input_i"]}:measured_TP={json["input_tp"]}:measured_LRA={json["input_lra"]}:measured_thresh={json["input_thresh"]}:offset={json["target_offset"]}:linear=true,aresample=48000,{OutputFormat}[out]");
            }
        }
        else
        {
            final = graph + ";[mix]anull[out]";
        }

        string temp = full + ".part.wav";
        try
        {
            await RunAsync(tools, [.. common, "-filter_complex", final, "-map", "[out]", "-t", Seconds(duration), "-c:a", "pcm_f32le", "-ar", "48000", "-y", temp], outputPath, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return measured;
    }

    /// <summary>The filter graph up to the label <c>[mix]</c>: the placed inputs, ducking, the sum and the master fades.</summary>
    internal static string BuildGraph(AudioMix mix, bool hasSong, IReadOnlyList<Input> inputs, TimeSpan duration)
    {
        const string Format = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
        var g = new StringBuilder();
        string d = Seconds(duration);
        g.Append(Inv($"anullsrc=r=48000:cl=stereo,atrim=duration={d}[base]"));
        int first = hasSong ? 1 : 0;
        var mixLabels = new List<string> { "[base]" };
        var duckLabels = new List<string>();
        for (int i = 0; i < inputs.Count; i++)
        {
            Input input = inputs[i];
            g.Append(Inv($";[{first + i}:a]{Format},asetpts=PTS-STARTPTS"));
            if (input.Length is { } length)
            {
                g.Append(Inv($",atrim=duration={Seconds(length)}"));
                if (input.FadeOut > TimeSpan.Zero)
                {
                    g.Append(Inv($",afade=t=out:st={Seconds(Max(TimeSpan.Zero, length - input.FadeOut))}:d={Seconds(input.FadeOut)}"));
                }
            }

            if (input.FadeIn > TimeSpan.Zero)
            {
                g.Append(Inv($",afade=t=in:st=0:d={Seconds(input.FadeIn)}"));
            }

            long delay = (long)Math.Round(input.Start.TotalSeconds * 48_000);
            g.Append(Inv($",volume={input.Volume:0.######},adelay=delays={delay}S:all=1"));
            if (input.Duck && hasSong)
            {
                g.Append(Inv($",asplit=2[t{i}][r{i}];[r{i}]volume={input.KeyGain:0.######}[k{i}]"));
                duckLabels.Add(Inv($"[k{i}]"));
            }
            else
            {
                g.Append(Inv($"[t{i}]"));
            }

            mixLabels.Add(Inv($"[t{i}]"));
        }

        if (hasSong)
        {
            g.Append(Inv($";[0:a]{Format},asetpts=PTS-STARTPTS,volume={mix.SongVolume:0.######}"));
            if (duckLabels.Count > 0)
            {
                // The key is each voice brought to a 0 dBFS peak; the compressor keyed on it pulls the music down hard
                // (ratio 20 above -50 dB, so quiet syllables count too); blending a fixed share of the dry music back
                // sets the floor, so the drop is DuckDepth whatever the voice's level.
                double floor = Math.Pow(10, -mix.DuckDepth / 20);
                g.Append(",asplit=2[dry][wet];");
                g.Append(duckLabels.Count == 1
                    ? Inv($"{duckLabels[0]}apad[key]")
                    : Inv($"{string.Concat(duckLabels)}amix=inputs={duckLabels.Count}:normalize=0:duration=longest,apad[key]"));
                g.Append(";[wet][key]sidechaincompress=threshold=0.00316:ratio=20:attack=5:release=250:knee=1:level_sc=1[ducked]");
                g.Append(Inv($";[dry][ducked]amix=inputs=2:weights='{floor:0.######} {1 - floor:0.######}':normalize=0:duration=first[music]"));
            }
            else
            {
                g.Append("[music]");
            }

            mixLabels.Insert(1, "[music]");
        }

        g.Append(';').Append(string.Concat(mixLabels)).Append(Inv($"amix=inputs={mixLabels.Count}:normalize=0:duration=first,atrim=duration={d}"));
        if (mix.FadeIn > TimeSpan.Zero)
        {
            g.Append(Inv($",afade=t=in:st=0:d={Seconds(mix.FadeIn)}"));
        }

        if (mix.FadeOut > TimeSpan.Zero)
        {
            g.Append(Inv($",afade=t=out:st={Seconds(Max(TimeSpan.Zero, duration - mix.FadeOut))}:d={Seconds(mix.FadeOut)}"));
        }

        g.Append("[mix]");
        return g.ToString();
    }

    /// <summary>The sample peak of a file in dBFS (FFmpeg <c>astats</c>).</summary>
    private static async Task<double> PeakAsync(string path, VideoKitOptions options, CancellationToken cancellationToken)
    {
        FFmpegTools tools = FFmpegTools.Locate(options);
        string full = MediaPath.ExistingInput(path, "audio file");
        IReadOnlyList<string> tail = await RunAsync(tools, ["-hide_banner", "-nostdin", "-nostats", "-v", "info", "-i", full, "-map", "0:a:0", "-af", "astats=measure_perchannel=none:measure_overall=Peak_level", "-f", "null", "-"], path, cancellationToken).ConfigureAwait(false);
        foreach (string line in tail)
        {
            int at = line.IndexOf("Peak level dB:", StringComparison.Ordinal);
            if (at >= 0 && double.TryParse(line.AsSpan(at + 14).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double db))
            {
                return double.IsFinite(db) ? db : -120;
            }
        }

        return 0;
    }

    private static async Task<TimeSpan> LengthAsync(string path, VideoKitOptions options, CancellationToken cancellationToken)
    {
        MediaInfo info = await MediaProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (info.PrimaryAudio is null)
        {
            throw new UnsupportedMediaException($"The audio track '{path}' has no sound.");
        }

        return info.Duration > TimeSpan.Zero ? info.Duration : info.PrimaryAudio.Duration;
    }

    private static async Task<IReadOnlyList<string>> RunAsync(FFmpegTools tools, IReadOnlyList<string> args, string what, CancellationToken cancellationToken)
    {
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken);
        await process.StandardOutput.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new MediaProcessingException($"FFmpeg could not mix the audio for '{what}' (exit code {exit}): {process.LastError()}", exit, process.StandardErrorTail);
        }

        return process.StandardErrorTail;
    }

    private static Dictionary<string, string> ParseLoudnormJson(IReadOnlyList<string> tail, string what)
    {
        int open = -1;
        for (int i = tail.Count - 1; i >= 0; i--)
        {
            if (tail[i].TrimStart().StartsWith('{'))
            {
                open = i;
                break;
            }
        }

        if (open < 0)
        {
            throw new MediaProcessingException($"FFmpeg's loudnorm printed no measurement while mixing '{what}'.");
        }

        using JsonDocument doc = JsonDocument.Parse(string.Join('\n', tail.Skip(open).TakeWhile((l, k) => k == 0 || !tail[open + k - 1].TrimStart().StartsWith('}'))));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            string v = p.Value.GetString() ?? "0";

            // Silence measures as -inf; loudnorm takes finite values only.
            values[p.Name] = double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) ? v : "-99";
        }

        return values;
    }

    private static double Double(Dictionary<string, string> json, string key) =>
        double.Parse(json[key], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? Number(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : parts.Length >= 2 && parts[1] == "-inf" ? double.NegativeInfinity : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
