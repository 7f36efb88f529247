using VideoKit.Editing;
using VideoKit.Rendering;
using VideoKit.Zoom;

namespace VideoKit.Tests.Delivery;

public sealed class DeliveryUnitTests
{
    [Fact]
    public void RenderOptions_SeveralProblems_AreReportedAtOnce()
    {
        var options = new RenderOptions { MaxFramesInFlight = 0, Crf = 99, Preset = "warp", Options = new VideoKitOptions { MaxDegreeOfParallelism = 0 } };

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(options.Validate);

        Assert.Equal("RenderOptions", ex.OptionsName);
        Assert.Equal(4, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.StartsWith("MaxFramesInFlight: must be at least 1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Crf: CRF 99 is out of range", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Preset: 'warp' is not a H264 preset", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Options.MaxDegreeOfParallelism: must be at least 1", StringComparison.Ordinal));
        Assert.StartsWith("RenderOptions are invalid (4 problems):", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MontageAndZoomOptions_CollectNestedProblems()
    {
        var montage = new MontageOptions { Size = default, ClipAudioVolume = -1, Render = new RenderOptions { MaxFramesInFlight = 0 } };
        var zoom = new ZoomVideoOptions { ZoomFactor = 0.5, Path = new ZoomPathOptions { BeatPush = 2 }, Compositor = new ZoomCompositorOptions { FadeFraction = 0 } };

        OptionsValidationException m = Assert.Throws<OptionsValidationException>(montage.Validate);
        OptionsValidationException z = Assert.Throws<OptionsValidationException>(zoom.Validate);

        Assert.Equal(["Size", "ClipAudioVolume", "Render.MaxFramesInFlight"], m.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal(["ZoomFactor", "Path.BeatPush", "Compositor.FadeFraction"], z.Problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void Defaults_Are1080pEverywhere()
    {
        Assert.Equal(Resolution.Hd1080, MontageOptions.Default.Size);
        Assert.Equal(Resolution.Hd1080, ZoomVideoOptions.Default.Size);
    }

    [Fact]
    public void ParseEncoderList_ReadsVideoEncoderNamesOnly()
    {
        const string text = """
            Encoders:
             V..... = Video
             A..... = Audio
             ------
             V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
             V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
             V..... h264_qsv             H.264 / AVC (Intel Quick Sync Video acceleration) (codec h264)
             A....D aac                  AAC (Advanced Audio Coding)
            """;

        IReadOnlySet<string> names = HardwareEncoders.ParseEncoderList(text);

        Assert.Equal(["h264_nvenc", "h264_qsv", "libx264"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParseDecoderList_ReadsVideoDecoderNamesOnly()
    {
        const string text = """
            Decoders:
             V..... = Video
             ------
             V....D vp9                  Google VP9
             V..... libvpx-vp9           libvpx VP9 (codec vp9)
             A....D aac                  AAC (Advanced Audio Coding)
            """;

        Assert.Equal(["libvpx-vp9", "vp9"], AlphaDecoders.ParseDecoderList(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PixelFormatLists_AreParsedFromFFmpegsOwnOutput()
    {
        const string PixFmts = "Pixel formats:\nI.... = Supported Input  format for conversion\n-----\nIO... yuv420p                3             12      8-8-8\nIO... rgb24                  3             24      8-8-8\n..H.. vaapi                  0              0      0\n";
        const string Encoder = "Encoder libx264 [libx264 H.264 / AVC]:\n    General capabilities: dr1 delay threads\n    Supported pixel formats: yuv420p yuvj420p yuv444p\nlibx264 AVOptions:\n";

        Assert.Equal(["yuv420p", "rgb24", "vaapi"], EncoderPixelFormats.ParseKnown(PixFmts));
        Assert.Equal(["yuv420p", "yuvj420p", "yuv444p"], EncoderPixelFormats.ParseSupported(Encoder));
        Assert.Empty(EncoderPixelFormats.ParseSupported("Codec 'nosuch' is not recognized by FFmpeg."));
    }

    [Theory]
    [InlineData(EncoderBackend.Nvenc, VideoCodec.H264, "h264_nvenc")]
    [InlineData(EncoderBackend.Vaapi, VideoCodec.H265, "hevc_vaapi")]
    [InlineData(EncoderBackend.Qsv, VideoCodec.H264, "h264_qsv")]
    [InlineData(EncoderBackend.Software, VideoCodec.H265, "libx265")]
    public void EncoderName_MapsBackendAndCodec(EncoderBackend backend, VideoCodec codec, string expected) =>
        Assert.Equal(expected, HardwareEncoders.EncoderName(backend, codec));

    [Fact]
    public void HardwareEncoder_Arguments_ReplaceX264AndUploadForVaapi()
    {
        var settings = new VideoEncoderSettings { Size = new Resolution(64, 36), FrameRate = FrameRate.Fps30, HardwareEncoder = "h264_vaapi" };

        IReadOnlyList<string> args = EncoderArguments.Output(settings, hasAudio: false, ".mp4");

        Assert.DoesNotContain("libx264", args);
        Assert.Contains("h264_vaapi", args);
        Assert.Contains("format=nv12,hwupload", args);
    }

    [Theory]
    [InlineData("youtube", PlatformPreset.YouTube)]
    [InlineData("TikTok", PlatformPreset.TikTok)]
    [InlineData("gif", PlatformPreset.Gif)]
    public void PlatformNames_Parse(string name, PlatformPreset expected)
    {
        Assert.True(PlatformPresets.TryParse(name, out PlatformPreset preset));
        Assert.Equal(expected, preset);
    }

    [Fact]
    public void PlatformCheck_ListsEveryReason()
    {
        List<string> problems = PlatformPresets.Check(PlatformPreset.Shorts, "out.mkv", Resolution.Hd1080, TimeSpan.FromSeconds(200));

        Assert.Equal(3, problems.Count);
    }
}
