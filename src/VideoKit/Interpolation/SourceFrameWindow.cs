using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Interpolation;

/// <summary>
/// Two consecutive decoded source frames, k and k + 1, over a forward-only decoder; moving to a later k reads on, moving
/// back reopens the decoder at the frame's time. Frames are counted in decoder order from the range start, so files whose
/// container timestamps are broken still retime correctly.
/// </summary>
internal sealed class SourceFrameWindow : IAsyncDisposable
{
    private readonly string _path;
    private readonly TimeSpan _start;
    private readonly long _frameLimit;
    private readonly Resolution? _size;
    private readonly VideoKitOptions? _options;
    private VideoFrameReader? _reader;
    private long _nextToRead;
    private Frame? _current;
    private Frame? _next;
    private bool _ended;

    private SourceFrameWindow(string path, TimeSpan start, long frameLimit, Resolution? size, VideoKitOptions? options, VideoFrameReader reader)
    {
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
        VideoFrameReader reader = await VideoDecoder.OpenAsync(path, new VideoDecodeOptions { Start = start, Size = size }, options, cancellationToken).ConfigureAwait(false);
        FrameRate rate = reader.SourceFrameRate;
        if (rate.IsEmpty || rate.FramesPerSecond <= 0)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw new UnsupportedMediaException($"'{path}' does not declare a frame rate, so its frames cannot be retimed.");
        }

        long limit = duration is { } d ? Math.Max(1, rate.FrameCountFor(d)) : long.MaxValue;
        return new SourceFrameWindow(path, start, limit, size, options, reader);
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
        TimeSpan at = _start + SourceRate.TimeAt(k);
        _reader = await VideoDecoder.OpenAsync(_path, new VideoDecodeOptions { Start = at, Size = _size }, _options, cancellationToken).ConfigureAwait(false);
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
