using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Rendering;

[Trait("Category", "FFmpeg")]
public sealed class RenderTests
{
    private static readonly Resolution s_size = new(160, 90);

    [Fact]
    public async Task RenderAsync_StillsClipsAndCrossfade_WritesExactFramesWithAudio()
    {
        string folder = TestMedia.NewFolder("render");
        string song = TestMedia.Tone("render-song-3s.wav", 3.0);
        string clip = TestMedia.Clip("render-clip.mp4", 320, 240, 25, 4);
        string image = TestMedia.Image("render-still.png", 200, 200);
        string output = Path.Combine(folder, "out.mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30)
            .WithSong(song)
            .AddImage(image, TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddVideo(clip, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), inPoint: TimeSpan.FromSeconds(1), transition: Transition.Crossfade(TimeSpan.FromSeconds(0.4)))
            .AddImage(image, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), FitMode.Contain, Transition.Crossfade(TimeSpan.FromSeconds(0.2)))
            .Build();
        var reports = new List<RenderProgress>();

        RenderResult result = await timeline.RenderAsync(output, progress: new SyncProgress<RenderProgress>(reports.Add), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(90, result.FrameCount);
        Assert.Equal(90, await CountFramesAsync(output));
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(info.PrimaryAudio);
        Assert.InRange(Math.Abs((info.Duration - TimeSpan.FromSeconds(3)).TotalSeconds), 0, 1.0 / 30 + 0.03);
        Assert.Equal(90, reports[^1].FramesEncoded);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
    }

    /// <summary>Counts decoded frames with ffprobe -count_frames.</summary>
    internal static async Task<long> CountFramesAsync(string path)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path])
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
    }
}

/// <summary>An IProgress that calls back synchronously (Progress&lt;T&gt; posts to the thread pool and may arrive late).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly object _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
