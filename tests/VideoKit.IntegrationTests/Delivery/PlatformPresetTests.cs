using System.Buffers.Binary;
using System.Diagnostics;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Delivery;

/// <summary>Each platform preset's file, checked with ffprobe: profile, pixel format, audio bitrate, moov position, size, palette.</summary>
[Trait("Category", "FFmpeg")]
public sealed class PlatformPresetTests
{
    private static string Still(int width, int height) => TestMedia.Image($"preset-{width}x{height}.png", width, height);

    private static string Noise(double seconds)
    {
        return TestMedia.CreateOnce($"preset-noise-{seconds}.wav", path =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", $"anoisesrc=d={seconds}:c=pink:r=48000:a=0.3", "-ac", "2", path));
    }

    private static Timeline Stills(Resolution size, TimeSpan length, string? song) =>
        (song is null ? new TimelineBuilder(size, FrameRate.Fps30).WithDuration(length) : new TimelineBuilder(size, FrameRate.Fps30).WithSong(song))
            .AddImage(Still(320, 180), TimeSpan.Zero, length).Build();

    [Fact]
    public async Task YouTube_HighProfileYuv420pAac320kAndMoovFirst()
    {
        string output = Path.Combine(TestMedia.NewFolder("preset-youtube"), "yt.mp4");

        RenderResult result = await Stills(Resolution.Hd1080, TimeSpan.FromSeconds(1), Noise(1))
            .RenderAsync(output, new RenderOptions { Platform = PlatformPreset.YouTube, Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);

        Dictionary<string, string> video = Probe(output, "v:0", "profile,pix_fmt,width,height");
        Dictionary<string, string> audio = Probe(output, "a:0", "codec_name,bit_rate,sample_rate");
        Assert.Equal("High", video["profile"]);
        Assert.Equal("yuv420p", video["pix_fmt"]);
        Assert.Equal(("1920", "1080"), (video["width"], video["height"]));
        Assert.Equal("aac", audio["codec_name"]);
        Assert.Equal("48000", audio["sample_rate"]);
        // FFmpeg's AAC encoder stays under its 320k target on a 1 s noise burst; the usual 192k would measure far lower.
        Assert.InRange(long.Parse(audio["bit_rate"], System.Globalization.CultureInfo.InvariantCulture), 225_000, 340_000);
        Assert.True(MoovBeforeMdat(output), "the moov atom is not before mdat (+faststart)");
        Assert.Equal("libx264", result.Encoder);
    }

    [Fact]
    public async Task Shorts_Writes1080x1920AndRefusesALongerVideoBeforeRendering()
    {
        string folder = TestMedia.NewFolder("preset-shorts");
        string ok = Path.Combine(folder, "short.mp4");
        string tooLong = Path.Combine(folder, "long.mp4");

        await Stills(new Resolution(1080, 1920), TimeSpan.FromSeconds(0.5), null)
            .RenderAsync(ok, new RenderOptions { Platform = PlatformPreset.Shorts, Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);
        VideoKitException ex = await Assert.ThrowsAsync<VideoKitException>(() => Stills(new Resolution(1080, 1920), TimeSpan.FromSeconds(181), null)
            .RenderAsync(tooLong, new RenderOptions { Platform = PlatformPreset.Shorts }, cancellationToken: TestContext.Current.CancellationToken));
        VideoKitException size = await Assert.ThrowsAsync<VideoKitException>(() => Stills(Resolution.Hd720, TimeSpan.FromSeconds(1), null)
            .RenderAsync(tooLong, new RenderOptions { Platform = PlatformPreset.Reels }, cancellationToken: TestContext.Current.CancellationToken));

        Dictionary<string, string> video = Probe(ok, "v:0", "profile,width,height");
        Assert.Equal(("1080", "1920", "High"), (video["width"], video["height"], video["profile"]));
        Assert.Contains("at most 180 s; this one is 181 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("needs a 1080x1920 frame (the video is 1280x720)", size.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(tooLong));
    }

    [Fact]
    public async Task Gif_PaletteAtMost640WideAnd15Fps()
    {
        string output = Path.Combine(TestMedia.NewFolder("preset-gif"), "loop.gif");

        RenderResult result = await Stills(new Resolution(800, 450), TimeSpan.FromSeconds(1), TestMedia.Tone("preset-gif.wav", 1))
            .RenderAsync(output, new RenderOptions { Platform = PlatformPreset.Gif }, cancellationToken: TestContext.Current.CancellationToken);

        Dictionary<string, string> video = Probe(output, "v:0", "codec_name,pix_fmt,width,height,nb_read_frames", count: true);
        Assert.Equal("gif", video["codec_name"]);
        Assert.Equal("bgra", video["pix_fmt"] == "pal8" ? "bgra" : video["pix_fmt"]); // a palette GIF decodes as pal8 or bgra
        Assert.Equal(("640", "360"), (video["width"], video["height"]));
        Assert.Equal("15", video["nb_read_frames"]);
        Assert.False(result.HasAudio);
        Assert.Empty(Probe(output, "a", "codec_name"));
    }

    /// <summary>A clip of moving noise: a GIF of it compresses badly, so a small cap forces the re-encode.</summary>
    private static string NoiseClip()
    {
        return TestMedia.CreateOnce("preset-gif-noise.mp4", path =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-vf", "noise=alls=70:allf=t", "-c:v", "libx264", "-crf", "4", "-preset", "ultrafast", "-pix_fmt", "yuv420p", path));
    }

    private static Timeline NoiseTimeline() => new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30)
        .WithDuration(TimeSpan.FromSeconds(2)).AddVideo(NoiseClip(), TimeSpan.Zero, TimeSpan.FromSeconds(2)).Build();

    [Fact]
    public async Task Gif_OverItsSizeCap_IsReencodedSmallerUntilItFits()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("preset-gif-cap");
        string free = Path.Combine(folder, "free.gif"), capped = Path.Combine(folder, "capped.gif");
        RenderResult uncapped = await NoiseTimeline().RenderAsync(free, new RenderOptions { Platform = PlatformPreset.Gif }, cancellationToken: token);
        long firstPass = new FileInfo(free).Length;
        long cap = firstPass * 2 / 5; // well under the first pass: one or more smaller encodes are needed

        RenderResult result = await NoiseTimeline().RenderAsync(capped, new RenderOptions { Platform = PlatformPreset.Gif, MaxFileBytes = cap }, cancellationToken: token);

        Assert.Empty(uncapped.Warnings); // 2 s of 320 px noise is far under the default 15 MiB
        Assert.InRange(new FileInfo(capped).Length, 1, cap);
        Assert.Contains(result.Warnings, w => w.StartsWith("gif: ", StringComparison.Ordinal) && w.Contains("cap; written at", StringComparison.Ordinal));
        Dictionary<string, string> video = Probe(capped, "v:0", "codec_name,width,nb_read_frames", count: true);
        Assert.Equal("gif", video["codec_name"]);
        int width = int.Parse(video["width"], System.Globalization.CultureInfo.InvariantCulture);
        int frames = int.Parse(video["nb_read_frames"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(width < 320 || frames < 30, $"neither fewer pixels nor fewer frames: {width} px, {frames} frames");
        Assert.InRange(frames, 2 * GifSizeFit.MinFps - 1, 30); // still two seconds long
    }

    [Fact]
    public async Task Gif_ThatCannotFitItsCap_FailsNamingTheCapAndWritesNothing()
    {
        string output = Path.Combine(TestMedia.NewFolder("preset-gif-nofit"), "tiny.gif");

        VideoKitException ex = await Assert.ThrowsAsync<VideoKitException>(() => NoiseTimeline()
            .RenderAsync(output, new RenderOptions { Platform = PlatformPreset.Gif, MaxFileBytes = 2048 }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("does not fit in 0 MiB", ex.Message, StringComparison.Ordinal);
        Assert.Contains("120 px wide, 5 fps, 16 colours", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFileBytes", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!)); // no temporary files left behind
    }

    [Fact]
    public async Task Bitrate_AbovePlatformMaximumIsAnErrorNamingFieldAndLimit_AndACapIsKept()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("preset-bitrate");
        string refused = Path.Combine(folder, "refused.mp4"), capped = Path.Combine(folder, "capped.mp4"), free = Path.Combine(folder, "free.mp4");

        OptionsValidationException shorts = await Assert.ThrowsAsync<OptionsValidationException>(() => Stills(new Resolution(1080, 1920), TimeSpan.FromSeconds(0.5), null)
            .RenderAsync(refused, new RenderOptions { Platform = PlatformPreset.Shorts, MaxBitrateKbps = 20_000 }, cancellationToken: token));
        OptionsValidationException youtube4k = await Assert.ThrowsAsync<OptionsValidationException>(() => Stills(new Resolution(3840, 2160), TimeSpan.FromSeconds(0.5), null)
            .RenderAsync(refused, new RenderOptions { Platform = PlatformPreset.YouTube, MaxBitrateKbps = 50_000 }, cancellationToken: token));
        VideoKitException youtube1080 = await Assert.ThrowsAsync<VideoKitException>(() => Stills(Resolution.Hd1080, TimeSpan.FromSeconds(0.5), null)
            .RenderAsync(refused, new RenderOptions { Platform = PlatformPreset.YouTube, MaxBitrateKbps = 20_000 }, cancellationToken: token));
        await NoiseTimeline().RenderAsync(free, new RenderOptions { Crf = 10, Preset = "ultrafast" }, cancellationToken: token);
        await NoiseTimeline().RenderAsync(capped, new RenderOptions { Crf = 10, Preset = "ultrafast", MaxBitrateKbps = 600 }, cancellationToken: token);

        Assert.Contains("MaxBitrateKbps: is 20000 kbit/s, above the shorts preset's maximum of 12000 kbit/s", shorts.Message, StringComparison.Ordinal);
        Assert.Contains("above the youtube preset's maximum of 45000 kbit/s", youtube4k.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBitrateKbps is 20000 kbit/s, above the youtube preset's maximum of 12000 kbit/s at 1920x1080", youtube1080.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
        // The VBV model bounds what x264 may write: at most maxrate × length plus one full buffer (2 × maxrate), here
        // 600k × 2 s + 1200k bits; 10 % on top for the MP4 container.
        long freeBits = new FileInfo(free).Length * 8, cappedBits = new FileInfo(capped).Length * 8;
        Assert.True(freeBits > 4 * 2_400_000, $"the uncapped CRF 10 noise is only {freeBits} bits");
        Assert.InRange(cappedBits, 1, (600_000 * 2 + 1_200_000) * 1.1);
    }

    [Theory]
    [InlineData(".mov", "prores", "yuv422p10le", "HQ")]
    [InlineData(".mkv", "ffv1", null, null)]
    public async Task Master_ProResHqInMovOrFfv1InMkv(string extension, string codec, string? pixelFormat, string? profile)
    {
        string output = Path.Combine(TestMedia.NewFolder("preset-master"), "master" + extension);

        await Stills(new Resolution(320, 180), TimeSpan.FromSeconds(0.5), null)
            .RenderAsync(output, new RenderOptions { Platform = PlatformPreset.Master }, cancellationToken: TestContext.Current.CancellationToken);

        Dictionary<string, string> video = Probe(output, "v:0", "codec_name,pix_fmt,profile");
        Assert.Equal(codec, video["codec_name"]);
        if (pixelFormat is not null)
        {
            Assert.Equal(pixelFormat, video["pix_fmt"]);
            Assert.Equal(profile, video["profile"]);
        }
    }

    /// <summary>ffprobe's entries of one stream as key=value.</summary>
    internal static Dictionary<string, string> Probe(string file, string stream, string entries, bool count = false)
    {
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = ["-v", "error", .. count ? new[] { "-count_frames" } : [], "-select_streams", stream, "-show_entries", "stream=" + entries, "-of", "default=noprint_wrappers=1", file];
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim());
    }

    /// <summary>Walks the top-level MP4 boxes: true when moov comes before mdat.</summary>
    internal static bool MoovBeforeMdat(string file)
    {
        using FileStream s = File.OpenRead(file);
        Span<byte> header = stackalloc byte[16];
        while (s.Position + 8 <= s.Length)
        {
            long start = s.Position;
            s.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = System.Text.Encoding.ASCII.GetString(header[4..8]);
            if (size == 1)
            {
                s.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..16]);
            }

            if (type is "moov" or "mdat")
            {
                return type == "moov";
            }

            s.Position = start + size;
        }

        return false;
    }
}
