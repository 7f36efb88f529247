using System.Globalization;
using VideoKit.Imaging;

namespace VideoKit.Media;

/// <summary>Loads still images into frames and saves frames as images, both through FFmpeg.</summary>
public static class ImageFile
{
    /// <summary>Decodes a still image (PNG, JPEG, WebP, … anything FFmpeg reads) at its own size.</summary>
    /// <param name="path">The image.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>A pooled frame the caller disposes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot read the file as an image.</exception>
    public static Task<Frame> LoadAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default) =>
        LoadAsync(path, size: null, options, cancellationToken);

    /// <summary>Decodes a still image, scaled (bicubic, ignoring aspect) to <paramref name="size"/> when given.</summary>
    /// <param name="path">The image.</param>
    /// <param name="size">The output size, or <see langword="null"/> for the image's own size.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>A pooled frame the caller disposes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot read the file as an image.</exception>
    public static async Task<Frame> LoadAsync(string path, Resolution? size, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        MediaPath.ExistingInput(path, "image");
        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException ex)
        {
            throw new UnsupportedMediaException($"'{path}' is not an image FFmpeg can read.", ex);
        }

        if (info.PrimaryVideo is null || info.PrimaryVideo.Width <= 0)
        {
            throw new UnsupportedMediaException($"'{path}' is not an image FFmpeg can read: it holds no picture.");
        }

        var decode = new VideoDecodeOptions { Size = size };
        try
        {
            await using VideoFrameReader reader = await VideoDecoder.OpenAsync(path, info, decode, options, cancellationToken).ConfigureAwait(false);
            var frame = new Frame(reader.Width, reader.Height);
            try
            {
                if (!await reader.ReadFrameAsync(frame, cancellationToken).ConfigureAwait(false))
                {
                    throw new UnsupportedMediaException($"'{path}' is not an image FFmpeg can read: it decoded to no picture.");
                }

                await reader.FinishAsync(cancellationToken).ConfigureAwait(false);

                return frame;
            }
            catch
            {
                frame.Dispose();
                throw;
            }
        }
        catch (UnsupportedMediaException ex) when (!ex.Message.StartsWith('\'' + path + "' is not an image", StringComparison.Ordinal))
        {
            throw new UnsupportedMediaException($"'{path}' is not an image FFmpeg can read: {ex.Message}", ex);
        }
    }

    /// <summary>Encodes a frame as an image; the format follows the extension (.png, .jpg, .webp, .bmp, …).
    /// The file appears only when complete; an existing file is replaced.</summary>
    /// <param name="frame">The frame to save.</param>
    /// <param name="path">The image file to write.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentException">The extension is not a picture format FFmpeg writes (.png, .jpg, .bmp, .tiff, .webp, ...).</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed to write the file.</exception>
    public static Task SaveAsync(Frame frame, string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default) =>
        SaveAsync(frame, path, overwrite: true, inputs: null, options, cancellationToken);

    /// <summary>Saves by the write rule: an existing file only with <paramref name="overwrite"/>, never an input.</summary>
    internal static async Task SaveAsync(Frame frame, string path, bool overwrite, IEnumerable<string>? inputs, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        CheckExtension(path);
        string full = OutputFile.Check(path, overwrite, inputs);
        FFmpegTools tools = FFmpegTools.Locate(options);
        string temp = OutputFile.TempPath(full);
        string[] args =
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-f", "rawvideo", "-pix_fmt", frame.Format == Imaging.PixelFormat.Bgra32 ? "bgra" : "rgba",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{frame.Width}x{frame.Height}"),
            "-i", "pipe:0", "-frames:v", "1", "-update", "1", "-y", temp,
        ];
        try
        {
            await using (FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken, redirectInput: true))
            {
                try
                {
                    await process.StandardInput.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
                    await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // FFmpeg exited early; its exit code and error say why.
                }

                process.StandardInput.Close();
                int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (exit != 0 || !File.Exists(temp))
                {
                    throw new MediaProcessingException($"FFmpeg could not write the image '{path}': {Rendering.VideoEncoder.NameTheOutput(process.LastError(), temp, full)}.", exit, process.StandardErrorTail);
                }
            }

            OutputFile.Commit(temp, full, overwrite, path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The extensions FFmpeg writes a single picture to (its image2 muxer picks the encoder by them).</summary>
    private static readonly HashSet<string> s_writable = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".ppm", ".pgm", ".pam", ".tga", ".gif", ".qoi",
    };

    /// <summary>Refuses, before any work, an output whose extension is not a picture format (an .mp4, a .json, none).</summary>
    /// <exception cref="ArgumentException">The extension is not one FFmpeg writes a picture to.</exception>
    internal static void CheckExtension(string path)
    {
        string ext = Path.GetExtension(path);
        if (!s_writable.Contains(ext))
        {
            throw new ArgumentException($"'{path}' {(ext.Length == 0 ? "has no extension" : $"has the extension '{ext}', which is not a picture format")}; write the image to .png, .jpg, .bmp, .tiff or .webp.");
        }
    }
}
