using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Text;

namespace VideoKit.Rendering;

/// <summary>
/// Burns a render's text into one composed frame: the same ASS scripts and the same <c>ass</c> filter the encode runs,
/// on that frame alone, with its timestamp moved to the frame's place in the video so libass sees the time the render
/// shows it at (karaoke sweeps and fades are computed from that time).
/// </summary>
internal static class TextStill
{
    /// <summary>Draws <paramref name="scripts"/> into <paramref name="frame"/> (in place) as frame
    /// <paramref name="index"/> of a video at <paramref name="rate"/>; libass's missing-glyph lines go to
    /// <paramref name="glyphs"/>.</summary>
    public static async Task BurnAsync(Frame frame, long index, FrameRate rate, IReadOnlyList<string> scripts, string? fontsFolder, VideoKitOptions options, MissingGlyphs glyphs, CancellationToken cancellationToken)
    {
        FFmpegTools tools = FFmpegTools.Locate(options);
        string format = frame.Format == Imaging.PixelFormat.Bgra32 ? "bgra" : "rgba";
        // The raw input's time base is 1/rate, so the frame's index is its timestamp in the whole video, exactly as
        // the encoder numbers it.
        var filters = new List<string> { string.Create(CultureInfo.InvariantCulture, $"setpts=PTS+{index}") };
        filters.AddRange(scripts.Select(s => SubtitleFilter.Build(s, fontsFolder)));
        string[] args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "warning",
            "-f", "rawvideo", "-pix_fmt", format, "-s", string.Create(CultureInfo.InvariantCulture, $"{frame.Width}x{frame.Height}"), "-framerate", rate.ToString(),
            "-i", "pipe:0", "-vf", string.Join(',', filters), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", format, "pipe:1",
        ];
        // The fonts folder joins fontconfig's catalogue for fallback, as in the encode (FontConfiguration).
        string? fontConfig = fontsFolder is null ? null : FontConfiguration.WriteTemporary(fontsFolder, options.GetTemporaryFolder());
        try
        {
            await RunAsync(frame, tools.FFmpegPath, args, fontConfig, glyphs, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            FontConfiguration.Delete(fontConfig);
        }
    }

    private static async Task RunAsync(Frame frame, string ffmpeg, string[] args, string? fontConfig, MissingGlyphs glyphs, CancellationToken cancellationToken)
    {
        await using FFmpegProcess process = FFmpegProcess.Start(ffmpeg, args, cancellationToken, redirectInput: true, divert: glyphs.Observe, fontConfig: fontConfig);
        byte[] result = new byte[frame.Length];
        Task<int> read = ImageSource.ReadFullyAsync(process.StandardOutput, result, cancellationToken);
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
        int got = await read.ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (exit != 0 || got != result.Length)
        {
            throw new MediaProcessingException($"FFmpeg could not draw the text on the frame: {process.LastError()}.", exit, process.StandardErrorTail);
        }

        result.CopyTo(frame.Span);
    }
}
