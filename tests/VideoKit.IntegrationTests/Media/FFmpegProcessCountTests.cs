using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Media;

/// <summary>Every FFmpeg process (probe, decoder, encoder) goes through one layer that counts what it starts.</summary>
[Trait("Category", "FFmpeg")]
public sealed class FFmpegProcessCountTests
{
    [Fact]
    public async Task CountsProbesDecodersAndEncodersInItsScopeOnly()
    {
        string clip = TestMedia.Clip("count-clip.mp4", 64, 48, 10, 0.5);
        string dir = TestMedia.NewFolder("count");
        using FFmpegProcessCount outer = FFmpegProcessCount.Begin();
        await MediaProbe.ProbeAsync(clip);
        using (FFmpegProcessCount inner = FFmpegProcessCount.Begin())
        {
            await foreach (Frame frame in VideoDecoder.ReadFramesAsync(clip))
            {
                frame.Dispose();
            }

            await using VideoEncoder encoder = VideoEncoder.Open(Path.Combine(dir, "out.mp4"), new VideoEncoderSettings
            {
                Size = new Resolution(64, 48), FrameRate = FrameRate.Fps30, Codec = VideoCodec.H264, Preset = "ultrafast",
            });
            using var black = new Frame(64, 48);
            await encoder.WriteFrameAsync(black);
            await encoder.CompleteAsync();
            Assert.Equal(1, inner.Probes); // the decoder probes its file once
            Assert.Equal(1, inner.Decoders);
            Assert.Equal(1, inner.Encoders);
        }

        Assert.Equal(2, outer.Probes);
        Assert.Equal(1, outer.Decoders);
        Assert.Equal(1, outer.Encoders);
        Assert.Contains(outer.Started, s => s.Kind == FFmpegProcessKind.Encoder && s.CommandLine.Contains("libx264", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir, "out.mp4")));
    }
}
