using System.Globalization;
using VideoKit.Audio;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.IntegrationTests.Words;

[Trait("Category", "FFmpeg")]
public sealed class MixRenderTests
{
    private static readonly Resolution s_size = new(160, 90);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>A 2 kHz tone standing in for a voice (the compressor keys on level, not on speech), with short fades.</summary>
    private static string Voice(string name, double seconds, double volume = 0.3)
    {
        return TestMedia.CreateOnce(name, path =>
            TestMedia.FFmpeg("-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency=2000:sample_rate=48000:duration={seconds}"),
                "-af", string.Create(CultureInfo.InvariantCulture, $"volume={volume},afade=t=in:d=0.02,afade=t=out:st={seconds - 0.02}:d=0.02"), "-ac", "1", path));
    }

    /// <summary>The real band recording from tests/data, its first 8 s.</summary>
    private static string Song()
    {
        return TestMedia.CreateOnce("mix-song-8s.flac", path =>
            TestMedia.FFmpeg("-i", Path.Combine(TestMedia.DataFolder, "beats", "fof_feelings.flac"), "-t", "8", path));
    }

    private static async Task<string> RenderAsync(string name, AudioMix mix, string song, double seconds)
    {
        string still = TestMedia.Solid("mix-still.png", 160, 90, "0x202020");
        string output = Path.Combine(TestMedia.NewFolder(name), name + ".mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(song).WithDuration(S(seconds))
            .AddImage(still, TimeSpan.Zero, S(seconds)).WithAudio(mix).Build();
        RenderResult result = await timeline.RenderAsync(output, new RenderOptions { Preset = "ultrafast" }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.HasAudio);
        return output;
    }

    [Fact]
    public async Task Mix_WithNarration_IsNormalisedToTheTargetUnderTheCeiling()
    {
        var mix = new AudioMix { Tracks = [new AudioTrack { Path = Voice("mix-voice-2s.wav", 2), Start = S(3), Duck = true }], FadeIn = S(0.5), FadeOut = S(1) };

        string output = await RenderAsync("mix-loud", mix, Song(), 8);
        LoudnessMeasurement m = await AudioMixer.MeasureAsync(output, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(m.Integrated, -15, -13);
        Assert.True(m.TruePeak <= -1, $"true peak {m.TruePeak} dBTP");
    }

    [Fact]
    public async Task Mix_Ducking_LowersTheMusicByAtLeast10dBWhileTheVoiceSounds()
    {
        // Music: a steady 220 Hz tone, so its level can be read through the voice (2 kHz) with a narrow filter.
        string music = TestMedia.Tone("mix-music-220.wav", 6, 220);
        var mix = new AudioMix { Tracks = [new AudioTrack { Path = Voice("mix-voice-15s.wav", 1.5, 0.1), Start = S(2.5), Duck = true }] };

        string output = await RenderAsync("mix-duck", mix, music, 6);
        AudioBuffer audio = await AudioDecoder.DecodeAsync(output, 48_000, 1, cancellationToken: TestContext.Current.CancellationToken);

        double before = Level(audio, 1.0, 2.2), during = Level(audio, 2.9, 3.8), after = Level(audio, 4.8, 5.6);
        Assert.True(before - during >= 10, $"music {before:0.0} dB before the voice, {during:0.0} dB during it");
        Assert.True(Math.Abs(after - before) < 1.5, $"music {after:0.0} dB after the voice (released), {before:0.0} dB before");
    }

    [Fact]
    public async Task Mix_VoiceLongerThanTheVideo_IsAnErrorNamingTheFileAndTheLengths()
    {
        string voice = Voice("mix-voice-3s.wav", 3);
        var mix = new AudioMix { Tracks = [new AudioTrack { Path = voice, Start = S(2) }] };
        string still = TestMedia.Solid("mix-still.png", 160, 90, "0x202020");
        string output = Path.Combine(TestMedia.NewFolder("mix-long"), "out.mp4");
        Timeline timeline = new TimelineBuilder(s_size, FrameRate.Fps30).WithSong(TestMedia.Tone("mix-song-4s.wav", 4)).AddImage(still, TimeSpan.Zero, S(4)).WithAudio(mix).Build();

        TimelineValidationException ex = await Assert.ThrowsAsync<TimelineValidationException>(() => timeline.RenderAsync(output, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"audio.tracks[0].file: '{voice}' is 3 s long and starts at 2 s, so it would end at 5 s, after the video (4 s)", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>The 220 Hz level in dB over a window (Goertzel).</summary>
    private static double Level(AudioBuffer audio, double from, double to)
    {
        int a = (int)(from * audio.SampleRate), b = (int)(to * audio.SampleRate);
        double w = 2 * Math.PI * 220 / audio.SampleRate, coeff = 2 * Math.Cos(w), s1 = 0, s2 = 0;
        for (int i = a; i < b; i++)
        {
            double s0 = audio.Samples[i] + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        double power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);
        return 10 * Math.Log10(power / ((b - a) * (double)(b - a)) + 1e-20);
    }
}
