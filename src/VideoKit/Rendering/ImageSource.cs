using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// A still image, decoded and fitted to the output size once (through FFmpeg's scaler) when prepared; every frame is a
/// copy of that picture.
/// </summary>
public sealed class ImageSource : IFrameSource, IYuvStill
{
    private readonly string _path;
    private readonly object _gate = new();
    private Frame? _picture;
    private SharedFrameBuffer? _yuv;

    /// <summary>Creates a source for an image file.</summary>
    /// <param name="path">The image (PNG, JPEG, WebP, ... anything FFmpeg reads).</param>
    /// <param name="fit">How the image is fitted to the frame.</param>
    public ImageSource(string path, FitMode fit = FitMode.Cover)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        Fit = fit;
    }

    /// <inheritdoc/>
    public string Name => _path;

    /// <summary>How the image is fitted to the frame.</summary>
    public FitMode Fit { get; }

    /// <summary>
    /// Whether the picture is shown on the (opaque) video track: its transparent parts are then laid over black, as the
    /// video shows them, instead of revealing whatever colour a transparent pixel happens to hold. Overlays keep alpha.
    /// </summary>
    internal bool Opaque { get; init; }

    /// <inheritdoc/>
    public TimeSpan? Duration => null;

    /// <inheritdoc/>
    public bool SupportsConcurrentFrames => true;

    /// <inheritdoc/>
    /// <exception cref="FileNotFoundException">The image does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot read the file as an image.</exception>
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await DisposeAsync().ConfigureAwait(false);
        string full = MediaPath.ExistingInput(_path, "image");
        FFmpegTools tools = FFmpegTools.Locate(context.Options);
        string? upright = ImageOrientation.Filter(ImageOrientation.Read(full)); // a phone photo's EXIF turn, before fitting
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error", .. MediaPath.LiteralInputOptions(full), .. (string[])(upright is null ? [] : ["-noautorotate"]), "-i", full,
            "-map", "0:v:0", "-frames:v", "1", "-vf", (upright is null ? string.Empty : upright + ",") + FitFilter.Build(Fit, context.OutputSize), "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1",
        ];
        var picture = new Frame(context.OutputSize.Width, context.OutputSize.Height);
        try
        {
            await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken);
            int read = await ReadFullyAsync(process.StandardOutput, picture.Memory, cancellationToken).ConfigureAwait(false);
            int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exit != 0 || read < picture.Length)
            {
                string why = new FileInfo(full).Length == 0 ? "it is empty (0 bytes)"
                    : exit != 0 && await HoldsPictureAsync(full, context.Options, cancellationToken).ConfigureAwait(false) ? process.LastError()
                    : "it holds no picture";
                throw new UnsupportedMediaException($"'{_path}' is not an image FFmpeg can read: {why}.");
            }

            DamagePolicy.Check(process, _path, string.Empty, context.Options);
            if (Opaque)
            {
                FlattenOverBlack(picture.Span);
            }
        }
        catch
        {
            picture.Dispose();
            throw;
        }

        _picture = picture;
    }

    /// <summary>
    /// Whether the probe sees a picture with a size: a corrupt file (bad signature, truncated) probes as a video stream
    /// of width 0, and FFmpeg's own last line for it ("Error marking filters as finished") says nothing useful.
    /// </summary>
    private static async Task<bool> HoldsPictureAsync(string path, VideoKitOptions options, CancellationToken cancellationToken)
    {
        try
        {
            MediaInfo info = await MediaProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
            return info.PrimaryVideo is { Width: > 0 };
        }
        catch (UnsupportedMediaException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Frame picture = _picture ?? throw new InvalidOperationException($"The image source '{_path}' was not prepared.");
        picture.Span.CopyTo(destination.Span);
        if (destination.Format == PixelFormat.Bgra32)
        {
            PixelConverter.SwapRedBlue(destination.Span);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _yuv?.Release();
            _yuv = null;
        }

        Interlocked.Exchange(ref _picture, null)?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The picture as yuv420p, converted once; the caller gets a reference to release.</summary>
    SharedFrameBuffer IYuvStill.GetYuv420() => GetYuv420();

    internal SharedFrameBuffer GetYuv420()
    {
        lock (_gate)
        {
            if (_yuv is null)
            {
                Frame picture = _picture ?? throw new InvalidOperationException($"The image source '{_path}' was not prepared.");
                var yuv = SharedFrameBuffer.Rent(YuvConverter.FrameSize(picture.Width, picture.Height));
                YuvConverter.Convert(picture, yuv.Span);
                _yuv = yuv;
            }

            return _yuv.AddReference();
        }
    }

    /// <summary>Lays RGBA pixels over black: colour scaled by alpha, alpha made opaque (what the encoded video shows).</summary>
    internal static void FlattenOverBlack(Span<byte> rgba)
    {
        for (int i = 3; i < rgba.Length; i += 4)
        {
            int a = rgba[i];
            if (a != 255)
            {
                rgba[i - 3] = (byte)(((rgba[i - 3] * a) + 127) / 255);
                rgba[i - 2] = (byte)(((rgba[i - 2] * a) + 127) / 255);
                rgba[i - 1] = (byte)(((rgba[i - 1] * a) + 127) / 255);
                rgba[i] = 255;
            }
        }
    }

    internal static async Task<int> ReadFullyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }
}
