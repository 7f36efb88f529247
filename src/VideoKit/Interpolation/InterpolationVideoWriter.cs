using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Interpolation;

/// <summary>
/// A minimal encoder for the interpolation commands: raw frames on FFmpeg's standard input, the codec chosen by the
/// output's extension (.mkv with <c>lossless</c> writes FFV1 RGB so results can be measured). The file appears only when
/// complete. Temporary: replaced by the shared frame writer of <c>VideoKit.Rendering</c> once it exists.
/// </summary>
internal sealed class InterpolationVideoWriter : IAsyncDisposable
{
    private readonly FFmpegProcess _process;
    private readonly string _temp;
    private readonly string _full;
    private readonly string _displayPath;
    private bool _completed;

    private InterpolationVideoWriter(FFmpegProcess process, string temp, string full, string displayPath)
    {
        _process = process;
        _temp = temp;
        _full = full;
        _displayPath = displayPath;
    }

    public long FramesWritten { get; private set; }

    public static InterpolationVideoWriter Open(string path, int width, int height, PixelFormat format, FrameRate rate, bool lossless, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        string full = MediaPath.Output(path);
        IReadOnlyList<string> codec = CodecArguments(path, lossless);
        FFmpegTools tools = FFmpegTools.Locate(options);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of the output '{path}' does not exist.");
        }

        string temp = Path.Combine(folder ?? ".", "." + Path.GetFileNameWithoutExtension(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp" + Path.GetExtension(full));
        List<string> args =
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-f", "rawvideo", "-pix_fmt", format == PixelFormat.Bgra32 ? "bgra" : "rgba",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", rate.ToString(),
            "-i", "pipe:0",
            .. codec,
            "-y", temp,
        ];
        FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken, redirectInput: true);
        return new InterpolationVideoWriter(process, temp, full, path);
    }

    /// <summary>The codec arguments for an output file name.</summary>
    /// <exception cref="ArgumentException">The extension is not a video container VideoKit writes, or lossless is asked for outside .mkv.</exception>
    internal static IReadOnlyList<string> CodecArguments(string path, bool lossless)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (lossless)
        {
            return ext == ".mkv"
                ? ["-c:v", "ffv1", "-level", "3", "-pix_fmt", "bgr0"]
                : throw new ArgumentException($"Lossless output needs a .mkv file (FFV1); '{path}' is {(ext.Length == 0 ? "without extension" : ext)}.");
        }

        return ext switch
        {
            ".mp4" or ".mov" or ".mkv" => ["-c:v", "libx264", "-preset", "medium", "-crf", "18", "-pix_fmt", "yuv420p", .. (ext == ".mkv" ? Array.Empty<string>() : ["-movflags", "+faststart"])],
            ".webm" => ["-c:v", "libvpx-vp9", "-crf", "30", "-b:v", "0", "-pix_fmt", "yuv420p"],
            ".avi" => ["-c:v", "mjpeg", "-q:v", "3", "-pix_fmt", "yuvj420p"],
            _ => throw new ArgumentException($"Cannot write video to '{path}': the extension '{ext}' is not one of .mp4, .mov, .mkv, .webm, .avi."),
        };
    }

    public async ValueTask WriteAsync(Frame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw new MediaProcessingException($"FFmpeg stopped while writing '{_displayPath}': {_process.LastError()}.", exit, _process.StandardErrorTail, ex);
        }

        FramesWritten++;
    }

    /// <summary>Finishes the file and moves it into place.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // FFmpeg exited early; its exit code says why.
        }

        _process.StandardInput.Close();
        int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exit != 0 || !File.Exists(_temp))
        {
            throw new MediaProcessingException($"FFmpeg could not write '{_displayPath}': {_process.LastError()}.", exit, _process.StandardErrorTail);
        }

        File.Move(_temp, _full, overwrite: true);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        if (!_completed && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }
}
