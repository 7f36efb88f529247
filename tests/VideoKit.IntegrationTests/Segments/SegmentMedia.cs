using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;
using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.IntegrationTests.Segments;

/// <summary>A small timeline with cuts, a crossfade and a still, and FFmpeg-side measurements (framemd5, per-frame PSNR).</summary>
internal static class SegmentMedia
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>4 s at 320×180, 30 fps: a clip, a still crossfaded in, a second clip cut in; the song is 4 s.</summary>
    public static Timeline SmallTimeline(string prefix = "seg", int width = 320, int height = 180, double seconds = 4, VideoKit.Audio.AudioMix? mix = null)
    {
        string song = TestMedia.Tone($"{prefix}-song-{seconds}.wav", seconds);
        string a = TestMedia.Clip($"{prefix}-a-{width}.mp4", width, height, 30, seconds);
        string b = TestMedia.Clip($"{prefix}-b-{width}.mp4", width, height, 30, seconds, "testsrc");
        string still = TestMedia.Image($"{prefix}-still-{width}.png", width, height, "smptebars");
        double third = seconds / 3;
        TimelineBuilder builder = new TimelineBuilder(new Resolution(width, height), FrameRate.Fps30).WithSong(song)
            .AddVideo(a, S(0), S(third))
            .AddImage(still, S(third), S(third), transition: Transition.Crossfade(S(0.4)))
            .AddVideo(b, S(2 * third), S(seconds - (2 * third)), inPoint: S(0.5));
        return (mix is null ? builder : builder.WithAudio(mix)).Build();
    }

    /// <summary>FFmpeg's framemd5 lines of the first video stream (pts, duration, size, hash per frame).</summary>
    public static string[] FrameMd5(string path) =>
        [.. Run(FFmpegTools.Locate().FFmpegPath, "-v", "error", "-i", path, "-map", "0:v:0", "-f", "framemd5", "-")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'))];

    /// <summary>The MD5 of the first audio stream decoded to 16-bit PCM (equal for the same sound).</summary>
    public static string AudioMd5(string path) =>
        Run(FFmpegTools.Locate().FFmpegPath, "-v", "error", "-i", path, "-map", "0:a:0", "-c:a", "pcm_s16le", "-f", "md5", "-").Trim();

    /// <summary>Per-frame PSNR (all planes) of <paramref name="test"/> against <paramref name="reference"/>, from FFmpeg's psnr filter.</summary>
    public static double[] FramePsnr(string test, string reference)
    {
        string stats = Path.Combine(TestMedia.NewFolder("psnr"), "stats.log");
        Run(FFmpegTools.Locate().FFmpegPath, "-v", "error", "-i", test, "-i", reference, "-lavfi", $"[0:v][1:v]psnr=stats_file='{stats}'", "-f", "null", "-");
        return [.. File.ReadAllLines(stats).Select(l => l.Split(' ').First(p => p.StartsWith("psnr_avg:", StringComparison.Ordinal))["psnr_avg:".Length..])
            .Select(v => v == "inf" ? 100.0 : double.Parse(v, CultureInfo.InvariantCulture))];
    }

    /// <summary>The duration of each stream (video, audio) in seconds.</summary>
    public static (double Video, double Audio) StreamDurations(string path)
    {
        string[] lines = Run(FFmpegTools.Locate().FFprobePath, "-v", "error", "-show_entries", "stream=codec_type,duration", "-of", "csv=p=0", path)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        double Of(string type) => double.Parse(lines.First(l => l.StartsWith(type, StringComparison.Ordinal)).Split(',')[1], CultureInfo.InvariantCulture);
        return (Of("video"), Of("audio"));
    }

    public static string Run(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed: {err.Result}");
        }

        return output;
    }

    /// <summary>Renders every segment of <paramref name="plan"/> into <paramref name="folder"/> and stitches them; with
    /// <paramref name="soundApart"/>, the sound is encoded as a job of its own (<see cref="SegmentAudio"/>) and the stitch copies it.</summary>
    public static async Task<string> RenderInPiecesAsync(SegmentPlan plan, string folder, string name, bool soundApart = false)
    {
        string? sound = null;
        if (soundApart)
        {
            sound = Path.Combine(folder, name + "-sound" + SegmentAudio.Extension(plan.RenderOptions.Codec));
            RenderResult encoded = await SegmentAudio.EncodeAsync(plan, sound, TestContext.Current.CancellationToken);
            Assert.True(encoded.HasAudio);
        }

        var parts = new List<string>();
        foreach (Segment s in plan.Segments)
        {
            string part = Path.Combine(folder, $"{name}-part-{s.Number}.mp4");
            RenderResult r = await SegmentRenderer.RenderAsync(plan, s.Number, part, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(s.Frames.Count, r.FrameCount);
            parts.Add(part);
        }

        string output = Path.Combine(folder, name + ".mp4");
        await SegmentStitcher.StitchAsync(plan, parts, output, sound, cancellationToken: TestContext.Current.CancellationToken);
        return output;
    }
}
