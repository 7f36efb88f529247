using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using VideoKit.Media;

namespace VideoKit.IntegrationTests;

/// <summary>Generates real media files with FFmpeg's lavfi sources for integration tests, and locates tests/data.</summary>
internal static class TestMedia
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "videokit-tests-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    });

    private static readonly ConcurrentDictionary<string, object> s_creationLocks = new(StringComparer.Ordinal);

    /// <summary>A scratch folder for this test process.</summary>
    public static string Root => s_root.Value;

    /// <summary>The repository's tests/data folder (real material with licence notes).</summary>
    public static string DataFolder
    {
        get
        {
            string? root = typeof(TestMedia).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
            return Path.GetFullPath(Path.Combine(root ?? ".", "tests", "data"));
        }
    }

    /// <summary>A new empty folder under <see cref="Root"/>.</summary>
    public static string NewFolder(string name)
    {
        string dir = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs ffmpeg with the given arguments (an argument list: no quoting problems) and fails on error.</summary>
    public static void FFmpeg(params string[] args)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err}");
        }
    }

    /// <summary>A sine tone (stereo 44.1 kHz) of the given length.</summary>
    public static string Tone(string fileName, double seconds, double frequency = 440)
    {
        return CreateOnce(fileName, path =>
            FFmpeg("-f", "lavfi", "-i", F($"sine=frequency={frequency}:sample_rate=44100:duration={seconds}"), "-ac", "2", path));
    }

    /// <summary>A testsrc2 clip of the given size, rate and length (H.264 in MP4 unless the extension says otherwise).</summary>
    public static string Clip(string fileName, int width, int height, int fps, double seconds, string source = "testsrc2")
    {
        return CreateOnce(fileName, path =>
        {
            string ext = Path.GetExtension(path).ToLowerInvariant();
            string[] codec = ext == ".mkv" ? ["-c:v", "ffv1"] : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
            FFmpeg(["-f", "lavfi", "-i", F($"{source}=size={width}x{height}:rate={fps}:duration={seconds}"), .. codec, path]);
        });
    }

    /// <summary>A still image of a lavfi source (testsrc2 by default).</summary>
    public static string Image(string fileName, int width, int height, string source = "testsrc2")
    {
        return CreateOnce(fileName, path =>
            FFmpeg("-f", "lavfi", "-i", F($"{source}=size={width}x{height}:rate=1"), "-frames:v", "1", "-update", "1", path));
    }

    /// <summary>A still image of one colour (any colour FFmpeg names, or 0xRRGGBB).</summary>
    public static string Solid(string fileName, int width, int height, string colour) =>
        CreateOnce(fileName, path => FFmpeg("-f", "lavfi", "-i", F($"color=c={colour}:size={width}x{height}:rate=1"), "-frames:v", "1", "-update", "1", path));

    /// <summary>
    /// Returns <paramref name="fileName"/> under <see cref="Root"/>, creating it first (by calling
    /// <paramref name="create"/> with the path to write) if no test has yet. Tests run in
    /// parallel and share these files, so creation is serialised per name and written under a temporary name (same
    /// extension, so FFmpeg picks the same muxer) that is moved into place only when complete: a test never reads a
    /// file another test is still writing.
    /// </summary>
    public static string CreateOnce(string fileName, Action<string> create)
    {
        string path = Path.Combine(Root, fileName);
        lock (s_creationLocks.GetOrAdd(path, _ => new object()))
        {
            if (!File.Exists(path))
            {
                string partial = Path.Combine(Root, Path.GetFileNameWithoutExtension(fileName) + ".partial-"
                    + Guid.NewGuid().ToString("N")[..8] + Path.GetExtension(fileName));
                create(partial);
                File.Move(partial, path);
            }
        }

        return path;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
