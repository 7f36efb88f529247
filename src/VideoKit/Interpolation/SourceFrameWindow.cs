using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Interpolation;

/// <summary>
/// Two consecutive decoded source frames, k and k + 1, over a forward-only decoder; moving to a later k reads on, moving
/// back reopens the decoder at the frame's time. Frames are counted in decoder order from the range start. Where they are
/// in time comes from the container's timestamps when those describe a variable frame rate (<see cref="FrameTimes"/>);
/// otherwise frame k is at k / declared rate, so constant-rate files with quantised or broken timestamps still retime
/// exactly.
/// </summary>
internal sealed class SourceFrameWindow : IAsyncDisposable
{
    private readonly string _path;
    private readonly TimeSpan _start;
    private readonly long _frameLimit;
    private readonly Resolution? _size;
    private readonly VideoKitOptions? _options;
    private readonly FrameTimes? _times;
    private readonly int _firstTime;
    private VideoFrameReader? _reader;
    private long _nextToRead;
    private Frame? _current;
    private Frame? _next;
    private bool _ended;

    private SourceFrameWindow(string path, TimeSpan start, long frameLimit, Resolution? size, VideoKitOptions? options, VideoFrameReader reader, FrameTimes? times, int firstTime, double duration)
    {
        _times = times;
        _firstTime = firstTime;
        Duration = duration;
        _path = path;
        _start = start;
        _frameLimit = frameLimit;
        _size = size;
        _options = options;
        _reader = reader;
        SourceRate = reader.SourceFrameRate;
        Width = reader.Width;
        Height = reader.Height;
    }

    public FrameRate SourceRate { get; }

    /// <summary>True when frames are placed by their own timestamps (a variable-frame-rate source).</summary>
    public bool UsesTimestamps => _times is not null;

    /// <summary>The length of the source range in seconds (the rest of the file when no duration was given).</summary>
    public double Duration { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The index of <see cref="Current"/> (−1 before the first move).</summary>
    public long Index { get; private set; } = -1;

    /// <summary>Frame <see cref="Index"/>.</summary>
    public Frame Current => _current ?? throw new InvalidOperationException("No frame has been read yet.");

    /// <summary>Frame <see cref="Index"/> + 1, or <see langword="null"/> when the source (or its range) ends there.</summary>
    public Frame? Next => _next;

    /// <summary>The number of frames the source turned out to have (known once the end was reached), else null.</summary>
    public long? FrameCount { get; private set; }

    public static async Task<SourceFrameWindow> OpenAsync(string path, TimeSpan start, TimeSpan? duration, Resolution? size, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        MediaInfo info = await MediaProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{path}' has no video stream.");
        FrameRate rate = video.FrameRate;
        if (rate.IsEmpty || rate.FramesPerSecond <= 0)
        {
            throw new UnsupportedMediaException($"'{path}' does not declare a frame rate, so its frames cannot be retimed.");
        }

        FrameTimes? times = await FrameTimes.ProbeAsync(Path.GetFullPath(path), rate, options, cancellationToken).ConfigureAwait(false);
        if (times is { IsVariable: false })
        {
            times = null;
        }

        double startSeconds = start.TotalSeconds;
        int firstTime = 0;
        long limit;
        double rangeDuration;
        TimeSpan decodeStart = start;
        if (times is not null)
        {
            firstTime = times.FirstAtOrAfter(startSeconds);
            double end = duration is { } d ? Math.Min(times.End, startSeconds + d.TotalSeconds) : times.End;
            limit = Math.Max(1, times.FirstAtOrAfter(end) - firstTime);
            rangeDuration = Math.Max(0, end - startSeconds);
            decodeStart = TimeSpan.FromSeconds(times.SeekTimeFor(firstTime));
        }
        else
        {
            limit = duration is { } d ? Math.Max(1, rate.FrameCountFor(d)) : long.MaxValue;
            TimeSpan fileDuration = info.Duration > TimeSpan.Zero ? info.Duration : video.Duration;
            rangeDuration = duration is { } d2 ? d2.TotalSeconds : Math.Max(0, (fileDuration - start).TotalSeconds);
        }

        VideoFrameReader reader = await VideoDecoder.OpenAsync(path, info, new VideoDecodeOptions { Start = decodeStart, Size = size, KnownTimes = times }, options, cancellationToken).ConfigureAwait(false);
        return new SourceFrameWindow(path, start, limit, size, options, reader, times, firstTime, rangeDuration);
    }

    /// <summary>
    /// The fractional frame index (from the range start) shown at <paramref name="seconds"/> into the range: by the
    /// declared rate, or for a variable-rate source between the two frames whose timestamps enclose that time.
    /// Snapped to whole frames within 10⁻⁶.
    /// </summary>
    public double PositionAt(double seconds)
    {
        double position;
        if (_times is null)
        {
            position = seconds * SourceRate.FramesPerSecond;
        }
        else
        {
            double t = _start.TotalSeconds + seconds;
            double[] s = _times.Seconds;
            long last = Math.Min(s.Length, _firstTime + _frameLimit) - 1;
            int i = Array.BinarySearch(s, t);
            int j = i >= 0 ? i : ~i - 1;          // the last frame at or before t
            if (j < _firstTime)
            {
                position = 0;                       // before the range's first frame: hold it
            }
            else if (j >= last)
            {
                position = last - _firstTime;
            }
            else
            {
                position = j - _firstTime + ((t - s[j]) / (s[j + 1] - s[j]));
            }
        }

        double whole = Math.Round(position);
        return Math.Abs(position - whole) < 1e-6 ? whole : position;
    }

    /// <summary>Moves the window so <see cref="Current"/> is frame <paramref name="k"/>; false when the source has no frame k.</summary>
    public async ValueTask<bool> MoveToAsync(long k, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == Index)
        {
            return true;
        }

        if (k < Index)
        {
            await ReopenAsync(k, cancellationToken).ConfigureAwait(false);
        }

        while (Index < k)
        {
            if (_next is null && Index >= 0)
            {
                FrameCount ??= Index + 1;
                return false;
            }

            Frame? previous = _current;
            if (Index >= 0)
            {
                _current = _next;
                _next = null;
                previous?.Dispose();
            }
            else
            {
                _current = await ReadAsync(cancellationToken).ConfigureAwait(false);
                if (_current is null)
                {
                    FrameCount ??= _nextToRead == 0 ? 0 : _nextToRead;
                    return false;
                }
            }

            Index++;
            _next = await ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_next is null)
        {
            FrameCount ??= Index + 1;
        }

        return true;
    }

    private async ValueTask<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_ended || _reader is null || _nextToRead >= _frameLimit)
        {
            return null;
        }

        var frame = new Frame(Width, Height, _reader.PixelFormat);
        try
        {
            if (await _reader.ReadFrameAsync(frame, cancellationToken).ConfigureAwait(false))
            {
                _nextToRead++;
                return frame;
            }
        }
        catch
        {
            frame.Dispose();
            throw;
        }

        frame.Dispose();
        _ended = true;
        return null;
    }

    private async ValueTask ReopenAsync(long k, CancellationToken cancellationToken)
    {
        await CloseAsync().ConfigureAwait(false);
        TimeSpan at = _times is null ? _start + SourceRate.TimeAt(k) : TimeSpan.FromSeconds(_times.SeekTimeFor((int)Math.Min(_times.Count - 1, _firstTime + k)));
        _reader = await VideoDecoder.OpenAsync(_path, new VideoDecodeOptions { Start = at, Size = _size, KnownTimes = _times }, _options, cancellationToken).ConfigureAwait(false);
        _nextToRead = k;
        _ended = false;
        Index = k - 1;
        _current = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_current is null)
        {
            FrameCount ??= k;
            Index = -1;
            return;
        }

        _next = await ReadAsync(cancellationToken).ConfigureAwait(false);
        Index = k;
    }

    private async ValueTask CloseAsync()
    {
        _current?.Dispose();
        _next?.Dispose();
        _current = _next = null;
        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
            _reader = null;
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
