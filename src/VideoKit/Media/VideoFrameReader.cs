using VideoKit.Imaging;

namespace VideoKit.Media;

/// <summary>Reads decoded frames one at a time from a running FFmpeg. Dispose it to stop FFmpeg.</summary>
internal sealed class VideoFrameReader : IAsyncDisposable, IDisposable
{
    private readonly string _path;
    private readonly FFmpegProcess _process;
    private readonly VideoKitOptions? _options;
    private bool _finished;

    internal VideoFrameReader(string path, FFmpegProcess process, int width, int height, Imaging.PixelFormat pixelFormat, FrameRate sourceFrameRate, VideoKitOptions? options = null)
    {
        _path = path;
        _process = process;
        _options = options;
        process.Position = () => FramesRead;
        Width = width;
        Height = height;
        PixelFormat = pixelFormat;
        SourceFrameRate = sourceFrameRate;
    }

    /// <summary>The width of each frame.</summary>
    public int Width { get; }

    /// <summary>The height of each frame.</summary>
    public int Height { get; }

    /// <summary>The byte order of each frame.</summary>
    public Imaging.PixelFormat PixelFormat { get; }

    /// <summary>The frame rate the file declares (the output rate when one was requested is in the decode options).</summary>
    public FrameRate SourceFrameRate { get; }

    /// <summary>
    /// The presentation time of the frame read last, from the start of the file, when the reader was opened with
    /// <see cref="VideoDecodeOptions.SourceTimestamps"/> and the file has timestamps; otherwise <see langword="null"/>.
    /// Frames past the last timestamp (a decoder that yields more frames than the container lists) continue at the
    /// declared rate.
    /// </summary>
    public TimeSpan? FrameTime
    {
        get
        {
            if (Times is null || FramesRead == 0)
            {
                return null;
            }

            long k = FirstTimeIndex + FramesRead - 1;
            double seconds = k < Times.Count
                ? Times.Seconds[k]
                : Times.End + ((k - Times.Count) / Math.Max(1e-9, SourceFrameRate.IsEmpty ? 30 : SourceFrameRate.FramesPerSecond));
            return TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>The frame times of the file, when asked for.</summary>
    internal FrameTimes? Times { get; init; }

    /// <summary>The index in <see cref="Times"/> of the first frame this reader yields.</summary>
    internal int FirstTimeIndex { get; init; }

    /// <summary>The number of frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Reads the next frame into <paramref name="destination"/>.</summary>
    /// <param name="destination">A frame of <see cref="Width"/>×<see cref="Height"/> in <see cref="PixelFormat"/>.</param>
    /// <param name="cancellationToken">Stops reading and FFmpeg.</param>
    /// <returns>False at the end of the video.</returns>
    /// <exception cref="ArgumentException">The destination has the wrong size or format.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg failed to decode the file.</exception>
    /// <exception cref="DamagedMediaException">At the end: FFmpeg reported decode errors and damaged inputs are not accepted.</exception>
    public async ValueTask<bool> ReadFrameAsync(Frame destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Width != Width || destination.Height != Height || destination.Format != PixelFormat)
        {
            throw new ArgumentException($"The destination frame is {destination.Width}x{destination.Height} {destination.Format}; this reader yields {Width}x{Height} {PixelFormat}.", nameof(destination));
        }

        if (_finished)
        {
            return false;
        }

        Memory<byte> buffer = destination.Memory;
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await _process.StandardOutput.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read == buffer.Length)
        {
            FramesRead++;
            return true;
        }

        _finished = true;
        int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new UnsupportedMediaException($"'{_path}' could not be decoded as video: {_process.LastError()}.");
        }

        DamagePolicy.Check(_process, _path, Where(), _options);
        if (FramesRead == 0)
        {
            throw new UnsupportedMediaException($"'{_path}' holds no video frames in the range asked for.");
        }

        return false;
    }

    /// <summary>
    /// Reads to the end without keeping frames (an image's single frame is already read), so FFmpeg's verdict on the
    /// whole file — exit code and decode errors — is applied.
    /// </summary>
    internal async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return;
        }

        byte[] sink = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (await _process.StandardOutput.ReadAsync(sink, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(sink);
        }

        _finished = true;
        int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new UnsupportedMediaException($"'{_path}' could not be decoded: {_process.LastError()}.");
        }

        DamagePolicy.Check(_process, _path, Where(), _options);
    }

    private string Where()
    {
        long frame = _process.FirstErrorPosition;
        if (frame < 0)
        {
            return string.Empty;
        }

        if (SourceFrameRate.IsEmpty || FramesRead <= 1)
        {
            return frame == 0 ? "in its first frame" : $"near frame {frame}";
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"near frame {frame} ({SourceFrameRate.SecondsAt(frame):0.##} s)");
    }

    /// <summary>Stops FFmpeg.</summary>
    /// <returns>A task that completes when FFmpeg has exited.</returns>
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Stops FFmpeg.</summary>
    public void Dispose() => _process.Dispose();
}
