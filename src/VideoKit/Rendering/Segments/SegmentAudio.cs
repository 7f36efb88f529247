using System.Globalization;
using System.Text.Json;
using VideoKit.Media;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// The sound of a segmented render encoded as a job of its own: the timeline's audio mix (as a whole render mixes it)
/// or the song, cut to the video's length and encoded with the codec's audio settings, into an audio-only file the
/// stitcher then stream-copies (<c>SegmentStitcher.StitchAsync</c> with a sound path).
/// It runs beside the segments (on any core, machine or silo), so the stitch that follows is only a remux. The file
/// carries the plan's <see cref="SegmentPlan.SoundFingerprint"/>, which does not depend on the split. Output is atomic.
/// </summary>
/// <example>
/// <code>
/// Task&lt;RenderResult&gt; sound = SegmentAudio.EncodeAsync(plan, "sound.m4a");
/// // … the segments render meanwhile …
/// await SegmentStitcher.StitchAsync(plan, parts, "out.mp4", (await sound).OutputPath);
/// </code>
/// </example>
public static class SegmentAudio
{
    /// <summary>The container tag that holds the sound's identity.</summary>
    internal const string MetadataKey = "videokit_sound";

    /// <summary>The usual extension of the sound file for <paramref name="codec"/>: .m4a (AAC), .webm (Opus), .mka (FLAC, PCM).</summary>
    /// <param name="codec">The plan's video codec (it decides the audio codec).</param>
    /// <returns>The extension with its dot.</returns>
    public static string Extension(VideoCodec codec) => codec switch
    {
        VideoCodec.Vp9 => ".webm",
        VideoCodec.ProRes or VideoCodec.Ffv1 => ".mka",
        _ => ".m4a",
    };

    /// <summary>Encodes the plan's sound to <paramref name="outputPath"/>.</summary>
    /// <param name="plan">The plan (its timeline, length and codec are used; the split is not).</param>
    /// <param name="outputPath">The sound file; its extension must hold the audio codec (see <see cref="Extension"/>).</param>
    /// <param name="cancellationToken">Stops FFmpeg; no partial file is left.</param>
    /// <returns>What was written (<see cref="RenderResult.FrameCount"/> is 0: no video).</returns>
    /// <exception cref="ArgumentException">The timeline has no sound, or the extension cannot hold the audio codec.</exception>
    /// <exception cref="IOException">The output exists and the plan's options do not allow overwriting.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public static async Task<RenderResult> EncodeAsync(SegmentPlan plan, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RenderOptions options = plan.RenderOptions;
        CheckContainer(outputPath, options.Codec);
        if (plan.Timeline.SongPath is null && plan.Timeline.Audio is null)
        {
            throw new ArgumentException($"The timeline has no sound (no song, no audio mix): there is nothing to write to '{outputPath}'.", nameof(plan));
        }

        string target = OutputFile.Check(outputPath, options.Overwrite, [.. plan.Timeline.InputFiles(), .. plan.RenderOptions.Inputs]);
        FFmpegTools tools = FFmpegTools.Locate(options.Options);
        await using RenderAttachments sound = await RenderAttachments.PrepareAsync(plan.Timeline, plan.Duration, options.Options, cancellationToken, writeText: false).ConfigureAwait(false);
        string source = MediaPath.ExistingInput(sound.AudioPath!, "song");
        string temp = OutputFile.TempPath(target);
        try
        {
            var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error", "-y" };
            args.AddRange(CutArguments(plan, source));
            args.AddRange(["-map", "0:a:0", "-vn"]);
            args.AddRange(EncoderArguments.AudioCodec(options.Codec));
            args.AddRange(["-metadata", MetadataKey + "=" + Tag(plan)]);
            if (IsMp4Family(target))
            {
                args.AddRange(["-movflags", "+faststart+use_metadata_tags"]);
            }

            args.Add(temp);
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
                    throw new MediaProcessingException($"FFmpeg could not encode the sound into '{outputPath}' (exit code {exit}): {process.LastError()}", exit, process.StandardErrorTail);
                }
            }

            OutputFile.Commit(temp, target, options.Overwrite, outputPath);
        }
        finally
        {
            TryDelete(temp);
        }

        return new RenderResult
        {
            OutputPath = target,
            FrameCount = 0,
            Duration = plan.Duration,
            Resolution = plan.Timeline.Resolution,
            FrameRate = plan.Timeline.FrameRate,
            HasAudio = true,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The input arguments that read <paramref name="source"/> cut to the video's length (the stitcher's own encode uses them too).</summary>
    internal static IReadOnlyList<string> CutArguments(SegmentPlan plan, string source) =>
        ["-t", plan.Duration.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture), "-i", source];

    /// <summary>The identity written into the sound file: the sound fingerprint and the video's frame count.</summary>
    internal static string Tag(SegmentPlan plan) => string.Create(CultureInfo.InvariantCulture, $"v1;{plan.SoundFingerprint};{plan.TotalFrames}");

    /// <summary>Checks that <paramref name="fullPath"/> is this plan's sound (tag, one audio stream of the codec's audio
    /// codec, no video); the message names the file and the problem.</summary>
    internal static async Task CheckAsync(FFmpegTools tools, SegmentPlan plan, string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        string[] args = ["-v", "error", "-print_format", "json", "-show_entries", "stream=codec_type,codec_name:format_tags=" + MetadataKey, fullPath];
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFprobePath, args, cancellationToken);
        using var output = new MemoryStream();
        await process.StandardOutput.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new ArgumentException($"The sound '{displayPath}' is not a file FFmpeg can read: {process.LastError()}.");
        }

        using JsonDocument json = JsonDocument.Parse(output.ToArray());
        string? tag = null;
        if (json.RootElement.TryGetProperty("format", out JsonElement format) && format.TryGetProperty("tags", out JsonElement tags))
        {
            foreach (JsonProperty p in tags.EnumerateObject())
            {
                if (p.Name.Equals(MetadataKey, StringComparison.OrdinalIgnoreCase))
                {
                    tag = p.Value.GetString();
                }
            }
        }

        var codecs = new List<string>();
        if (json.RootElement.TryGetProperty("streams", out JsonElement streams))
        {
            foreach (JsonElement s in streams.EnumerateArray())
            {
                string type = s.TryGetProperty("codec_type", out JsonElement t) ? t.GetString() ?? "" : "";
                if (type == "video")
                {
                    throw new ArgumentException($"The sound '{displayPath}' has a video stream; give the audio-only file written by 'videokit render PROJECT --audio'.");
                }

                if (type == "audio")
                {
                    codecs.Add(s.TryGetProperty("codec_name", out JsonElement c) ? c.GetString() ?? "" : "");
                }
            }
        }

        if (codecs.Count != 1)
        {
            throw new ArgumentException($"The sound '{displayPath}' has {codecs.Count} audio streams; it must have one.");
        }

        if (tag is null)
        {
            throw new ArgumentException($"The sound '{displayPath}' was not written by VideoKit for a segmented render: it has no '{MetadataKey}' tag.");
        }

        if (tag != Tag(plan))
        {
            throw new ArgumentException($"The sound '{displayPath}' belongs to another project or other settings (tag {tag}; expected {Tag(plan)}).");
        }

        string expected = EncoderArguments.AudioCodec(plan.RenderOptions.Codec)[1];
        if (!codecs[0].Equals(expected, StringComparison.OrdinalIgnoreCase) && !(expected == "libopus" && codecs[0] == "opus"))
        {
            throw new ArgumentException($"The sound '{displayPath}' is {codecs[0]}; the plan's codec needs {expected}.");
        }
    }

    /// <summary>Refuses an extension whose container cannot hold the codec's audio codec.</summary>
    internal static void CheckContainer(string outputPath, VideoCodec codec)
    {
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        string[] allowed = codec switch
        {
            VideoCodec.Vp9 => [".webm", ".mka", ".mkv", ".ogg", ".opus"],
            VideoCodec.ProRes => [".mka", ".mkv", ".mov"],
            VideoCodec.Ffv1 => [".mka", ".mkv", ".flac"],
            _ => [".m4a", ".mp4", ".mov", ".mka", ".mkv"],
        };
        if (!allowed.Contains(extension))
        {
            throw new ArgumentException($"The sound file '{outputPath}' cannot hold {EncoderArguments.AudioCodec(codec)[1]} (the audio codec for {codec}): use {string.Join(", ", allowed)}.", nameof(outputPath));
        }
    }

    private static bool IsMp4Family(string path) => Path.GetExtension(path).ToLowerInvariant() is ".mp4" or ".mov" or ".m4a" or ".m4v";

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
