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
        SourceRange range = await MeasureAsync(path, start, duration, options, cancellationToken).ConfigureAwait(false);
        VideoFrameReader reader = await VideoDecoder.OpenAsync(path, range.Info, new VideoDecodeOptions { Start = range.DecodeStart, Size = size, KnownTimes = range.Times }, options, cancellationToken).ConfigureAwait(false);
        return new SourceFrameWindow(path, start, range.FrameLimit, size, options, reader, range.Times, range.FirstTime, range.Duration);
    }

    /// <summary>
    /// Probes what a window over <paramref name="path"/> from <paramref name="start"/> would read, without starting a
    /// decoder: the source rate, the frame times of a variable-rate source, the frame limit, the range's length and,
    /// where the container says, how many frames the range holds.
    /// </summary>
    public static async Task<SourceRange> MeasureAsync(string path, TimeSpan start, TimeSpan? duration, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        MediaInfo info = await MediaProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo ?? throw new UnsupportedMediaException($"'{path}' has no video stream.");
        FrameRate rate = video.FrameRate;
        if (rate.IsEmpty || rate.FramesPerSecond <= 0)
        {
            throw new UnsupportedMediaException($"'{path}' does not declare a frame rate, so its frames cannot be retimed.");
        }

        FrameTimes? probed = await FrameTimes.ProbeAsync(Path.GetFullPath(path), rate, options, cancellationToken).ConfigureAwait(false);
        FrameTimes? times = probed is { IsVariable: true } ? probed : null;
        double startSeconds = start.TotalSeconds;
        if (times is not null)
        {
            int firstTime = times.FirstAtOrAfter(startSeconds);
            double end = duration is { } d ? Math.Min(times.End, startSeconds + d.TotalSeconds) : times.End;
            long limit = Math.Max(1, times.FirstAtOrAfter(end) - firstTime);
            return new SourceRange(info, rate, times, firstTime, limit, Math.Max(0, end - startSeconds), Math.Min(limit, times.Count - firstTime), TimeSpan.FromSeconds(times.SeekTimeFor(firstTime)));
        }

        long frameLimit = duration is { } d1 ? Math.Max(1, rate.FrameCountFor(d1)) : long.MaxValue;
        TimeSpan fileDuration = info.Duration > TimeSpan.Zero ? info.Duration : video.Duration;
        double rangeDuration = duration is { } d2 ? d2.TotalSeconds : Math.Max(0, (fileDuration - start).TotalSeconds);
        // Frames are decoded as they are stored (no rate conversion): the packet count from the start is the frame count.
        long? frames = probed is not null ? Math.Max(0, probed.Count - probed.FirstAtOrAfter(startSeconds))
            : video.FrameCount > 0 && start <= TimeSpan.Zero ? video.FrameCount
            : null;
        return new SourceRange(info, rate, null, 0, frameLimit, rangeDuration, frames is { } n ? Math.Min(n, frameLimit) : null, start);
    }

    /// <summary>
    /// The fractional frame index (from the range start) that output frame <paramref name="outputFrame"/> at
    /// <paramref name="outputRate"/> shows under <paramref name="speed"/>: by the declared rate (exact rational maths for
    /// a constant speed), or for a variable-rate source by the frames' timestamps. The one definition of frame placement
    /// for <see cref="Retimer"/> and <see cref="RetimedClipSource"/>.
    /// </summary>
    public double PositionOf(long outputFrame, FrameRate outputRate, SpeedCurve speed) =>
        _times is null
            ? DeclaredRatePosition(outputFrame, outputRate, SourceRate, speed)
            : PositionAt(Math.Max(0, speed.SourceSecondsAt(outputRate.SecondsAt(outputFrame))));

    /// <summary>
    /// The fractional source frame index that output frame <paramref name="outputFrame"/> shows when source frame k is at
    /// k / <paramref name="sourceRate"/>: for a constant speed i · speed · (source fps / output fps) in one rounding step,
    /// else the speed curve's source time × source fps. Snapped to whole frames within 10⁻⁶.
    /// </summary>
    public static double DeclaredRatePosition(long outputFrame, FrameRate outputRate, FrameRate sourceRate, SpeedCurve speed)
    {
        double position = speed.IsConstant
            ? outputFrame * speed.SpeedAtSeconds(0) * ((double)sourceRate.Numerator * outputRate.Denominator) / ((double)sourceRate.Denominator * outputRate.Numerator)
            : Math.Max(0, speed.SourceSecondsAt(outputRate.SecondsAt(outputFrame))) * sourceRate.FramesPerSecond;
        return Snap(position);
    }

    /// <summary>
    /// The number of output frames before the first whose position reaches <paramref name="sourceFrames"/> (a frame the
    /// range does not have): the length of a retiming that ends when its source does.
    /// </summary>
    public static long FramesBefore(long sourceFrames, Func<long, double> positionOf)
    {
        if (sourceFrames <= 0)
        {
            return 0;
        }

        long hi = 1;
        while (positionOf(hi) < sourceFrames)
        {
            hi *= 2;
        }

        long lo = 0; // positionOf(lo) < sourceFrames <= positionOf(hi); positions never decrease
        while (hi - lo > 1)
        {
            long mid = lo + ((hi - lo) / 2);
            if (positionOf(mid) < sourceFrames)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    private static double Snap(double position)
    {
        double whole = Math.Round(position);
        return Math.Abs(position - whole) < 1e-6 ? whole : position;
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

        return Snap(position);
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

/// <summary>What a <see cref="SourceFrameWindow"/> over a range reads (see <see cref="SourceFrameWindow.MeasureAsync"/>).</summary>
/// <param name="Info">The probed file.</param>
/// <param name="SourceRate">The declared frame rate.</param>
/// <param name="Times">The frame times of a variable-rate source, else <see langword="null"/>.</param>
/// <param name="FirstTime">The index in <paramref name="Times"/> of the range's first frame.</param>
/// <param name="FrameLimit">The most frames the range may read.</param>
/// <param name="Duration">The range's length in seconds.</param>
/// <param name="FrameCount">How many frames the range holds, when the container says (its packets), else <see langword="null"/>.</param>
/// <param name="DecodeStart">Where the decoder starts.</param>
internal sealed record SourceRange(MediaInfo Info, FrameRate SourceRate, FrameTimes? Times, int FirstTime, long FrameLimit, double Duration, long? FrameCount, TimeSpan DecodeStart);
