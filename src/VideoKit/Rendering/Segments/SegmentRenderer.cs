using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// Renders one segment of a <see cref="SegmentPlan"/> to a video-only file (no song: <see cref="SegmentStitcher"/>
/// muxes it once over the whole length). The file starts on a key frame of the render's key-frame grid, uses the plan's
/// encoder settings, and carries the plan's fingerprint and the segment's number in its metadata. With a lossy codec
/// the encode starts a few seconds before the segment and ends a little after it (<see cref="SegmentPlan.EncodeRange"/>),
/// so the encoder's rate control and look-ahead see what they see in a whole render; the extra frames are then cut off
/// at the segment's key frames by stream copy. Output is atomic like every render.
/// </summary>
public static class SegmentRenderer
{
    /// <summary>Renders segment <paramref name="number"/> of <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan (its timeline and render options are used).</param>
    /// <param name="number">1 to the number of segments.</param>
    /// <param name="outputPath">The segment file: .mp4 or .mov keep exact timestamps (recommended); .mkv stores milliseconds.</param>
    /// <param name="progress">The segment's own frames encoded so far, out of its frames (warm-up frames are not counted).</param>
    /// <param name="cancellationToken">Stops the render; no partial file is left.</param>
    /// <returns>What was written (frames and length of the segment).</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no segment <paramref name="number"/>.</exception>
    /// <exception cref="IOException">The output exists and the plan's options do not allow overwriting.</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public static async Task<RenderResult> RenderAsync(SegmentPlan plan, int number, string outputPath, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        Segment segment = plan.Get(number);
        FrameRange encode = plan.EncodeRange(segment);
        var renderer = new Renderer(plan.RenderOptions);
        SegmentEncoding encoding = plan.EncodingFor(segment);
        if (encode == segment.Frames)
        {
            return await renderer.RenderRangeAsync(plan.Timeline, segment.Frames, encoding, outputPath, progress, cancellationToken, plan.Duration).ConfigureAwait(false);
        }

        RenderOptions options = plan.RenderOptions;
        EncoderArguments.CheckContainer(outputPath, options.Codec);
        string target = OutputFile.Check(outputPath, options.Overwrite, [.. plan.Timeline.InputFiles(), .. plan.RenderOptions.Inputs]);
        string wide = OutputFile.TempPath(Path.ChangeExtension(target, ".mp4")); // exact timestamps for the cut
        string temp = OutputFile.TempPath(target);
        try
        {
            // Progress counts the segment's own frames (warm-up frames count as none, tail frames as the last).
            long skip = segment.Frames.Start - encode.Start, own = segment.Frames.Count;
            IProgress<RenderProgress>? mapped = progress is null ? null : new Progress(p => progress.Report(p with
            {
                FramesComposed = Math.Clamp(p.FramesComposed - skip, 0, own),
                FramesEncoded = Math.Clamp(p.FramesEncoded - skip, 0, own),
                TotalFrames = own,
            }));
            RenderResult rendered = await renderer.RenderRangeAsync(plan.Timeline, encode, encoding, wide, mapped, cancellationToken, plan.Duration).ConfigureAwait(false);
            FFmpegTools tools = FFmpegTools.Locate(options.Options);
            await CutAsync(tools, plan.Timeline.FrameRate, wide, segment.Frames.Start - encode.Start, segment.Frames.Count, encoding, temp, cancellationToken).ConfigureAwait(false);
            (_, long frames, _) = await SegmentStitcher.ReadAsync(tools, temp, outputPath, cancellationToken).ConfigureAwait(false);
            if (frames != segment.Frames.Count)
            {
                throw new MediaProcessingException($"Cutting {segment} out of its encode gave {frames} frames instead of {segment.Frames.Count}; '{outputPath}' was not written.");
            }

            OutputFile.Commit(temp, target, options.Overwrite, outputPath);
            return new RenderResult
            {
                OutputPath = target,
                FrameCount = segment.Frames.Count,
                Duration = plan.Timeline.FrameRate.TimeAt(segment.Frames.End) - plan.Timeline.FrameRate.TimeAt(segment.Frames.Start),
                Resolution = rendered.Resolution,
                FrameRate = rendered.FrameRate,
                HasAudio = false,
                Elapsed = rendered.Elapsed,
                Encoder = rendered.Encoder,
                EncoderReason = rendered.EncoderReason,
                Warnings = rendered.Warnings,
            };
        }
        finally
        {
            TryDelete(wide);
            TryDelete(temp);
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> frames from frame <paramref name="skip"/> of <paramref name="source"/> (a grid key
    /// frame, so the copy starts on an IDR frame and needs no re-encode), with the segment's identity tag.
    /// </summary>
    private static async Task CutAsync(FFmpegTools tools, FrameRate rate, string source, long skip, long count, SegmentEncoding encoding, string destination, CancellationToken cancellationToken)
    {
        // Seek to the key frame: FFmpeg lands on the last key frame at or before the time, so round the time up to the
        // microsecond (FFmpeg's unit) and never land a key frame early.
        Int128 micro = ((Int128)skip * rate.Denominator * 1_000_000 + rate.Numerator - 1) / rate.Numerator;
        string at = ((decimal)(long)micro / 1_000_000m).ToString("0.######", CultureInfo.InvariantCulture);
        var args = new List<string> { "-nostdin", "-hide_banner", "-v", "error", "-y", "-ss", at, "-i", source, "-map", "0:v:0", "-c", "copy",
            "-frames:v", count.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(encoding.MetadataArguments);
        if (Path.GetExtension(destination).ToLowerInvariant() is ".mp4" or ".mov" or ".m4v")
        {
            args.AddRange(["-movflags", "+faststart+use_metadata_tags"]);
        }

        args.Add(destination);
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken);
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
        if (exit != 0 || !File.Exists(destination))
        {
            throw new MediaProcessingException($"FFmpeg could not cut the segment out of its encode (exit code {exit}): {process.LastError()}", exit, process.StandardErrorTail);
        }
    }

    /// <summary>Forwards reports synchronously (no synchronisation context), transformed.</summary>
    private sealed class Progress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
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
