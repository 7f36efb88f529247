using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>Draws a clip's picture at a time in the clip into an output-size frame.</summary>
internal interface IClipReader : IAsyncDisposable
{
    ValueTask RenderAsync(TimeSpan clipTime, bool interpolate, Frame destination, CancellationToken cancellationToken);
}

/// <summary>
/// Reads a video file forwards at its own frame rate and size (scaled by FFmpeg to the aspect mode's decode size),
/// keeping the last two frames so a slowed clip can blend between them; seeks by reopening the decoder.
/// </summary>
internal sealed class VideoClipReader : IClipReader
{
    private readonly string _path;
    private readonly Resolution _decodeSize;
    private readonly AspectMode _aspect;
    private readonly double _fps;
    private readonly FrameRate _rate;
    private readonly VideoKitOptions _options;
    private FrameTimes? _times;
    private bool _timesRead;
    private VideoFrameReader? _reader;
    private Frame? _previous;
    private Frame? _current;
    private Frame? _blend;
    private long _currentIndex = -1;
    private bool _previousValid;
    private bool _ended;

    public VideoClipReader(string path, Resolution decodeSize, AspectMode aspect, FrameRate sourceRate, VideoKitOptions options)
    {
        _path = path;
        _decodeSize = decodeSize;
        _aspect = aspect;
        _fps = sourceRate.IsEmpty ? 25 : sourceRate.FramesPerSecond;
        _rate = sourceRate.IsEmpty ? new FrameRate(25) : sourceRate;
        _options = options;
    }

    public async ValueTask RenderAsync(TimeSpan clipTime, bool interpolate, Frame destination, CancellationToken cancellationToken)
    {
        if (!_timesRead)
        {
            // A variable-frame-rate file places its frames by their timestamps; others count frames at the declared rate
            // (exact for them, and harmless where a container's timestamps are broken).
            FrameTimes? times = await FrameTimes.ProbeAsync(Path.GetFullPath(_path), _rate, _options, cancellationToken).ConfigureAwait(false);
            _times = times is { IsVariable: true } ? times : null;
            _timesRead = true;
        }

        double position = _times is null ? Math.Max(0, clipTime.TotalSeconds * _fps) : _times.PositionAt(clipTime.TotalSeconds);
        long index = (long)Math.Floor(position + 1e-6);
        double fraction = position - index;
        bool blend = interpolate && fraction > 1e-3;
        await SeekAsync(blend ? index + 1 : index, cancellationToken).ConfigureAwait(false);
        Frame picture = _current!;
        if (blend && _previousValid && _currentIndex == index + 1)
        {
            _blend ??= new Frame(_decodeSize.Width, _decodeSize.Height, destination.Format);
            TransitionKernels.Blend(_previous!.Span, _current!.Span, _blend.Span, TransitionCompositor.Weight(fraction));
            picture = _blend;
        }
        else if (!blend && _currentIndex == index + 1 && _previousValid)
        {
            picture = _previous!;
        }

        AspectFitter.Compose(picture, destination, _aspect);
    }

    public async ValueTask DisposeAsync()
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }

        _previous?.Dispose();
        _current?.Dispose();
        _blend?.Dispose();
    }

    private async ValueTask SeekAsync(long index, CancellationToken cancellationToken)
    {
        bool behind = index < _currentIndex - (_previousValid ? 1 : 0);
        bool farAhead = index > _currentIndex + (long)Math.Ceiling(_fps * 2);
        if (_reader is null || behind || (farAhead && !_ended))
        {
            await OpenAsync(index, cancellationToken).ConfigureAwait(false);
        }

        while (_currentIndex < index && !_ended)
        {
            await AdvanceAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_currentIndex < 0)
        {
            throw new UnsupportedMediaException($"'{_path}' has no frame at {index / _fps:0.###} s.");
        }
    }

    private async ValueTask OpenAsync(long index, CancellationToken cancellationToken)
    {
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }

        // Start half a frame early so rounding of the start time never skips the wanted frame.
        TimeSpan start = index <= 0 ? TimeSpan.Zero
            : _times is not null ? TimeSpan.FromSeconds(_times.SeekTimeFor((int)Math.Min(index, _times.Count - 1)))
            : TimeSpan.FromSeconds((index - 0.5) / _fps);
        _reader = await VideoDecoder.OpenAsync(_path, new VideoDecodeOptions { Start = start, Size = _decodeSize }, _options, cancellationToken).ConfigureAwait(false);
        _previous ??= new Frame(_decodeSize.Width, _decodeSize.Height, _reader.PixelFormat);
        _current ??= new Frame(_decodeSize.Width, _decodeSize.Height, _reader.PixelFormat);
        _currentIndex = index - 1;
        _previousValid = false;
        _ended = false;
        await AdvanceAsync(cancellationToken).ConfigureAwait(false);
        if (_ended && index > 0 && _currentIndex < index)
        {
            // Past the end: hold the last frame.
            await OpenAsync(Math.Max(0, index - (long)Math.Ceiling(_fps)), cancellationToken).ConfigureAwait(false);
            while (!_ended)
            {
                await AdvanceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask AdvanceAsync(CancellationToken cancellationToken)
    {
        (_previous, _current) = (_current, _previous);
        bool ok;
        try
        {
            ok = await _reader!.ReadFrameAsync(_current!, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException) when (_currentIndex >= 0 || _previousValid)
        {
            ok = false;   // a seek past the last frame: keep what we have
        }

        if (ok)
        {
            _previousValid = _currentIndex >= 0 && _reader!.FramesRead > 1;
            _currentIndex++;
        }
        else
        {
            (_previous, _current) = (_current, _previous);
            _ended = true;
        }
    }
}

/// <summary>
/// A clip slowed beyond the speed cap: played through the interpolation area's motion-compensated
/// <see cref="Interpolation.RetimedClipSource"/>, asked for the time into the segment (it maps that to the clip itself).
/// A blurred fill is drawn as cover here (the retimed source fits by cover or contain).
/// </summary>
internal sealed class RetimedClipReader(string path, ClipFit fit, AspectMode aspect, FrameSourceContext context) : IClipReader
{
    private readonly Interpolation.RetimedClipSource _source = new(path)
    {
        SourceStart = fit.InPoint,
        SourceDuration = fit.ClipLength - fit.InPoint,
        TargetDuration = fit.Interval,
        Mode = Interpolation.InterpolationMode.Motion,
        Fit = aspect == AspectMode.Contain ? FitMode.Contain : FitMode.Cover,
    };

    private bool _prepared;

    public async ValueTask RenderAsync(TimeSpan clipTime, bool interpolate, Frame destination, CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            await _source.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
            _prepared = true;
        }

        await _source.RenderFrameAsync(clipTime, destination, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

/// <summary>A still picture, fitted to the output once.</summary>
internal sealed class StillClipReader(string path, AspectMode aspect, VideoKitOptions options) : IClipReader
{
    private Frame? _fitted;

    public async ValueTask RenderAsync(TimeSpan clipTime, bool interpolate, Frame destination, CancellationToken cancellationToken)
    {
        if (_fitted is null || _fitted.Width != destination.Width || _fitted.Height != destination.Height)
        {
            using Frame image = await ImageFile.LoadAsync(path, options, cancellationToken).ConfigureAwait(false);
            _fitted?.Dispose();
            _fitted = new Frame(destination.Width, destination.Height, destination.Format);
            AspectFitter.Compose(image, _fitted, aspect);
        }

        _fitted.CopyTo(destination);
    }

    public ValueTask DisposeAsync()
    {
        _fitted?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A frame source the caller owns (never disposed here).</summary>
internal sealed class SourceClipReader(IFrameSource source) : IClipReader
{
    public ValueTask RenderAsync(TimeSpan clipTime, bool interpolate, Frame destination, CancellationToken cancellationToken) =>
        source.RenderFrameAsync(clipTime, destination, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
