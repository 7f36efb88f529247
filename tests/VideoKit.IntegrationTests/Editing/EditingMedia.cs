using System.Globalization;

namespace VideoKit.IntegrationTests.Editing;

/// <summary>Distinct lavfi clips and songs with a known beat for the editing tests.</summary>
internal static class EditingMedia
{
    /// <summary>lavfi sources that look clearly different from each other (and move, so steady motion is exercised).</summary>
    public static readonly string[] Sources =
    [
        "testsrc2=size={0}:rate={1}",
        "smptebars=size={0}:rate={1}",
        "mandelbrot=size={0}:rate={1}",
        "rgbtestsrc=size={0}:rate={1},hue=h=t*40",
        "color=c=0x803020:size={0}:rate={1},drawgrid=w=40:h=40:t=4:c=white,hue=H=t*2",
        "testsrc=size={0}:rate={1},negate",
        "color=c=0x2050c0:size={0}:rate={1},drawbox=x=mod(t*120\\,200):y=40:w=60:h=60:color=yellow:t=fill",
        "cellauto=size={0}:rate={1}:rule=110:random_seed=7",
    ];

    /// <summary>A lavfi source expression of clip <paramref name="index"/>.</summary>
    public static string Source(int index, int width, int height, int fps) =>
        string.Format(CultureInfo.InvariantCulture, Sources[index % Sources.Length], $"{width}x{height}", fps);

    /// <summary>Clip <paramref name="index"/> as an H.264 file (written once per test process; tests share it).</summary>
    public static string Clip(int index, int width, int height, int fps, double seconds)
    {
        return TestMedia.CreateOnce(string.Create(CultureInfo.InvariantCulture, $"edit-clip{index}-{width}x{height}-{fps}-{seconds}.mp4"), path =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", Source(index, width, height, fps), "-t", seconds.ToString(CultureInfo.InvariantCulture),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path));
    }

    /// <summary>Encodes clips back to back with the given frame counts: a video with cuts on known frames.</summary>
    public static string Concatenated(string fileName, int width, int height, int fps, IReadOnlyList<int> frameCounts)
    {
        string path = Path.Combine(TestMedia.Root, fileName);
        var inputs = new List<string>();
        var graph = new List<string>();
        for (int i = 0; i < frameCounts.Count; i++)
        {
            graph.Add(string.Create(CultureInfo.InvariantCulture, $"{Source(i, width, height, fps)},trim=end_frame={frameCounts[i]},setpts=PTS-STARTPTS,format=yuv420p[v{i}]"));
        }

        string labels = string.Concat(Enumerable.Range(0, frameCounts.Count).Select(i => $"[v{i}]"));
        string filter = string.Join(';', graph) + ";" + labels + string.Create(CultureInfo.InvariantCulture, $"concat=n={frameCounts.Count}:v=1:a=0[out]");
        TestMedia.FFmpeg(["-filter_complex", filter, "-map", "[out]", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p", "-r", fps.ToString(CultureInfo.InvariantCulture), .. inputs, path]);
        return path;
    }
}
