using System.Globalization;
using VideoKit.Imaging;

namespace VideoKit.Media;

/// <summary>Decodes video to raw frames through FFmpeg, streaming: memory holds one frame, whatever the clip's length.</summary>
internal static class VideoDecoder
{
    /// <summary>Opens a video (or a still image) for reading frames.</summary>
    /// <param name="path">The clip.</param>
    /// <param name="decodeOptions">Start, duration, size and rate; <see langword="null"/> for every frame at display size.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>A reader the caller disposes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The file has no video stream or FFmpeg cannot read it.</exception>
    /// <exception cref="FFmpegNotFoundException">FFmpeg is not installed.</exception>
    public static Task<VideoFrameReader> OpenAsync(string path, VideoDecodeOptions? decodeOptions = null, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        string full = MediaPath.ExistingInput(path, "video file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        return OpenCoreAsync(path, full, decodeOptions ?? new VideoDecodeOptions(), options, tools, known: null, cancellationToken);
    }

    /// <summary>Opens a file already probed (saves starting FFprobe a second time).</summary>
    internal static Task<VideoFrameReader> OpenAsync(string path, MediaInfo known, VideoDecodeOptions decodeOptions, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        string full = MediaPath.ExistingInput(path, "video file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        return OpenCoreAsync(path, full, decodeOptions, options, tools, known, cancellationToken);
    }

    /// <summary>Decodes every frame of a clip, yielding pooled frames the caller disposes.</summary>
    /// <param name="path">The clip.</param>
    /// <param name="decodeOptions">Start, duration, size and rate; <see langword="null"/> for every frame at display size.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFmpeg.</param>
    /// <returns>The frames in order.</returns>
    public static async IAsyncEnumerable<Frame> ReadFramesAsync(string path, VideoDecodeOptions? decodeOptions = null, VideoKitOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using VideoFrameReader reader = await OpenAsync(path, decodeOptions, options, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var frame = new Frame(reader.Width, reader.Height, reader.PixelFormat);
            bool ok;
            try
            {
                ok = await reader.ReadFrameAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                frame.Dispose();
                throw;
            }

            if (!ok)
            {
                frame.Dispose();
                yield break;
            }

            yield return frame;
        }
    }

    internal static IReadOnlyList<string> BuildArguments(string fullPath, VideoDecodeOptions o, int width, int height, int orientation = 1)
    {
        string? upright = ImageOrientation.Filter(orientation);
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        if (o.Start > TimeSpan.Zero)
        {
            args.Add("-ss");
            args.Add(Seconds(o.Start));
        }

        args.AddRange(MediaPath.LiteralInputOptions(fullPath));
        if (upright is not null)
        {
            args.Add("-noautorotate"); // the EXIF turn is applied below, once (a newer FFmpeg may apply it itself)
        }

        args.Add("-i");
        args.Add(fullPath);
        if (o.Duration is { } duration)
        {
            args.Add("-t");
            args.Add(Seconds(duration));
        }

        args.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn"]);
        string filters = string.Create(CultureInfo.InvariantCulture, $"{(upright is null ? string.Empty : upright + ",")}scale={width}:{height}:flags=bicubic,setsar=1");
        if (o.FrameRate is { } rate)
        {
            filters = $"{filters},fps={rate}";
            args.AddRange(["-vf", filters, "-fps_mode", "cfr"]);
        }
        else
        {
            args.AddRange(["-vf", filters, "-fps_mode", "passthrough"]);
        }

        args.AddRange(["-f", "rawvideo", "-pix_fmt", o.PixelFormat == Imaging.PixelFormat.Bgra32 ? "bgra" : "rgba", "pipe:1"]);
        return args;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static async Task<VideoFrameReader> OpenCoreAsync(string displayPath, string full, VideoDecodeOptions o, VideoKitOptions? options, FFmpegTools tools, MediaInfo? known, CancellationToken cancellationToken)
    {
        MediaInfo info = known ?? await MediaProbe.ProbeAsync(full, options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo
            ?? throw new UnsupportedMediaException($"'{displayPath}' has no video stream.");
        int width = o.Size?.Width ?? video.DisplayWidth;
        int height = o.Size?.Height ?? video.DisplayHeight;
        if (width <= 0 || height <= 0)
        {
            throw new UnsupportedMediaException($"'{displayPath}' has a video stream of unknown size.");
        }

        FrameTimes? times = null;
        if (o.FrameRate is null && (o.SourceTimestamps || o.KnownTimes is not null))
        {
            times = o.KnownTimes ?? await FrameTimes.ProbeAsync(full, video.FrameRate, options, cancellationToken).ConfigureAwait(false);
        }

        FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, BuildArguments(full, o, width, height, video.Orientation), cancellationToken);
        return new VideoFrameReader(displayPath, process, width, height, o.PixelFormat, video.FrameRate, options)
        {
            Times = times,
            FirstTimeIndex = times?.FirstAtOrAfter(o.Start.TotalSeconds) ?? 0,
        };
    }
}
