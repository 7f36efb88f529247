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
        string dir = TestMedia.NewFolder("count");
        string clip = Path.Combine(dir, "clip.mp4"); // a fresh copy: no earlier test has probed it into the media-info cache
        File.Copy(TestMedia.Clip("count-clip.mp4", 64, 48, 10, 0.5), clip);
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
            Assert.Equal(0, inner.Probes); // the decoder finds the file's probe in the media-info cache
            Assert.Equal(1, inner.Decoders);
            Assert.Equal(1, inner.Encoders);
        }

        Assert.Equal(1, outer.Probes);
        Assert.Equal(1, outer.Decoders);
        Assert.Equal(1, outer.Encoders);
        Assert.Contains(outer.Started, s => s.Kind == FFmpegProcessKind.Encoder && s.CommandLine.Contains("libx264", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(dir, "out.mp4")));
    }
}
