using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Delivery;

/// <summary>
/// Hardware encoder detection and fall-back with the real FFmpeg. On a machine without a GPU (this one, CI) every
/// listed hardware encoder fails its trial encode and the render falls back to libx264 with a one-line note; on a
/// machine where one works, the same tests check that it is used.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class HardwareEncoderTests
{
    [Fact]
    public async Task Detection_ListsTheBuildsEncoders_AndTrialsTellWhetherTheDeviceWorks()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        IReadOnlySet<string> listed = await HardwareEncoders.ListAsync(VideoKitOptions.Default, token);

        Assert.Contains("libx264", listed);
        Assert.Null(await HardwareEncoders.TrialAsync("libx264", VideoKitOptions.Default, token)); // the trial itself works
        string? nvenc = listed.Contains("h264_nvenc") ? await HardwareEncoders.TrialAsync("h264_nvenc", VideoKitOptions.Default, token) : "not listed";
        if (nvenc is not null)
        {
            Assert.NotEmpty(nvenc); // a reason, such as FFmpeg's "Cannot load libcuda.so.1"
        }
    }

    [Theory]
    [InlineData(EncoderBackend.Nvenc)]
    [InlineData(EncoderBackend.Vaapi)]
    [InlineData(EncoderBackend.Qsv)]
    [InlineData(EncoderBackend.Auto)]
    public async Task Render_WithAHardwareEncoder_UsesItOrFallsBackToX264WithANote(EncoderBackend backend)
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        EncoderSelection choice = await HardwareEncoders.SelectAsync(VideoCodec.H264, backend, VideoKitOptions.Default, token);
        string output = Path.Combine(TestMedia.NewFolder("hw-" + backend), "out.mp4");
        var logged = new List<string>();
        var options = new RenderOptions { Encoder = backend, Preset = "ultrafast", Options = new VideoKitOptions { Log = logged.Add } };
        Timeline timeline = new TimelineBuilder(new Resolution(160, 90), FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(0.3))
            .AddImage(TestMedia.Image("hw-still.png", 160, 90), TimeSpan.Zero, TimeSpan.FromSeconds(0.3)).Build();

        RenderResult result = await timeline.RenderAsync(output, options, cancellationToken: token);

        Assert.Equal(choice.Name, result.Encoder);
        Assert.Equal(choice.Reason, result.EncoderReason);
        Assert.Equal(9, (await VideoKit.Media.MediaProbe.ProbeAsync(output, cancellationToken: token)).PrimaryVideo!.FrameCount);
        if (choice.FellBack)
        {
            Assert.Equal("libx264", result.Encoder);
            Assert.Contains("using software libx264", result.EncoderReason, StringComparison.Ordinal);
            string note = Assert.Single(result.Warnings);
            Assert.DoesNotContain('\n', note);
            Assert.Equal([note], logged);
        }
        else
        {
            Assert.NotEqual("libx264", result.Encoder);
            Assert.Empty(result.Warnings);
        }
    }

    [Fact]
    public async Task NonH26xCodec_WithAHardwareRequest_SaysHardwareAppliesToH264AndH265Only()
    {
        EncoderSelection choice = await HardwareEncoders.SelectAsync(VideoCodec.ProRes, EncoderBackend.Nvenc, VideoKitOptions.Default, TestContext.Current.CancellationToken);

        Assert.Equal(("prores_ks", true), (choice.Name, choice.FellBack));
        Assert.Contains("H.264 and H.265 only", choice.Reason, StringComparison.Ordinal);
    }
}
