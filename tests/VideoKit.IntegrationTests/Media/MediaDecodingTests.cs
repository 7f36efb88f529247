using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Media;

[Trait("Category", "FFmpeg")]
public sealed class MediaDecodingTests
{
    [Fact]
    public async Task ProbeAsync_LavfiClip_ReportsSizeRateAndDuration()
    {
        string clip = TestMedia.Clip("probe-clip.mp4", 320, 240, 25, 2);

        MediaInfo info = await MediaProbe.ProbeAsync(clip, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotNull(info.PrimaryVideo);
        Assert.Equal(320, info.PrimaryVideo.Width);
        Assert.Equal(240, info.PrimaryVideo.Height);
        Assert.Equal(new FrameRate(25), info.PrimaryVideo.FrameRate);
        Assert.InRange(info.Duration.TotalSeconds, 1.9, 2.1);
        Assert.Null(info.PrimaryAudio);
    }

    [Fact]
    public async Task DecodeAsync_Tone_ReturnsExpectedSampleCountAndLevel()
    {
        string tone = TestMedia.Tone("decode-tone.wav", 1.5);

        AudioBuffer audio = await AudioDecoder.DecodeAsync(tone, 22_050, 1, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, audio.Channels);
        Assert.InRange(audio.FrameCount, 22_050 * 1.5 - 200, 22_050 * 1.5 + 200);
        double rms = Math.Sqrt(audio.Samples.Average(s => (double)s * s));
        Assert.InRange(rms, 0.05, 0.5);
    }

    [Fact]
    public async Task ReadFramesAsync_ScaledFromStart_YieldsFramesOfTargetSize()
    {
        string clip = TestMedia.Clip("frames-clip.mp4", 320, 240, 25, 2);
        var decode = new VideoDecodeOptions { Start = TimeSpan.FromSeconds(1), Size = new Resolution(160, 120) };

        int count = 0;
        await foreach (Frame frame in VideoDecoder.ReadFramesAsync(clip, decode, cancellationToken: TestContext.Current.CancellationToken))
        {
            using (frame)
            {
                Assert.Equal(160, frame.Width);
                Assert.Equal(120, frame.Height);
                count++;
            }
        }

        Assert.InRange(count, 24, 26);
    }

    [Fact]
    public async Task ProbeAsync_MissingFile_NamesTheFile()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => MediaProbe.ProbeAsync("/no/such/clip.mp4"));
        Assert.Equal("The media file '/no/such/clip.mp4' does not exist.", ex.Message);
    }

    [Fact]
    public async Task ProbeAsync_CorruptFile_NamesTheFile()
    {
        string path = Path.Combine(TestMedia.NewFolder("corrupt"), "broken.mp4");
        await File.WriteAllBytesAsync(path, [1, 2, 3, 4, 5, 6, 7, 8], TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<UnsupportedMediaException>(() => MediaProbe.ProbeAsync(path));
        Assert.StartsWith($"'{path}' is not a media file FFmpeg can read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAndSave_ImageWithAwkwardName_RoundTrips()
    {
        string folder = TestMedia.NewFolder("names");
        string source = TestMedia.Image("awkward-source.png", 64, 48);
        string awkward = Path.Combine(folder, "-leading dash 'quote' \"dq\" ünï.png");
        File.Copy(source, awkward);

        using Frame frame = await ImageFile.LoadAsync(awkward, cancellationToken: TestContext.Current.CancellationToken);
        string saved = Path.Combine(folder, "-saved copy ü.png");
        await ImageFile.SaveAsync(frame, saved, cancellationToken: TestContext.Current.CancellationToken);
        using Frame again = await ImageFile.LoadAsync(saved, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(64, frame.Width);
        Assert.True(frame.Span.SequenceEqual(again.Span));
    }
}
