using System.Collections.Concurrent;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// Which pixel formats an output may ask for, as this machine's FFmpeg says: the names it knows (<c>ffmpeg -pix_fmts</c>)
/// and the ones an encoder takes (<c>ffmpeg -h encoder=NAME</c>, "Supported pixel formats"). Asked once per FFmpeg and
/// encoder, so a project with a bad <c>output.pixelFormat</c> is refused when it is loaded, not seconds into FFmpeg.
/// </summary>
internal static class EncoderPixelFormats
{
    private static readonly ConcurrentDictionary<(string FFmpeg, string? Encoder), Task<IReadOnlyList<string>>> s_lists = new();

    /// <summary>
    /// What is wrong with <paramref name="pixelFormat"/> for <paramref name="encoder"/> (a software encoder's name, or
    /// <see langword="null"/> when the encoder is chosen at render time), or <see langword="null"/> when it is fine or
    /// FFmpeg gave no list to check against.
    /// </summary>
    public static async Task<string?> ProblemAsync(string pixelFormat, string? encoder, VideoKitOptions options, CancellationToken cancellationToken)
    {
        string ffmpeg = FFmpegTools.Locate(options).FFmpegPath;
        IReadOnlyList<string> known = await ListAsync(ffmpeg, null, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> taken = encoder is null ? [] : await ListAsync(ffmpeg, encoder, cancellationToken).ConfigureAwait(false);
        string allowed = taken.Count > 0 ? $"{encoder} takes {string.Join(", ", taken)}" : "see 'ffmpeg -pix_fmts'";
        if (known.Count > 0 && !known.Contains(pixelFormat, StringComparer.Ordinal))
        {
            return $"\"{pixelFormat}\" is not a pixel format FFmpeg knows; {allowed}";
        }

        if (taken.Count > 0 && !taken.Contains(pixelFormat, StringComparer.Ordinal))
        {
            // FFmpeg would not fail here: it would pick another format with a warning, and the file would not be what was asked for.
            return $"{encoder} cannot encode \"{pixelFormat}\" (FFmpeg would silently substitute another format); {allowed}";
        }

        return null;
    }

    /// <summary>Parses <c>ffmpeg -pix_fmts</c>: the names after the dashed line (flags, name, components, bits).</summary>
    public static IReadOnlyList<string> ParseKnown(string text) => [.. FFmpegListing.Rows(text).Select(row => row[1])];

    /// <summary>Parses <c>ffmpeg -h encoder=NAME</c>: the names on its "Supported pixel formats:" line.</summary>
    public static IReadOnlyList<string> ParseSupported(string text)
    {
        const string Label = "Supported pixel formats:";
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith(Label, StringComparison.Ordinal))
            {
                return line[Label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        return [];
    }

    private static Task<IReadOnlyList<string>> ListAsync(string ffmpeg, string? encoder, CancellationToken cancellationToken) =>
        s_lists.GetOrAdd((ffmpeg, encoder), key => ListCoreAsync(key.FFmpeg, key.Encoder)).WaitAsync(cancellationToken);

    private static async Task<IReadOnlyList<string>> ListCoreAsync(string ffmpeg, string? encoder)
    {
        string[] args = encoder is null ? ["-hide_banner", "-pix_fmts"] : ["-hide_banner", "-h", "encoder=" + encoder];
        (int exit, string stdout, _) = await HardwareEncoders.RunAsync(ffmpeg, args, CancellationToken.None).ConfigureAwait(false);
        return exit != 0 ? [] : encoder is null ? ParseKnown(stdout) : ParseSupported(stdout);
    }
}
