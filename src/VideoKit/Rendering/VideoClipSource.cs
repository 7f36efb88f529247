using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// A stretch of a video file, decoded by FFmpeg from its in point, resampled to the output frame rate (<c>fps</c>
/// filter) and fitted to the output size (scale/crop/pad filters) at decode time, so VideoKit only copies frames.
/// Frames are read in order; asked past the end of the material it holds the last frame.
/// </summary>
public sealed class VideoClipSource : IFrameSource
{
    private readonly string _path;
    private FFmpegProcess? _process;
    private Frame? _current;
    private long _currentIndex = -1;
    private bool _ended;
    private FrameRate _rate;
    private VideoKitOptions? _options;
    private bool _damageChecked;

    /// <summary>Creates a source for <paramref name="duration"/> of a video file from <paramref name="inPoint"/>.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="inPoint">Where in the file to start.</param>
    /// <param name="duration">How much of the file to play, or <see langword="null"/> for the rest of it.</param>
    /// <param name="fit">How the picture is fitted to the frame.</param>
    public VideoClipSource(string path, TimeSpan inPoint = default, TimeSpan? duration = null, FitMode fit = FitMode.Cover)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(inPoint, TimeSpan.Zero);
        _path = path;
        InPoint = inPoint;
        Duration = duration;
        Fit = fit;
    }

    /// <inheritdoc/>
    public string Name => _path;

    /// <summary>Where in the file the clip starts.</summary>
    public TimeSpan InPoint { get; }

    /// <inheritdoc/>
    public TimeSpan? Duration { get; }

    /// <summary>How the picture is fitted to the frame.</summary>
    public FitMode Fit { get; }

    /// <inheritdoc/>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The file has no video, cannot be read, or the in point is past its end.</exception>
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await CloseAsync().ConfigureAwait(false);
        string full = MediaPath.ExistingInput(_path, "video");
        FFmpegTools tools = FFmpegTools.Locate(context.Options);
        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(full, context.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException ex)
        {
            throw new UnsupportedMediaException($"'{_path}' is not a video FFmpeg can read.", ex);
        }

        if (info.PrimaryVideo is null)
        {
            throw new UnsupportedMediaException($"'{_path}' has no video stream.");
        }

        if (info.Duration > TimeSpan.Zero && InPoint >= info.Duration)
        {
            throw new UnsupportedMediaException(string.Create(CultureInfo.InvariantCulture,
                $"'{_path}': the in point {InPoint.TotalSeconds:0.###} s is at or after the end of the video ({info.Duration.TotalSeconds:0.###} s)."));
        }

        _rate = context.FrameRate;
        _current = new Frame(context.OutputSize.Width, context.OutputSize.Height);
        _currentIndex = -1;
        _ended = false;
        _options = context.Options;
        _damageChecked = false;
        _process = FFmpegProcess.Start(tools.FFmpegPath, BuildArguments(full, InPoint, Duration, Fit, context.OutputSize, context.FrameRate), cancellationToken);
        _process.Position = () => Math.Max(0, Interlocked.Read(ref _currentIndex));
    }

    /// <summary>Applies the damage policy once, as soon as FFmpeg has reported an error (or at the end).</summary>
    private void CheckDamage(FFmpegProcess process)
    {
        if (_damageChecked || process.ErrorLineCount == 0)
        {
            return;
        }

        _damageChecked = true;
        long frame = process.FirstErrorPosition;
        string where = frame < 0 ? string.Empty : DamagePolicy.NearSeconds(InPoint.TotalSeconds + _rate.SecondsAt(frame));
        DamagePolicy.Check(process, _path, where, _options);
    }

    /// <inheritdoc/>
    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Frame current = _current ?? throw new InvalidOperationException($"The video source '{_path}' was not prepared.");
        long target = Math.Max(0, _rate.NearestFrameAt(localTime));
        while (_currentIndex < target && !_ended)
        {
            int read = await ImageSource.ReadFullyAsync(_process!.StandardOutput, current.Memory, cancellationToken).ConfigureAwait(false);
            if (read == current.Length)
            {
                _currentIndex++;
                CheckDamage(_process);
                continue;
            }

            _ended = true;
            int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exit != 0)
            {
                throw new UnsupportedMediaException($"'{_path}' could not be decoded as video: {_process.LastError()}.");
            }

            CheckDamage(_process);
            if (_currentIndex < 0)
            {
                throw new UnsupportedMediaException(string.Create(CultureInfo.InvariantCulture,
                    $"'{_path}' holds no video frames from {InPoint.TotalSeconds:0.###} s on."));
            }
        }

        current.Span.CopyTo(destination.Span);
        if (destination.Format == PixelFormat.Bgra32)
        {
            PixelConverter.SwapRedBlue(destination.Span);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => CloseAsync();

    internal static IReadOnlyList<string> BuildArguments(string fullPath, TimeSpan inPoint, TimeSpan? duration, FitMode fit, Resolution size, FrameRate rate)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        if (inPoint > TimeSpan.Zero)
        {
            args.AddRange(["-ss", Seconds(inPoint)]);
        }

        args.AddRange(MediaPath.LiteralInputOptions(fullPath));
        args.AddRange(["-i", fullPath]);
        if (duration is { } d)
        {
            args.AddRange(["-t", Seconds(d)]);
        }

        args.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn", "-vf", $"fps={rate}," + FitFilter.Build(fit, size), "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"]);
        return args;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private async ValueTask CloseAsync()
    {
        FFmpegProcess? process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _current, null)?.Dispose();
    }
}
