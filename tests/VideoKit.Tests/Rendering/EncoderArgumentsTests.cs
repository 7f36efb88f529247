using VideoKit.Rendering;

namespace VideoKit.Tests.Rendering;

public sealed class EncoderArgumentsTests
{
    private static VideoEncoderSettings Settings(VideoCodec codec = VideoCodec.H264, int? crf = null, string? preset = null, string? pixelFormat = null) => new()
    {
        Size = new Resolution(1280, 720),
        FrameRate = FrameRate.Ntsc30,
        Codec = codec,
        Crf = crf,
        Preset = preset,
        PixelFormat = pixelFormat,
        AudioDuration = TimeSpan.FromSeconds(12.5),
    };

    [Fact]
    public void Create_H264Defaults_PipesYuvTaggedBt709AndMapsTheSong()
    {
        var pipe = new EncoderPipeSource(EncoderArguments.PipeInput(Settings()), System.Threading.Channels.Channel.CreateUnbounded<SharedFrameBuffer>().Reader);

        string args = EncoderArguments.Create(Settings(), pipe, "/music/my \"song\".flac", "/out/-video ü.mp4").Arguments;

        Assert.Matches(
            "^-f rawvideo -pix_fmt yuv420p -s 1280x720 -framerate 30000/1001 -color_range tv -colorspace bt709 -color_primaries bt709 -color_trc bt709 -i \"[^\"]+\" " +
            "-t 12.5 -i \"/music/my \\\\\"song\\\\\".flac\" " +
            "-nostats -y -map 0:v:0 -map 1:a:0 -c:v libx264 -preset medium -crf 20 -pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv " +
            "-c:a aac -b:a 192k -movflags \\+faststart \"/out/-video ü.mp4\"$",
            args);
    }

    [Fact]
    public void Output_H264OnTheKeyframeGrid_TurnsOffX264sThreadedLookahead()
    {
        // x264's threaded look-ahead made repeated encodes of the same frames differ now and then (timing-dependent);
        // a whole render and its segments must encode alike, so grid renders run the look-ahead in step.
        IReadOnlyList<string> args = EncoderArguments.Output(Grid(VideoCodec.H264), hasAudio: false, ".mp4");

        int at = args.ToList().IndexOf("-x264opts");
        Assert.True(at > 0, string.Join(' ', args));
        Assert.Equal("sync-lookahead=0", args[at + 1]);
        Assert.Contains("-force_key_frames", args);
        Assert.DoesNotContain("-x264opts", EncoderArguments.Output(Grid(VideoCodec.H265), hasAudio: false, ".mp4"));
    }

    private static VideoEncoderSettings Grid(VideoCodec codec) => new()
    {
        Size = new Resolution(1280, 720),
        FrameRate = FrameRate.Ntsc30,
        Codec = codec,
        KeyframeInterval = 60,
    };

    [Fact]
    public void Output_ProRes_PipesRgbaAndLetsFFmpegConvertWithBt709()
    {
        IReadOnlyList<string> args = EncoderArguments.Output(Settings(VideoCodec.ProRes), hasAudio: true, ".mov");

        Assert.Equal(TransportFormat.Rgba, EncoderArguments.Transport(Settings(VideoCodec.ProRes)));
        Assert.Equal(
            ["-nostats", "-y", "-map", "0:v:0", "-map", "1:a:0", "-c:v", "prores_ks", "-profile:v", "3", "-vendor", "apl0",
             "-vf", "scale=out_color_matrix=bt709:out_range=tv:flags=bicubic,format=yuv422p10le", "-pix_fmt", "yuv422p10le",
             "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", "-c:a", "pcm_s16le", "-movflags", "+faststart"],
            args);
    }

    [Theory]
    [InlineData(VideoCodec.H265, "-c:v libx265 -preset slow -crf 28 -x265-params log-level=error")]
    [InlineData(VideoCodec.Vp9, "-c:v libvpx-vp9 -crf 28 -b:v 0 -deadline good -cpu-used 4 -row-mt 1")]
    public void Output_OtherCodecs_UseTheirPresets(VideoCodec codec, string expected)
    {
        string preset = codec == VideoCodec.Vp9 ? "good" : "slow";

        string args = string.Join(' ', EncoderArguments.Output(Settings(codec, 28, preset), hasAudio: false, ".mkv"));

        Assert.Contains(expected, args, StringComparison.Ordinal);
        Assert.DoesNotContain("1:a:0", args, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_Ffv1_IsLosslessRgbWithFlac()
    {
        string args = string.Join(' ', EncoderArguments.Output(Settings(VideoCodec.Ffv1), hasAudio: true, ".mkv"));

        Assert.Equal(TransportFormat.Rgba, EncoderArguments.Transport(Settings(VideoCodec.Ffv1)));
        Assert.Equal("-nostats -y -map 0:v:0 -map 1:a:0 -c:v ffv1 -level 3 -g 1 -pix_fmt bgr0 -c:a flac", args);
    }

    [Theory]
    [InlineData(VideoCodec.H264, 52, null, "CRF 52 is out of range for H264: use 0 to 51.")]
    [InlineData(VideoCodec.H264, null, "fastest", "'fastest' is not a H264 preset; use one of: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow, placebo.")]
    [InlineData(VideoCodec.ProRes, 20, null, "CRF does not apply to ProRes; leave it unset.")]
    [InlineData(VideoCodec.Ffv1, null, "fast", "A preset does not apply to Ffv1; leave it unset.")]
    public void Validate_BadSettings_SaysWhatIsAllowed(VideoCodec codec, int? crf, string? preset, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => EncoderArguments.Validate(Settings(codec, crf, preset)));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a b", "\"a b\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\slash\"")]
    [InlineData("end\\", "\"end\\\\\"")]
    [InlineData("q\\\"", "\"q\\\\\\\"\"")]
    public void Quote_SpecialCharacters_FollowTheArgvRules(string input, string expected)
    {
        Assert.Equal(expected, ArgumentQuoting.Quote(input));
    }

    [Fact]
    public void FitFilter_EachMode_ScalesCropsOrPads()
    {
        var size = new Resolution(640, 360);

        Assert.Equal("scale=640:360:force_original_aspect_ratio=increase:flags=bicubic,format=rgba,crop=640:360,setsar=1", FitFilter.Build(FitMode.Cover, size));
        Assert.Equal("scale=640:360:force_original_aspect_ratio=decrease:flags=bicubic,format=rgba,pad=640:360:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1", FitFilter.Build(FitMode.Contain, size));
        Assert.Equal("scale=640:360:flags=bicubic,format=rgba,setsar=1", FitFilter.Build(FitMode.Stretch, size));
    }

    [Theory]
    [InlineData("yuv420p", "bt709", "tv", "Keep")]
    [InlineData("yuv420p", "bt709", "", "Keep")]
    [InlineData("yuv420p", "", "", "FromBt601")]
    [InlineData("yuv422p", "smpte170m", "tv", "FromBt601")]
    [InlineData("yuv420p", "bt470bg", "", "FromBt601")]
    [InlineData("yuvj420p", "", "", "Convert")]
    [InlineData("yuv420p", "bt709", "pc", "Convert")]
    [InlineData("yuv420p10le", "bt2020nc", "tv", "Convert")]
    [InlineData("nv12", "", "", "Convert")]
    public void MatrixFor_TagsAndLayout_PickTheCheapestCorrectConversionToBt709Limited(string pixelFormat, string space, string range, string expected)
    {
        var video = new VideoKit.Media.VideoStreamInfo
        {
            Index = 0, Codec = "h264", Width = 64, Height = 36, FrameRate = FrameRate.Fps30, Duration = TimeSpan.FromSeconds(1), FrameCount = 30,
            Rotation = 0, PixelFormat = pixelFormat, ColorSpace = space, ColorRange = range,
        };

        Assert.Equal(expected, FitFilter.MatrixFor(video).ToString());
    }

    [Fact]
    public void BuildYuv_EachMatrix_ConvertsOnceInTheRightPlace()
    {
        var size = new Resolution(64, 36);

        Assert.Equal("scale=64:36:flags=bicubic,format=yuv420p,setsar=1", FitFilter.BuildYuv(FitMode.Stretch, size, FitFilter.YuvMatrix.Keep));
        Assert.Equal("scale=64:36:flags=bicubic,colorspace=all=bt709:iall=bt601-6-625:irange=tv:range=tv:fast=1,format=yuv420p,setsar=1", FitFilter.BuildYuv(FitMode.Stretch, size, FitFilter.YuvMatrix.FromBt601));
        Assert.Equal("scale=64:36:force_original_aspect_ratio=increase:flags=bicubic:out_color_matrix=bt709:out_range=tv,crop=64:36,format=yuv420p,setsar=1", FitFilter.BuildYuv(FitMode.Cover, size, FitFilter.YuvMatrix.Convert));
    }

    [Fact]
    public void ClipArguments_InPointAndDuration_SeekBeforeInputAndResampleToTheOutputRate()
    {
        IReadOnlyList<string> args = VideoClipSource.BuildArguments("/clips/-a.mp4", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2), FitMode.Stretch, new Resolution(64, 36), FrameRate.Ntsc30);

        Assert.Equal(
            ["-hide_banner", "-nostdin", "-v", "error", "-ss", "1.5", "-i", "/clips/-a.mp4", "-t", "2", "-map", "0:v:0", "-an", "-sn", "-dn",
             "-vf", "fps=30000/1001,scale=64:36:flags=bicubic,format=rgba,setsar=1", "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"],
            args);
    }

    [Fact]
    public void SharedDecoderArguments_TwoSpans_OneInputEachExactFrameCountsThenOneFit()
    {
        IReadOnlyList<string> args = ClipDecoderGroup.BuildArguments("/clips/a.mp4",
            [(TimeSpan.Zero, TimeSpan.FromSeconds(1), 1.0, 30L), (TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(0.5), 2.0, 15L)],
            FitMode.Stretch, new Resolution(64, 36), FrameRate.Fps30, FitFilter.YuvMatrix.Keep);

        // The first span has no seek; the second seeks and reads its half second at twice the speed (plus a frame).
        Assert.Equal(
            ["-hide_banner", "-nostdin", "-v", "error",
             "-threads", "1", "-t", "1.033333", "-i", "/clips/a.mp4",
             "-ss", "2.5", "-threads", "1", "-t", "1.033333", "-i", "/clips/a.mp4",
             "-filter_complex",
             "[0:v:0]fps=30,tpad=stop=-1:stop_mode=clone,trim=end_frame=30,setpts=PTS-STARTPTS[vk0];"
             + "[1:v:0]setpts=(PTS-STARTPTS)/2,fps=30,tpad=stop=-1:stop_mode=clone,trim=end_frame=15,setpts=PTS-STARTPTS[vk1];"
             + "[vk0][vk1]concat=n=2:v=1:a=0,scale=64:36:flags=bicubic,format=yuv420p,setsar=1[vkout]",
             "-map", "[vkout]", "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1"],
            args);
    }

    [Theory]
    [InlineData("out.mp4", VideoCodec.H264)]
    [InlineData("out.MP4", VideoCodec.Vp9)]
    [InlineData("out.mov", VideoCodec.ProRes)]
    [InlineData("out.webm", VideoCodec.Vp9)]
    [InlineData("out.mkv", VideoCodec.Ffv1)]
    public void CheckContainer_FittingPairs_Pass(string path, VideoCodec codec)
    {
        EncoderArguments.CheckContainer(path, codec);
    }

    [Theory]
    [InlineData("c_prores.mp4", VideoCodec.ProRes, "'c_prores.mp4': a .mp4 file cannot hold ProRes video; write ProRes to .mov or .mkv, or use h264, h265, vp9 for .mp4.")]
    [InlineData("out.webm", VideoCodec.H264, "'out.webm': a .webm file cannot hold H264 video; write H264 to .mp4 or .mov or .m4v or .mkv, or use vp9 for .webm.")]
    [InlineData("x.xyz", VideoCodec.H264, "'x.xyz' has an extension FFmpeg cannot write video to; use .mp4, .mov, .mkv or .webm.")]
    [InlineData("video", VideoCodec.H264, "'video' has no extension; use .mp4, .mov, .mkv or .webm.")]
    public void CheckContainer_MismatchOrUnknownExtension_NamesTheOutput(string path, VideoCodec codec, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => EncoderArguments.CheckContainer(path, codec));

        Assert.Equal(message + " (Parameter 'outputPath')", ex.Message);
    }

    [Fact]
    public void NameTheOutput_TemporaryFileInFFmpegsLog_IsReplacedByTheOutput()
    {
        const string temp = "/videos/.x.videokit-cf795454.tmp.mp4";

        Assert.Equal("/videos/x.mp4: Invalid argument", VideoEncoder.NameTheOutput(temp + ": Invalid argument", temp, "/videos/x.mp4"));
        Assert.Equal("Could not write header for x.mp4", VideoEncoder.NameTheOutput("Could not write header for .x.videokit-cf795454.tmp.mp4", temp, "/videos/x.mp4"));
    }
}
