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
    public double SourcePositionAt(long outputFrame, FrameRate outputRate, FrameRate sourceRate) =>
        SourceFrameWindow.DeclaredRatePosition(outputFrame, outputRate, sourceRate, Speed);

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
    /// Retimes a clip into a video file at <paramref name="outputRate"/>: a one-item <see cref="Timeline"/> (a
    /// <see cref="RetimedClipSource"/> at the clip's display size, no sound) rendered by <see cref="Renderer"/>, with the
    /// same frames <see cref="ReadFramesAsync"/> yields. Without a codec, it follows the extension: .mp4, .mov, .m4v,
    /// .mkv: H.264; .webm: VP9. The file appears only when complete.
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
    /// <exception cref="UnsupportedMediaException">The input has no video or frame rate, no frames from <see cref="SourceStart"/> on, or an odd display width or height.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed to write the output.</exception>
    /// <exception cref="OperationCanceledException">The retime was cancelled (no output file is left).</exception>
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
        SourceRange range = await SourceFrameWindow.MeasureAsync(inputPath, SourceStart, SourceDuration, options, cancellationToken).ConfigureAwait(false);
        long total = OutputLength(range, outputRate);
        if (total <= 0)
        {
            throw new UnsupportedMediaException($"'{inputPath}' has no video frames from {SourceStart.TotalSeconds:0.###} s on.");
        }

        VideoStreamInfo video = range.Info.PrimaryVideo!;
        Resolution size;
        try
        {
            size = new Resolution(video.DisplayWidth, video.DisplayHeight);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UnsupportedMediaException($"'{inputPath}' is {video.DisplayWidth}x{video.DisplayHeight}; retiming keeps the size, and video encoders need even sides.", ex);
        }

        // Exactly `total` frames: the timeline's length is the time of frame `total`, which rounds back to it.
        TimeSpan length = outputRate.TimeAt(total);
        Timeline timeline = new TimelineBuilder(size, outputRate)
            .AddSource(System.IO.Path.GetFileName(inputPath), () => new RetimedClipSource(inputPath)
            {
                SourceStart = SourceStart,
                SourceDuration = SourceDuration,
                Speed = Speed,
                Interpolator = Interpolator,
                Fit = FitMode.Stretch,
            }, TimeSpan.Zero, length)
            .WithDuration(length)
            .Build();
        var render = new RenderOptions { Codec = codec, Overwrite = overwrite, Options = options, Inputs = [inputPath] };
        IProgress<RenderProgress>? reporter = progress is null ? null : new RetimeProgressAdapter(progress);
        RenderResult result = await new Renderer(render).RenderAsync(timeline, outputPath, reporter, cancellationToken).ConfigureAwait(false);
        return result.FrameCount;
    }

    /// <summary>
    /// The number of output frames: round(<see cref="OutputDuration"/> × rate) when set; for a variable-rate source its
    /// timed length through the speed curve, rounded to the nearest frame (its end time is quantised by the container's
    /// time base); otherwise every output frame whose source position falls on a frame the range has.
    /// </summary>
    private long OutputLength(SourceRange range, FrameRate outputRate)
    {
        if (OutputDuration is { } duration)
        {
            return outputRate.FrameCountFor(duration);
        }

        if (range.Times is not null)
        {
            return TimedLength(range.Duration, outputRate);
        }

        long sourceFrames = range.FrameCount ?? Math.Min(range.FrameLimit, range.SourceRate.FrameCountFor(TimeSpan.FromSeconds(range.Duration)));
        return SourceFrameWindow.FramesBefore(sourceFrames, i => SourceFrameWindow.DeclaredRatePosition(i, outputRate, range.SourceRate, Speed));
    }

    /// <summary>
    /// The length of a variable-rate range of <paramref name="sourceSeconds"/>: it ends when its time does, not after a
    /// count of frames at the declared rate; its end time is quantised by the container's time base, so the length is
    /// rounded to the nearest output frame (at least one).
    /// </summary>
    private long TimedLength(double sourceSeconds, FrameRate outputRate) =>
        Math.Max(1, (long)Math.Round(Speed.OutputSecondsAt(sourceSeconds) * outputRate.FramesPerSecond));

    /// <summary>Reports the renderer's progress as frames written out of the total.</summary>
    private sealed class RetimeProgressAdapter(IProgress<RetimeProgress> progress) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => progress.Report(new RetimeProgress(value.FramesEncoded, value.TotalFrames, value.Elapsed));
    }

    private async IAsyncEnumerable<Frame> ReadCoreAsync(string path, FrameRate outputRate, Resolution? size, VideoKitOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using SourceFrameWindow window = await SourceFrameWindow.OpenAsync(path, SourceStart, SourceDuration, size, options, cancellationToken).ConfigureAwait(false);
        long limit = OutputDuration is { } duration ? outputRate.FrameCountFor(duration) : long.MaxValue;
        if (limit == long.MaxValue && window.UsesTimestamps)
        {
            limit = TimedLength(window.Duration, outputRate);
        }

        for (long i = 0; i < limit; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double position = window.PositionOf(i, outputRate, Speed);
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
