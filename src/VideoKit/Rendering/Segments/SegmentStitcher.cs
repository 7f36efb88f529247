using System.Globalization;
using System.Text;
using System.Text.Json;
using VideoKit.Media;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// Joins a plan's segments into the finished video with FFmpeg's concat demuxer and stream copy (no re-encode), and
/// muxes the sound once over the whole length: the timeline's audio mix (as a whole render mixes it) or the song. Before FFmpeg starts it checks that the parts are this plan's segments
/// (fingerprint), all of them, in order, and complete (frame count). Output is atomic: a temporary file beside the
/// target, moved into place on success; a failed or cancelled stitch leaves nothing.
/// </summary>
public static class SegmentStitcher
{
    /// <summary>Checks the parts and joins them into <paramref name="outputPath"/>.</summary>
    /// <param name="plan">The plan the parts were rendered from.</param>
    /// <param name="parts">The segment files, segment 1 first.</param>
    /// <param name="outputPath">The finished video; its extension must hold the plan's codec.</param>
    /// <param name="overwrite">Replace an existing output.</param>
    /// <param name="cancellationToken">Stops FFmpeg; no partial file is left.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">The parts are not this plan's segments, complete and in order (the message
    /// names the part and the problem), or the output's extension cannot hold the codec.</exception>
    /// <exception cref="FileNotFoundException">A part does not exist.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public static Task<RenderResult> StitchAsync(SegmentPlan plan, IReadOnlyList<string> parts, string outputPath, bool overwrite = false, CancellationToken cancellationToken = default) =>
        StitchAsync(plan, parts, outputPath, null, overwrite, cancellationToken);

    /// <summary>
    /// Checks the parts and joins them into <paramref name="outputPath"/> with the sound already encoded by
    /// <see cref="SegmentAudio.EncodeAsync"/> (stream copy: the stitch is then only a remux), or, when
    /// <paramref name="soundPath"/> is <see langword="null"/>, with the sound encoded here.
    /// </summary>
    /// <param name="plan">The plan the parts were rendered from.</param>
    /// <param name="parts">The segment files, segment 1 first.</param>
    /// <param name="outputPath">The finished video; its extension must hold the plan's codec.</param>
    /// <param name="soundPath">The plan's sound from <see cref="SegmentAudio.EncodeAsync"/>, or <see langword="null"/> to encode it here.</param>
    /// <param name="overwrite">Replace an existing output.</param>
    /// <param name="cancellationToken">Stops FFmpeg; no partial file is left.</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ArgumentException">The parts are not this plan's segments, complete and in order, or the sound
    /// is not this plan's (the message names the file and the problem), or the output's extension cannot hold the codec.</exception>
    /// <exception cref="FileNotFoundException">A part or the sound does not exist.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public static async Task<RenderResult> StitchAsync(SegmentPlan plan, IReadOnlyList<string> parts, string outputPath, string? soundPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        EncoderArguments.CheckContainer(outputPath, plan.RenderOptions.Codec);
        // The parts and the sound are inputs too: a stitch never writes over one of them, even with overwrite.
        string target = VideoEncoder.CheckOutput(outputPath, overwrite, [.. parts, .. soundPath is null ? Array.Empty<string>() : [soundPath], .. plan.Timeline.InputFiles(), .. plan.RenderOptions.Inputs]);
        VideoKitOptions options = plan.RenderOptions.Options;
        FFmpegTools tools = FFmpegTools.Locate(options);
        if (parts.Count != plan.Segments.Count)
        {
            throw new ArgumentException($"The plan has {plan.Segments.Count} segments; {parts.Count} part(s) were given.", nameof(parts));
        }

        string[] full = [.. parts.Select(p => MediaPath.ExistingInput(p, "segment"))];
        string? encoded = soundPath is null ? null : MediaPath.ExistingInput(soundPath, "sound");
        if (encoded is not null && plan.Timeline.SongPath is null && plan.Timeline.Audio is null)
        {
            throw new ArgumentException($"The sound '{soundPath}' was given, but the project has no sound (no song, no audio mix).", nameof(soundPath));
        }

        Task soundCheck = encoded is null ? Task.CompletedTask : SegmentAudio.CheckAsync(tools, plan, encoded, soundPath!, cancellationToken);

        // Probe the parts a few at a time (one FFprobe each): with many segments a serial check would dominate the stitch.
        // The first bad part in order is reported, as a serial check would.
        ArgumentException?[] problems = new ArgumentException?[parts.Count];
        using (var gate = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount)))
        {
            await Task.WhenAll(Enumerable.Range(0, parts.Count).Select(async i =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await CheckPartAsync(tools, plan, plan.Segments[i], parts[i], full[i], cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    problems[i] = ex;
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }

        if (problems.FirstOrDefault(p => p is not null) is { } problem)
        {
            throw problem;
        }

        await soundCheck.ConfigureAwait(false);

        // The same sound as a whole render: the timeline's audio mix (tracks, ducking, loudness) when it has one, else the
        // song; encoded beforehand (SegmentAudio) or here.
        await using RenderAttachments? sound = encoded is null
            ? await RenderAttachments.PrepareAsync(plan.Timeline, plan.Duration, options, cancellationToken, writeText: false).ConfigureAwait(false)
            : null;
        string? song = encoded ?? (sound?.AudioPath is null ? null : MediaPath.ExistingInput(sound.AudioPath, "song"));
        string unique = ".videokit-" + Guid.NewGuid().ToString("N")[..8];
        // The write rule's temporary name, so a killed stitch's leftover is swept by the next write into the folder.
        string temp = OutputFile.TempPath(target);
        string list = Path.Combine(options.TemporaryFolder ?? Path.GetTempPath(), "videokit-concat" + unique + ".txt");
        try
        {
            await File.WriteAllTextAsync(list, ConcatList(full), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<string> args = Arguments(plan, list, song, temp, encoded is not null);
            await using (FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken))
            {
                int exit;
                try
                {
                    exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill();
                    throw;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (exit != 0 || !File.Exists(temp))
                {
                    string last = VideoEncoder.NameTheOutput(process.LastError(), temp, target);
                    throw new MediaProcessingException($"FFmpeg could not join the segments into '{outputPath}' (exit code {exit}): {last}", exit, process.StandardErrorTail);
                }
            }

            try
            {
                File.Move(temp, target, overwrite);
            }
            catch (IOException ex) when (File.Exists(target) && !overwrite)
            {
                throw new IOException($"'{outputPath}' already exists; set Overwrite (CLI: --overwrite) to replace it.", ex);
            }
        }
        finally
        {
            TryDelete(temp);
            TryDelete(list);
        }

        // A segment sees only its own frames, so the items the video's end cuts are said here, once per render.
        string[] warnings = [.. plan.Timeline.ItemsPastTheEnd(plan.TotalFrames)];
        Array.ForEach(warnings, options.Warn);
        return new RenderResult
        {
            OutputPath = target,
            Warnings = warnings,
            FrameCount = plan.TotalFrames,
            Duration = plan.Duration,
            Resolution = plan.Timeline.Resolution,
            FrameRate = plan.Timeline.FrameRate,
            HasAudio = song is not null,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>Reads a segment file's identity tag and video frame count (FFprobe counts the packets).</summary>
    /// <returns>The tag (or <see langword="null"/> when the file has none) and the number of video frames.</returns>
    internal static async Task<(SegmentTag? Tag, long Frames, bool HasVideo)> ReadAsync(FFmpegTools tools, string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        string[] args = ["-v", "error", "-print_format", "json", "-count_packets", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_packets:format_tags=" + SegmentEncoding.MetadataKey, fullPath];
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFprobePath, args, cancellationToken);
        using var output = new MemoryStream();
        await process.StandardOutput.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new ArgumentException($"The segment '{displayPath}' is not a video FFmpeg can read: {process.LastError()}.");
        }

        using JsonDocument json = JsonDocument.Parse(output.ToArray());
        string? tag = null;
        if (json.RootElement.TryGetProperty("format", out JsonElement format) && format.TryGetProperty("tags", out JsonElement tags))
        {
            foreach (JsonProperty p in tags.EnumerateObject())
            {
                if (p.Name.Equals(SegmentEncoding.MetadataKey, StringComparison.OrdinalIgnoreCase))
                {
                    tag = p.Value.GetString();
                }
            }
        }

        long frames = 0;
        bool hasVideo = false;
        if (json.RootElement.TryGetProperty("streams", out JsonElement streams))
        {
            foreach (JsonElement s in streams.EnumerateArray())
            {
                hasVideo = true;
                if (s.TryGetProperty("nb_read_packets", out JsonElement n) && long.TryParse(n.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                {
                    frames = count;
                }
            }
        }

        return (SegmentTag.Parse(tag), frames, hasVideo);
    }

    private static async Task CheckPartAsync(FFmpegTools tools, SegmentPlan plan, Segment expected, string display, string full, CancellationToken cancellationToken)
    {
        (SegmentTag? tag, long frames, bool hasVideo) = await ReadAsync(tools, full, display, cancellationToken).ConfigureAwait(false);
        string which = $"segment {expected.Number}/{expected.Count}";
        if (!hasVideo)
        {
            throw new ArgumentException($"The part '{display}' (given as {which}) has no video stream.");
        }

        if (tag is null)
        {
            throw new ArgumentException($"The part '{display}' (given as {which}) is not a VideoKit segment: it has no '{SegmentEncoding.MetadataKey}' tag.");
        }

        if (tag.Fingerprint != plan.Fingerprint || tag.Count != expected.Count)
        {
            throw new ArgumentException($"The part '{display}' (given as {which}) belongs to another project or split (plan {tag.Fingerprint}, {tag.Count} segments; expected plan {plan.Fingerprint}, {expected.Count} segments).");
        }

        if (tag.Number != expected.Number || tag.Frames != expected.Frames)
        {
            throw new ArgumentException($"The part '{display}' is segment {tag.Number}/{tag.Count}, but was given as {which}: give the parts in order, 1 to {expected.Count}.");
        }

        if (frames != expected.Frames.Count)
        {
            throw new ArgumentException($"The part '{display}' ({which}) holds {frames} frames; the segment has {expected.Frames.Count}: it is incomplete or damaged.");
        }
    }

    /// <summary>The concat demuxer's list: one quoted absolute path per line (a single quote is written as '\'').</summary>
    internal static string ConcatList(IEnumerable<string> fullPaths)
    {
        var text = new StringBuilder("ffconcat version 1.0\n");
        foreach (string path in fullPaths)
        {
            text.Append("file '").Append(path.Replace("'", @"'\''", StringComparison.Ordinal)).Append("'\n");
        }

        return text.ToString();
    }

    /// <summary>The FFmpeg arguments, one pass: concat the parts with stream copy, add the song cut to the video's length
    /// and encoded (or, when <paramref name="soundEncoded"/>, the sound file stream-copied), index at the front for MP4.</summary>
    internal static IReadOnlyList<string> Arguments(SegmentPlan plan, string listPath, string? songPath, string outputPath, bool soundEncoded = false)
    {
        var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", listPath };
        if (songPath is not null)
        {
            args.AddRange(soundEncoded ? ["-i", songPath] : SegmentAudio.CutArguments(plan, songPath));
        }

        args.AddRange(["-map", "0:v:0", "-c:v", "copy"]);
        if (songPath is not null)
        {
            args.AddRange(["-map", "1:a:0"]);
            args.AddRange(soundEncoded ? ["-c:a", "copy"] : EncoderArguments.AudioCodec(plan.RenderOptions.Codec));
        }

        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        if (extension is ".mp4" or ".mov" or ".m4v")
        {
            if (plan.RenderOptions.Codec == VideoCodec.H265)
            {
                args.AddRange(["-tag:v", "hvc1"]);
            }

            args.AddRange(["-movflags", "+faststart"]);
        }

        args.Add(outputPath);
        return args;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
