using System.Globalization;
using System.Text.Json;

namespace VideoKit.Media;

/// <summary>Reads what a media file holds (streams, sizes, rates, duration, rotation) through FFprobe.</summary>
public static class MediaProbe
{
    /// <summary>Probes a file.</summary>
    /// <param name="path">The file to probe.</param>
    /// <param name="options">Where FFmpeg lives; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops FFprobe.</param>
    /// <returns>What the file holds.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFprobe cannot read the file (corrupt or not media).</exception>
    /// <exception cref="FFmpegNotFoundException">FFprobe is not installed.</exception>
    public static Task<MediaInfo> ProbeAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        string full = MediaPath.ExistingInput(path, "media file");
        FFmpegTools tools = FFmpegTools.Locate(options);
        return ProbeCachedAsync(path, full, tools, cancellationToken);
    }

    /// <summary>
    /// The media-info cache: a file is probed once while it is unchanged (same length and write time), however many
    /// sources, decoders and renders ask, and callers asking at the same time share one FFprobe run. Failures and
    /// cancellations are not kept.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ProbeKey, Task<MediaInfo>> s_cache = new();
    private const int CacheLimit = 1024;

    private readonly record struct ProbeKey(string Path, long Length, DateTime WriteTime, string Probe);

    private static async Task<MediaInfo> ProbeCachedAsync(string displayPath, string full, FFmpegTools tools, CancellationToken cancellationToken)
    {
        var file = new FileInfo(full);
        var key = new ProbeKey(full, file.Length, file.LastWriteTimeUtc, tools.FFprobePath);
        while (true)
        {
            if (s_cache.TryGetValue(key, out Task<MediaInfo>? shared))
            {
                try
                {
                    return await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue; // the caller that ran the probe was cancelled; probe again for this one
                }
            }

            if (s_cache.Count >= CacheLimit)
            {
                s_cache.Clear();
            }

            var mine = new TaskCompletionSource<MediaInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!s_cache.TryAdd(key, mine.Task))
            {
                continue;
            }

            try
            {
                MediaInfo info = await ProbeCoreAsync(displayPath, full, tools, cancellationToken).ConfigureAwait(false);
                mine.SetResult(info);
                return info;
            }
            catch (Exception ex)
            {
                s_cache.TryRemove(new KeyValuePair<ProbeKey, Task<MediaInfo>>(key, mine.Task));
                if (ex is OperationCanceledException)
                {
                    mine.SetCanceled(CancellationToken.None);
                }
                else
                {
                    mine.SetException(ex);
                }

                _ = mine.Task.Exception; // observed
                throw;
            }
        }
    }

    private static async Task<MediaInfo> ProbeCoreAsync(string displayPath, string full, FFmpegTools tools, CancellationToken cancellationToken)
    {
        // -pattern_type none: a name with '%' is a file, not an image2 sequence pattern (other demuxers ignore it here).
        string[] args = ["-v", "error", "-hide_banner", "-pattern_type", "none", "-print_format", "json", "-show_format", "-show_streams", full];
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFprobePath, args, cancellationToken);
        using var output = new MemoryStream();
        await process.StandardOutput.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            if (File.Exists(full) && new FileInfo(full).Length == 0)
            {
                throw new UnsupportedMediaException($"'{displayPath}' is empty (0 bytes), not a media file.") { Reason = "it is empty (0 bytes), not a media file." };
            }

            // FFprobe starts its line with the full path the message names already.
            string why = process.LastError();
            why = why.StartsWith(full + ": ", StringComparison.Ordinal) ? why[(full.Length + 2)..] : why;
            throw new UnsupportedMediaException($"'{displayPath}' is not a media file FFmpeg can read: {why.TrimEnd('.')}.") { Reason = $"{why.TrimEnd('.')}." };
        }

        MediaInfo info;
        try
        {
            info = Parse(full, output.ToArray(), ImageOrientation.Read(full));
        }
        catch (JsonException ex)
        {
            throw new UnsupportedMediaException($"'{displayPath}': FFprobe printed output VideoKit could not parse ({ex.Message}).", ex);
        }

        // A header whose picture size FFmpeg refuses (a PNG claiming 50000×50000) probes as a 0×0 stream with an error.
        if (process.ErrorLineCount > 0 && info.VideoStreams.Count > 0 && info.VideoStreams.All(v => v.Width <= 0 || v.Height <= 0) && info.AudioStreams.Count == 0)
        {
            string damage = DamagePolicy.Clean(process.FirstError!);
            throw new UnsupportedMediaException($"'{displayPath}' declares a picture FFmpeg cannot decode: {damage}.") { Reason = $"it declares a picture FFmpeg cannot decode: {damage}." };
        }

        return info;
    }

    internal static MediaInfo Parse(string path, ReadOnlySpan<byte> json, int orientation = 1)
    {
        using JsonDocument doc = JsonDocument.Parse(json.ToArray());
        JsonElement root = doc.RootElement;
        var videos = new List<VideoStreamInfo>();
        var audios = new List<AudioStreamInfo>();
        if (root.TryGetProperty("streams", out JsonElement streams))
        {
            foreach (JsonElement s in streams.EnumerateArray())
            {
                string type = GetString(s, "codec_type");
                if (type == "video")
                {
                    if (s.TryGetProperty("disposition", out JsonElement disp) && disp.TryGetProperty("attached_pic", out JsonElement ap) && ap.GetInt32() == 1)
                    {
                        continue; // cover art in an audio file is not a video stream
                    }

                    FrameRate rate = ParseRate(GetString(s, "avg_frame_rate"));
                    if (rate.IsEmpty)
                    {
                        rate = ParseRate(GetString(s, "r_frame_rate"));
                    }

                    videos.Add(new VideoStreamInfo
                    {
                        Index = GetInt(s, "index"),
                        Codec = GetString(s, "codec_name"),
                        Width = GetInt(s, "width"),
                        Height = GetInt(s, "height"),
                        FrameRate = rate,
                        Duration = GetSeconds(s, "duration"),
                        FrameCount = GetLong(s, "nb_frames"),
                        // A still's EXIF orientation (FFprobe reports no stream rotation for images) applies to its picture.
                        Rotation = orientation != 1 && videos.Count == 0 ? ImageOrientation.Rotation(orientation) : GetRotation(s),
                        Orientation = videos.Count == 0 ? orientation : 1,
                        PixelFormat = GetString(s, "pix_fmt"),
                        AlphaMode = s.TryGetProperty("tags", out JsonElement tags) && GetString(tags, "alpha_mode") == "1",
                        ColorSpace = GetString(s, "color_space") is "unknown" ? string.Empty : GetString(s, "color_space"),
                        ColorRange = GetString(s, "color_range") is "unknown" ? string.Empty : GetString(s, "color_range"),
                    });
                }
                else if (type == "audio")
                {
                    audios.Add(new AudioStreamInfo
                    {
                        Index = GetInt(s, "index"),
                        Codec = GetString(s, "codec_name"),
                        SampleRate = GetInt(s, "sample_rate"),
                        Channels = GetInt(s, "channels"),
                        Duration = GetSeconds(s, "duration"),
                    });
                }
            }
        }

        string formatName = string.Empty;
        TimeSpan duration = TimeSpan.Zero;
        if (root.TryGetProperty("format", out JsonElement format))
        {
            formatName = GetString(format, "format_name");
            duration = GetSeconds(format, "duration");
        }

        return new MediaInfo { Path = path, FormatName = formatName, Duration = duration, VideoStreams = videos, AudioStreams = audios };
    }

    private static int GetRotation(JsonElement stream)
    {
        double rotation = 0;
        if (stream.TryGetProperty("side_data_list", out JsonElement sideData))
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out JsonElement r) && r.ValueKind == JsonValueKind.Number)
                {
                    rotation = r.GetDouble();
                }
            }
        }

        if (rotation == 0 && stream.TryGetProperty("tags", out JsonElement tags) && tags.TryGetProperty("rotate", out JsonElement rotate) &&
            double.TryParse(rotate.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double tagRotation))
        {
            rotation = -tagRotation; // the legacy tag is clockwise; display matrices are counter-clockwise
        }

        // Display-matrix rotation is counter-clockwise in degrees; report the clockwise rotation a viewer applies.
        int clockwise = (int)Math.Round(-rotation) % 360;
        return clockwise < 0 ? clockwise + 360 : clockwise;
    }

    private static FrameRate ParseRate(string text) =>
        text.Length > 0 && text != "0/0" && FrameRate.TryParse(text, out FrameRate rate) ? rate : default;

    private static string GetString(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : string.Empty;

    private static int GetInt(JsonElement e, string name) => (int)GetLong(e, name);

    private static long GetLong(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out JsonElement v))
        {
            return 0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long n))
        {
            return n;
        }

        return v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) ? s : 0;
    }

    private static TimeSpan GetSeconds(JsonElement e, string name) =>
        double.TryParse(GetString(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 && s < 1e9
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.Zero;
}
