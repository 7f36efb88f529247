using System.Collections.Concurrent;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// VP8 and VP9 keep alpha in WebM beside the picture (<c>alpha_mode=1</c>); FFmpeg's own decoders drop it, libvpx's
/// (<c>libvpx</c>, <c>libvpx-vp9</c>) read it. A clip with such alpha is decoded with libvpx when this FFmpeg has it.
/// </summary>
internal static class AlphaDecoders
{
    private static readonly ConcurrentDictionary<string, Task<IReadOnlySet<string>>> s_listed = new(StringComparer.Ordinal);

    /// <summary>The decoder to read <paramref name="video"/> with to keep its alpha, or <see langword="null"/> for FFmpeg's choice.</summary>
    public static async Task<string?> ForAsync(VideoStreamInfo video, VideoKitOptions options, CancellationToken cancellationToken)
    {
        string? name = video.AlphaMode ? video.Codec switch { "vp9" => "libvpx-vp9", "vp8" => "libvpx", _ => null } : null;
        if (name is null)
        {
            return null;
        }

        string ffmpeg = FFmpegTools.Locate(options).FFmpegPath;
        IReadOnlySet<string> decoders = await s_listed.GetOrAdd(ffmpeg, path => ListAsync(path)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return decoders.Contains(name) ? name : null;
    }

    /// <summary>Parses <c>ffmpeg -decoders</c>: the names of the video decoders.</summary>
    internal static IReadOnlySet<string> ParseDecoderList(string text) =>
        FFmpegListing.Rows(text).Where(row => row[0].Length == 6 && row[0][0] == 'V').Select(row => row[1]).ToHashSet(StringComparer.Ordinal);

    private static async Task<IReadOnlySet<string>> ListAsync(string ffmpeg)
    {
        (int exit, string stdout, _) = await HardwareEncoders.RunAsync(ffmpeg, ["-hide_banner", "-decoders"], CancellationToken.None).ConfigureAwait(false);
        return exit == 0 ? ParseDecoderList(stdout) : new HashSet<string>();
    }
}
