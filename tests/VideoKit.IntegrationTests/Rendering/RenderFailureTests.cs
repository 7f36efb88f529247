using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Rendering;

[Trait("Category", "FFmpeg")]
public sealed class RenderFailureTests
{
    private static readonly Resolution s_size = new(160, 90);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task RenderAsync_CancelledMidRender_LeavesNoFileAndNoFFmpegProcess()
    {
        string folder = TestMedia.NewFolder("render-cancel");
        string song = TestMedia.Tone("render-cancel-song-20s.wav", 20);
        string clip = TestMedia.Clip("render-cancel-clip.mp4", 160, 90, 30, 2);
        string output = Path.Combine(folder, "cancelled.mp4");
        Timeline timeline = new TimelineBuilder(new Resolution(640, 360), FrameRate.Fps30).WithSong(song)
            .AddVideo(clip, S(0), S(2))
            .AddImage(TestMedia.Image("render-cancel-still.png", 64, 64), S(2), S(18))
            .Build();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SyncProgress<RenderProgress>(p =>
        {
            if (p.FramesEncoded >= 30)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => timeline.RenderAsync(output, new RenderOptions { Preset = "ultrafast" }, progress, cts.Token));

        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        // No FFmpeg started for this render (every file it touches has "render-cancel" in its path) is still running.
        // A killed process needs a moment for the kernel to reap it; allow that, not a process that keeps running.
        List<string> left = ChildProcesses("render-cancel");
        for (int i = 0; i < 50 && left.Count > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            left = ChildProcesses("render-cancel");
        }

        Assert.Empty(left);
    }

    [Fact]
    public async Task RenderAsync_OutputExists_RefusesWithoutOverwriteAndReplacesWithIt()
    {
        string folder = TestMedia.NewFolder("overwrite");
        string output = Path.Combine(folder, "keep.mp4");
        await File.WriteAllTextAsync(output, "precious", TestContext.Current.CancellationToken);
        Timeline timeline = SmallTimeline();

        var ex = await Assert.ThrowsAsync<IOException>(() => timeline.RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"'{output}' already exists; set Overwrite (CLI: --overwrite) to replace it.", ex.Message);
        Assert.Equal("precious", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        await timeline.RenderAsync(output, new RenderOptions { Overwrite = true }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(30, await RenderTests.CountFramesAsync(output));
    }

    [Fact]
    public async Task RenderAsync_FFmpegFolderEmpty_SaysWhereItLooked()
    {
        string empty = TestMedia.NewFolder("no-ffmpeg");
        string output = Path.Combine(TestMedia.NewFolder("no-ffmpeg-out"), "x.mp4");

        var ex = await Assert.ThrowsAsync<FFmpegNotFoundException>(() => SmallTimeline().RenderAsync(output,
            new RenderOptions { Options = new VideoKitOptions { FFmpegFolder = empty } }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"FFmpeg was not found in '{empty}' (from VideoKitOptions.FFmpegFolder)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_CorruptSong_NamesTheSong()
    {
        string song = Path.Combine(TestMedia.NewFolder("corrupt"), "song.mp3");
        await File.WriteAllBytesAsync(song, new byte[4096], TestContext.Current.CancellationToken);
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(song).AddImage(TestMedia.Image("fail-still.png", 64, 64), S(0), S(1)).Build();

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => timeline.RenderAsync(Path.Combine(TestMedia.NewFolder("corrupt-out"), "x.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"The song '{song}' is not audio FFmpeg can read:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_ZeroLengthSong_SaysItIsEmpty()
    {
        string song = Path.Combine(TestMedia.NewFolder("empty-song"), "empty.wav");
        TestMedia.FFmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", "0", song);
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(song).AddImage(TestMedia.Image("fail-still.png", 64, 64), S(0), S(1)).Build();

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => timeline.RenderAsync(Path.Combine(TestMedia.NewFolder("empty-out"), "x.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"The song '{song}' is empty (0 s long).", ex.Message);
    }

    [Fact]
    public async Task RenderAsync_UnreadableImage_NamesTheImageAndLeavesNoFile()
    {
        string folder = TestMedia.NewFolder("bad-image");
        string image = Path.Combine(folder, "not-an-image.png");
        await File.WriteAllTextAsync(image, "this is text", TestContext.Current.CancellationToken);
        string output = Path.Combine(folder, "x.mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(1)).AddImage(image, S(0), S(1)).Build();

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => timeline.RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{image}' is not an image FFmpeg can read:", ex.Message, StringComparison.Ordinal);
        Assert.Equal([image], Directory.GetFiles(folder));
    }

    [Fact]
    public async Task RenderAsync_CorruptClip_NamesTheClip()
    {
        string folder = TestMedia.NewFolder("bad-clip");
        string clip = Path.Combine(folder, "broken.mp4");
        await File.WriteAllBytesAsync(clip, new byte[10_000], TestContext.Current.CancellationToken);
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(1)).AddVideo(clip, S(0), S(1)).Build();

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => timeline.RenderAsync(Path.Combine(folder, "x.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{clip}' is not a video FFmpeg can read.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_UnknownContainer_IsRefusedBeforeFFmpegStartsAndLeavesNoFile()
    {
        string folder = TestMedia.NewFolder("bad-ext");
        string output = Path.Combine(folder, "video.notaformat");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => SmallTimeline().RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{output}' has an extension FFmpeg cannot write video to; use .mp4, .mov, .mkv or .webm.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task RenderAsync_ProResToMp4_IsRefusedNamingTheOutput()
    {
        string folder = TestMedia.NewFolder("prores-mp4");
        string output = Path.Combine(folder, "c_prores.mp4");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => SmallTimeline().RenderAsync(output, new RenderOptions { Codec = VideoCodec.ProRes }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{output}': a .mp4 file cannot hold ProRes video; write ProRes to .mov or .mkv", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task RenderAsync_DurationLongerThanTheSong_IsAValidationProblem()
    {
        string song = TestMedia.Tone("small-song-1s.wav", 1);
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(song).WithDuration(S(3))
            .AddImage(TestMedia.Image("small-still.png", 64, 48), S(0), S(3))
            .Build();
        string folder = TestMedia.NewFolder("long-duration");

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => timeline.RenderAsync(Path.Combine(folder, "x.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([$"duration: 3 s must not be longer than the song '{song}' (1.000 s)"], ex.Errors);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task RenderAsync_CorruptPng_SaysItHoldsNoPicture()
    {
        string folder = TestMedia.NewFolder("corrupt-png");
        string image = Path.Combine(folder, "corrupt.png");
        byte[] bytes = File.ReadAllBytes(TestMedia.Image("small-still.png", 64, 48))[..300];   // a truncated PNG
        await File.WriteAllBytesAsync(image, bytes, TestContext.Current.CancellationToken);
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithDuration(S(1)).AddImage(image, S(0), S(1)).Build();

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => timeline.RenderAsync(Path.Combine(folder, "x.mp4"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"'{image}' is not an image FFmpeg can read: it holds no picture.", ex.Message);
    }

    internal static Timeline SmallTimeline() =>
        new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(TestMedia.Tone("small-song-1s.wav", 1))
            .AddImage(TestMedia.Image("small-still.png", 64, 48), S(0), S(1))
            .Build();

    /// <summary>The command lines of this process's live children that contain <paramref name="marker"/> (Linux /proc).</summary>
    internal static List<string> ChildProcesses(string marker)
    {
        var children = new List<string>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int close = stat.LastIndexOf(')');
                string[] fields = stat[(close + 2)..].Split(' ');
                string commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (fields[0] != "Z" && int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == Environment.ProcessId &&
                    commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    children.Add(commandLine);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return children;
    }
}
