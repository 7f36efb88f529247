using System.Runtime.CompilerServices;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Interpolation;

/// <summary>
/// Plays a clip (or a range of it) at another speed and frame rate: output frame i is the source at time
/// <see cref="SpeedCurve.SourceTimeAt"/>(i / N), made by an <see cref="IFrameInterpolator"/> from the two source frames
/// around it (a source frame that falls exactly on an output time is passed through unchanged). Frame-rate conversion
/// (24 → 30, 30 → 60) is the constant speed 1; slow motion, fast forward, speed ramps and fitting a clip to a duration are
/// the other curves. Immutable; one instance may run several times.
/// </summary>
public sealed class Retimer
{
    /// <summary>Creates a retimer.</summary>
    /// <param name="interpolator">Makes the in-between frames.</param>
    /// <param name="speed">The playback speed over output time; <see langword="null"/> for normal speed.</param>
    /// <exception cref="ArgumentNullException">The interpolator is null.</exception>
    public Retimer(IFrameInterpolator interpolator, SpeedCurve? speed = null)
    {
        ArgumentNullException.ThrowIfNull(interpolator);
        Interpolator = interpolator;
        Speed = speed ?? SpeedCurve.Normal;
    }

    /// <summary>Makes the in-between frames.</summary>
    public IFrameInterpolator Interpolator { get; }

    /// <summary>The playback speed over output time.</summary>
    public SpeedCurve Speed { get; }

    /// <summary>Where in the source the retimed clip starts.</summary>
    public TimeSpan SourceStart { get; init; }

    /// <summary>How much of the source to use from <see cref="SourceStart"/>, or <see langword="null"/> for the rest of the file.</summary>
    public TimeSpan? SourceDuration { get; init; }

    /// <summary>
    /// The length of the output, or <see langword="null"/> to end when the source range ends. When set, the output has
    /// exactly round(duration × rate) frames (the last source frame is held if the source runs out first).
    /// </summary>
    public TimeSpan? OutputDuration { get; init; }

    /// <summary>A retimer that plays <paramref name="sourceDuration"/> of source from <paramref name="sourceStart"/> in exactly <paramref name="targetDuration"/>.</summary>
    /// <param name="interpolator">Makes the in-between frames.</param>
    /// <param name="sourceStart">Where the range starts in the source.</param>
    /// <param name="sourceDuration">How long the range is.</param>
    /// <param name="targetDuration">How long the output must be.</param>
    /// <param name="shape">The speed shape to scale (a ramp keeps its proportions); <see langword="null"/> for a constant speed.</param>
    /// <returns>The retimer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A duration is not positive, the start is negative, or the needed speed is outside [0.01, 100].</exception>
    public static Retimer Fit(IFrameInterpolator interpolator, TimeSpan sourceStart, TimeSpan sourceDuration, TimeSpan targetDuration, SpeedCurve? shape = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceStart, TimeSpan.Zero);
        SpeedCurve curve = (shape ?? SpeedCurve.Normal).FitTo(sourceDuration, targetDuration);
        return new Retimer(interpolator, curve)
        {
            SourceStart = sourceStart,
            SourceDuration = sourceDuration,
            OutputDuration = targetDuration,
        };
    }

    /// <summary>The position of output frame <paramref name="outputFrame"/> in source frames from the range start (integers are source frames).</summary>
    /// <param name="outputFrame">The output frame index.</param>
    /// <param name="outputRate">The output frame rate.</param>
    /// <param name="sourceRate">The source frame rate.</param>
    /// <returns>The fractional source frame index, snapped to whole frames within 10⁻⁶.</returns>
    public double SourcePositionAt(long outputFrame, FrameRate outputRate, FrameRate sourceRate)
    {
        double position;
        if (Speed.IsConstant)
        {
            // i · speed · (source fps / output fps), in one rounding step.
            double speed = Speed.SpeedAtSeconds(0);
            position = outputFrame * speed * ((double)sourceRate.Numerator * outputRate.Denominator) / ((double)sourceRate.Denominator * outputRate.Numerator);
        }
        else
        {
            position = Speed.SourceSecondsAt(outputRate.SecondsAt(outputFrame)) * sourceRate.FramesPerSecond;
        }

        double whole = Math.Round(position);
        return Math.Abs(position - whole) < 1e-6 ? whole : position;
    }

    /// <summary>The number of output frames for a source range of <paramref name="sourceFrames"/> frames.</summary>
    /// <param name="sourceFrames">Frames in the source range.</param>
    /// <param name="outputRate">The output frame rate.</param>
    /// <param name="sourceRate">The source frame rate.</param>
    /// <returns>The output frame count.</returns>
    public long OutputFrameCount(long sourceFrames, FrameRate outputRate, FrameRate sourceRate)
    {
        if (OutputDuration is { } duration)
        {
            return outputRate.FrameCountFor(duration);
        }

        double sourceSeconds = sourceFrames / sourceRate.FramesPerSecond;
        double outputSeconds = Speed.OutputSecondsAt(sourceSeconds);
        long count = (long)Math.Ceiling((outputSeconds * outputRate.FramesPerSecond) - 1e-6);
        return Math.Max(0, count);
    }

    /// <summary>Decodes a clip and yields the retimed frames in order. Each frame is the caller's to dispose.</summary>
    /// <param name="path">The source clip.</param>
    /// <param name="outputRate">The output frame rate N: output frame i shows the source at <c>Speed.SourceTimeAt(i / N)</c>.</param>
    /// <param name="size">Scale the source to this size first, or <see langword="null"/> for its own size.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops decoding.</param>
    /// <returns>The output frames.</returns>
    /// <exception cref="FileNotFoundException">The clip does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The clip has no video, or no frame rate.</exception>
    public IAsyncEnumerable<Frame> ReadFramesAsync(string path, FrameRate outputRate, Resolution? size = null, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (outputRate.IsEmpty)
        {
            throw new ArgumentException("The output frame rate is unset; pass e.g. FrameRate.Fps30.", nameof(outputRate));
        }

        _ = MediaPath.ExistingInput(path, "video file");
        return ReadCoreAsync(path, outputRate, size, options, cancellationToken);
    }

    /// <summary>
    /// Retimes a clip into a video file at <paramref name="outputRate"/> through <see cref="VideoEncoder"/>. Without a
    /// codec, it follows the extension: .mp4, .mov, .m4v, .mkv: H.264; .webm: VP9. The file appears only when complete.
    /// </summary>
    /// <param name="inputPath">The source clip.</param>
    /// <param name="outputPath">The video to write.</param>
    /// <param name="outputRate">The output frame rate.</param>
    /// <param name="codec">The codec (e.g. <see cref="VideoCodec.Ffv1"/> for lossless .mkv), or <see langword="null"/> to follow the extension.</param>
    /// <param name="overwrite">Replace an existing output file.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the frame count at most ten times a second.</param>
    /// <param name="cancellationToken">Stops the work; no output file is left behind.</param>
    /// <returns>The number of frames written.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="ArgumentException">The output extension is not a video container VideoKit writes.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="UnsupportedMediaException">The input has no video or frame rate.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed to write the output.</exception>
    public Task<long> RetimeFileAsync(string inputPath, string outputPath, FrameRate outputRate, VideoCodec? codec = null, bool overwrite = false, VideoKitOptions? options = null, IProgress<RetimeProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        if (outputRate.IsEmpty)
        {
            throw new ArgumentException("The output frame rate is unset; pass e.g. FrameRate.Fps30.", nameof(outputRate));
        }

        _ = MediaPath.ExistingInput(inputPath, "video file");
        VideoCodec chosen = codec ?? CodecForExtension(outputPath);
        _ = VideoEncoder.CheckOutput(outputPath, overwrite, [inputPath]);
        return RetimeFileCoreAsync(inputPath, outputPath, outputRate, chosen, overwrite, options ?? VideoKitOptions.Default, progress, cancellationToken);
    }

    /// <summary>The codec a file name implies: H.264 for .mp4, .mov, .m4v and .mkv; VP9 for .webm.</summary>
    /// <exception cref="ArgumentException">Any other extension.</exception>
    internal static VideoCodec CodecForExtension(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".mp4" or ".mov" or ".m4v" or ".mkv" => VideoCodec.H264,
            ".webm" => VideoCodec.Vp9,
            _ => throw new ArgumentException($"Cannot write video to '{path}': the extension '{ext}' is not one of .mp4, .mov, .m4v, .mkv, .webm."),
        };
    }

    private async Task<long> RetimeFileCoreAsync(string inputPath, string outputPath, FrameRate outputRate, VideoCodec codec, bool overwrite, VideoKitOptions options, IProgress<RetimeProgress>? progress, CancellationToken cancellationToken)
    {
        MediaInfo info = await MediaProbe.ProbeAsync(inputPath, options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{inputPath}' has no video stream.");
        long sourceFrames = video.FrameCount > 0 ? video.FrameCount : video.FrameRate.FrameCountFor(info.Duration);
        if (SourceDuration is { } range && !video.FrameRate.IsEmpty)
        {
            sourceFrames = Math.Min(sourceFrames, video.FrameRate.FrameCountFor(range));
        }

        long total = video.FrameRate.IsEmpty ? 0 : OutputFrameCount(sourceFrames, outputRate, video.FrameRate);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long lastReport = -1000;
        VideoEncoder? encoder = null;
        try
        {
            await foreach (Frame frame in ReadFramesAsync(inputPath, outputRate, null, options, cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    encoder ??= VideoEncoder.Open(outputPath, new VideoEncoderSettings
                    {
                        Size = new Resolution(frame.Width, frame.Height),
                        FrameRate = outputRate,
                        Codec = codec,
                        Overwrite = overwrite,
                        Options = options,
                        Inputs = [inputPath],
                    });
                    await encoder.WriteFrameAsync(frame, cancellationToken).ConfigureAwait(false);
                }

                if (progress is not null && clock.ElapsedMilliseconds - lastReport >= 100)
                {
                    lastReport = clock.ElapsedMilliseconds;
                    progress.Report(new RetimeProgress(encoder.FramesWritten, Math.Max(total, encoder.FramesWritten), clock.Elapsed));
                }
            }

            if (encoder is null)
            {
                throw new UnsupportedMediaException($"'{inputPath}' gave no frames to retime.");
            }

            await encoder.CompleteAsync(cancellationToken).ConfigureAwait(false);
            progress?.Report(new RetimeProgress(encoder.FramesWritten, encoder.FramesWritten, clock.Elapsed));
            return encoder.FramesWritten;
        }
        finally
        {
            if (encoder is not null)
            {
                await encoder.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async IAsyncEnumerable<Frame> ReadCoreAsync(string path, FrameRate outputRate, Resolution? size, VideoKitOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using SourceFrameWindow window = await SourceFrameWindow.OpenAsync(path, SourceStart, SourceDuration, size, options, cancellationToken).ConfigureAwait(false);
        long limit = OutputDuration is { } duration ? outputRate.FrameCountFor(duration) : long.MaxValue;
        if (limit == long.MaxValue && window.UsesTimestamps)
        {
            // A variable-rate source ends when its time does, not after a count of frames at the declared rate; its end
            // time is quantised by the container's time base, so the length is rounded to the nearest output frame.
            limit = Math.Max(1, (long)Math.Round(Speed.OutputSecondsAt(window.Duration) * outputRate.FramesPerSecond));
        }

        for (long i = 0; i < limit; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double position = window.UsesTimestamps
                ? window.PositionAt(Speed.SourceSecondsAt(outputRate.SecondsAt(i)))
                : SourcePositionAt(i, outputRate, window.SourceRate);
            long k = (long)Math.Floor(position);
            double t = position - k;
            if (!await window.MoveToAsync(k, cancellationToken).ConfigureAwait(false))
            {
                if (limit == long.MaxValue || window.FrameCount is null or 0)
                {
                    if (i == 0)
                    {
                        throw new UnsupportedMediaException($"'{path}' has no video frames from {SourceStart.TotalSeconds:0.###} s on.");
                    }

                    yield break;
                }

                // A fitted output must have its exact length: hold the last frame.
                await window.MoveToAsync(window.FrameCount.Value - 1, cancellationToken).ConfigureAwait(false);
                t = 0;
            }

            var frame = new Frame(window.Width, window.Height, window.Current.Format);
            try
            {
                if (t == 0 || window.Next is null)
                {
                    window.Current.CopyTo(frame);
                }
                else
                {
                    Interpolator.Interpolate(window.Current, window.Next, t, frame);
                }
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            yield return frame;
        }
    }
}
