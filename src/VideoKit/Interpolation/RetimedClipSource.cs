using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Interpolation;

/// <summary>
/// A video clip (or a range of it) played at another speed, fitted to the output frame: the timeline item for slowed,
/// sped-up, ramped or length-fitted clips. In-between frames come from an interpolator (motion-compensated by default),
/// and a source frame that falls exactly on an output time is passed through unchanged.
/// </summary>
/// <example>
/// <code>
/// var clip = new RetimedClipSource("beach.mp4")
/// {
///     SourceStart = TimeSpan.FromSeconds(2),
///     SourceDuration = TimeSpan.FromSeconds(3),
///     TargetDuration = TimeSpan.FromSeconds(1.875), // fit 3 s of footage into 4 beats at 128 BPM
/// };
/// </code>
/// </example>
public sealed class RetimedClipSource : IFrameSource
{
    private SourceFrameWindow? _window;
    private SpeedCurve? _curve;
    private IFrameInterpolator? _interpolator;
    private Frame? _scratch;
    private Resolution _decodeSize;
    private Resolution _outputSize;
    private FrameRate _rate;
    private TimeSpan? _preparedDuration;

    /// <summary>Creates a retimed clip over a video file.</summary>
    /// <param name="path">The video file.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public RetimedClipSource(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The video file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Where in the source the clip starts.</summary>
    public TimeSpan SourceStart { get; init; }

    /// <summary>How much of the source to use, or <see langword="null"/> for the rest of the file.</summary>
    public TimeSpan? SourceDuration { get; init; }

    /// <summary>The playback speed over the clip's own time; ignored in shape only when <see cref="TargetDuration"/> rescales it.</summary>
    public SpeedCurve Speed { get; init; } = SpeedCurve.Normal;

    /// <summary>
    /// When set, the speed curve is scaled so the source range lasts exactly this long (a constant speed by default; a ramp
    /// keeps its shape).
    /// </summary>
    public TimeSpan? TargetDuration { get; init; }

    /// <summary>How in-between frames are made (ignored when <see cref="Interpolator"/> is set).</summary>
    public InterpolationMode Mode { get; init; } = InterpolationMode.Motion;

    /// <summary>A specific interpolator, or <see langword="null"/> for the one <see cref="Mode"/> names.</summary>
    public IFrameInterpolator? Interpolator { get; init; }

    /// <summary>How the clip fills the output frame.</summary>
    public FitMode Fit { get; init; } = FitMode.Cover;

    /// <summary>
    /// The retimed length: <see cref="TargetDuration"/> when set, else the source range through the speed curve (known
    /// before <see cref="PrepareAsync"/> only when <see cref="SourceDuration"/> is set).
    /// </summary>
    public TimeSpan? Duration => TargetDuration ?? (SourceDuration is { } d ? Speed.OutputTimeAt(d) : _preparedDuration);

    /// <inheritdoc />
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MediaInfo info = await MediaProbe.ProbeAsync(Path, context.Options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{Path}' has no video stream.");
        TimeSpan available = info.Duration - SourceStart;
        if (available <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The clip '{Path}' is {info.Duration.TotalSeconds:0.###} s long; it has nothing from {SourceStart.TotalSeconds:0.###} s on.");
        }

        TimeSpan range = SourceDuration is { } d ? (d < available ? d : available) : available;
        _curve = TargetDuration is { } target ? Speed.FitTo(range, target) : Speed;
        _preparedDuration = TargetDuration ?? _curve.OutputTimeAt(range);
        _interpolator = Interpolator ?? FrameInterpolator.Create(Mode);
        _outputSize = context.OutputSize;
        _rate = context.FrameRate;
        _decodeSize = DecodeSize(video.DisplayWidth, video.DisplayHeight, _outputSize, Fit);
        if (_window is not null)
        {
            await _window.DisposeAsync().ConfigureAwait(false);
        }

        // The window reads what Retimer's does: the given range, or the rest of the file (not the container's idea of its length).
        _window = await SourceFrameWindow.OpenAsync(Path, SourceStart, SourceDuration, _decodeSize, context.Options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_window is null || _curve is null || _interpolator is null)
        {
            throw new InvalidOperationException($"Call PrepareAsync before rendering frames of '{Name}'.");
        }

        // A time on the output's frame grid (within the tick its rounding may cost) is placed by its frame index, with
        // the same exact maths as Retimer; any other time by seconds.
        long outputFrame = _rate.IsEmpty ? -1 : _rate.NearestFrameAt(localTime);
        double position = outputFrame >= 0 && Math.Abs((_rate.TimeAt(outputFrame) - localTime).Ticks) <= 1
            ? _window.PositionOf(outputFrame, _rate, _curve)
            : _window.PositionAt(Math.Max(0, _curve.SourceSecondsAt(localTime.TotalSeconds)));

        long k = (long)Math.Floor(position);
        double t = position - k;
        if (!await _window.MoveToAsync(k, cancellationToken).ConfigureAwait(false))
        {
            long last = Math.Max(0, (_window.FrameCount ?? 1) - 1);
            if (!await _window.MoveToAsync(last, cancellationToken).ConfigureAwait(false))
            {
                throw new UnsupportedMediaException($"'{Path}' has no video frames from {SourceStart.TotalSeconds:0.###} s on.");
            }

            t = 0;
        }

        bool direct = _decodeSize.Width == destination.Width && _decodeSize.Height == destination.Height && destination.Format == _window.Current.Format;
        Frame target = direct ? destination : (_scratch ??= new Frame(_decodeSize.Width, _decodeSize.Height, _window.Current.Format));
        if (t == 0 || _window.Next is null)
        {
            _window.Current.CopyTo(target);
        }
        else
        {
            _interpolator.Interpolate(_window.Current, _window.Next, t, target);
        }

        if (!direct)
        {
            Place(target, destination);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _scratch?.Dispose();
        _scratch = null;
        if (_window is not null)
        {
            await _window.DisposeAsync().ConfigureAwait(false);
            _window = null;
        }
    }

    /// <summary>The size to decode a clip at so that it covers, fits or stretches to the output (even sides).</summary>
    internal static Resolution DecodeSize(int sourceWidth, int sourceHeight, Resolution output, FitMode fit)
    {
        if (fit == FitMode.Stretch || sourceWidth <= 0 || sourceHeight <= 0)
        {
            return output;
        }

        double scale = fit == FitMode.Cover
            ? Math.Max((double)output.Width / sourceWidth, (double)output.Height / sourceHeight)
            : Math.Min((double)output.Width / sourceWidth, (double)output.Height / sourceHeight);
        int w = (int)Math.Round(sourceWidth * scale / 2) * 2, h = (int)Math.Round(sourceHeight * scale / 2) * 2;
        (w, h) = fit == FitMode.Cover
            ? (Math.Max(w, output.Width), Math.Max(h, output.Height))
            : (Math.Clamp(w, 2, output.Width), Math.Clamp(h, 2, output.Height));
        return new Resolution(w, h);
    }

    /// <summary>Copies a decoded picture into the output frame: centre crop when larger, centred with black bars when smaller.</summary>
    internal static void Place(Frame picture, Frame destination)
    {
        int ox = (picture.Width - destination.Width) / 2, oy = (picture.Height - destination.Height) / 2;
        if (ox < 0 || oy < 0)
        {
            destination.Fill(0, 0, 0);
        }

        int w = Math.Min(picture.Width, destination.Width);
        int sx = Math.Max(0, ox), dx = Math.Max(0, -ox);
        for (int y = 0; y < destination.Height; y++)
        {
            int sy = y + oy;
            if ((uint)sy >= (uint)picture.Height)
            {
                continue;
            }

            picture.GetRow(sy).Slice(sx * Frame.BytesPerPixel, w * Frame.BytesPerPixel).CopyTo(destination.GetRow(y)[(dx * Frame.BytesPerPixel)..]);
        }
    }
}
