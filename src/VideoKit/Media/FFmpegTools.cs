using System.Collections.Concurrent;
using FFMpegCore;

namespace VideoKit.Media;

/// <summary>The resolved paths of the FFmpeg and FFprobe executables VideoKit runs.</summary>
public sealed class FFmpegTools
{
    private static readonly ConcurrentDictionary<string, FFmpegTools> s_cache = new(StringComparer.Ordinal);

    private FFmpegTools(string folder, string ffmpegPath, string ffprobePath)
    {
        Folder = folder;
        FFmpegPath = ffmpegPath;
        FFprobePath = ffprobePath;
    }

    /// <summary>The folder that holds both executables.</summary>
    public string Folder { get; }

    /// <summary>The full path of <c>ffmpeg</c>.</summary>
    public string FFmpegPath { get; }

    /// <summary>The full path of <c>ffprobe</c>.</summary>
    public string FFprobePath { get; }

    /// <summary>
    /// Finds FFmpeg and FFprobe: in <see cref="VideoKitOptions.FFmpegFolder"/> when set, else in the folder named by the
    /// <c>VIDEOKIT_FFMPEG_DIR</c> environment variable, else on PATH.
    /// </summary>
    /// <param name="options">The options naming the folder, or <see langword="null"/> for <see cref="VideoKitOptions.Default"/>.</param>
    /// <returns>The resolved tools.</returns>
    /// <exception cref="FFmpegNotFoundException">Neither place holds both executables.</exception>
    public static FFmpegTools Locate(VideoKitOptions? options = null)
    {
        options ??= VideoKitOptions.Default;
        string? folder = options.FFmpegFolder;
        string source = "VideoKitOptions.FFmpegFolder";
        if (folder is null)
        {
            folder = Environment.GetEnvironmentVariable("VIDEOKIT_FFMPEG_DIR");
            source = "VIDEOKIT_FFMPEG_DIR";
            if (string.IsNullOrWhiteSpace(folder))
            {
                folder = null;
            }
        }

        string key = folder ?? "\0PATH\0" + Environment.GetEnvironmentVariable("PATH");
        if (s_cache.TryGetValue(key, out FFmpegTools? cached))
        {
            return cached;
        }

        FFmpegTools tools = folder is not null ? FromFolder(folder, source) : FromPath();
        s_cache[key] = tools;
        return tools;
    }

    /// <summary>FFMpegCore options pointing at these executables (never FFMpegCore's global options).</summary>
    /// <param name="temporaryFolder">The folder FFMpegCore may use for temporary files.</param>
    /// <returns>A new options object for one FFMpegCore call.</returns>
    internal FFOptions ToFFOptions(string? temporaryFolder = null) => new()
    {
        BinaryFolder = Folder,
        TemporaryFilesFolder = temporaryFolder ?? Path.GetTempPath(),
    };

    private static FFmpegTools FromFolder(string folder, string source)
    {
        string ffmpeg = Path.Combine(folder, ExecutableName("ffmpeg"));
        string ffprobe = Path.Combine(folder, ExecutableName("ffprobe"));
        if (!File.Exists(ffmpeg) || !File.Exists(ffprobe))
        {
            throw new FFmpegNotFoundException(
                $"FFmpeg was not found in '{folder}' (from {source}): the folder must hold both '{ExecutableName("ffmpeg")}' and '{ExecutableName("ffprobe")}'. " +
                "Install FFmpeg 5.1 or newer, or point the setting at the folder that holds it.");
        }

        return new FFmpegTools(Path.GetFullPath(folder), ffmpeg, ffprobe);
    }

    private static FFmpegTools FromPath()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (!string.IsNullOrEmpty(path))
        {
            foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string ffmpeg = Path.Combine(dir, ExecutableName("ffmpeg"));
                string ffprobe = Path.Combine(dir, ExecutableName("ffprobe"));
                if (File.Exists(ffmpeg) && File.Exists(ffprobe))
                {
                    return new FFmpegTools(Path.GetFullPath(dir), ffmpeg, ffprobe);
                }
            }
        }

        throw new FFmpegNotFoundException(
            "FFmpeg was not found: no folder on PATH holds both 'ffmpeg' and 'ffprobe'. Install FFmpeg 5.1 or newer " +
            "(on Debian/Ubuntu: apt-get install ffmpeg), or set the environment variable VIDEOKIT_FFMPEG_DIR (in code also VideoKitOptions.FFmpegFolder) to its folder.");
    }

    private static string ExecutableName(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;
}
