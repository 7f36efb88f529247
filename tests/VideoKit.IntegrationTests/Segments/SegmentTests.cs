using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.IntegrationTests.Segments;

[Trait("Category", "FFmpeg")]
public sealed class SegmentTests
{
    [Fact]
    public async Task Lossless_OnePieceAndFiveSegments_DecodeToIdenticalFrames()
    {
        string folder = TestMedia.NewFolder("seg-lossless");
        Timeline timeline = SegmentMedia.SmallTimeline();
        var options = new RenderOptions { Crf = 0, Preset = "ultrafast" }; // x264 CRF 0 with 8-bit input is lossless (qp 0)

        SegmentPlan five = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(5), options, cancellationToken: TestContext.Current.CancellationToken);
        string joined = await SegmentMedia.RenderInPiecesAsync(five, folder, "five");
        string single = Path.Combine(folder, "single.mp4"); // the ordinary render, in one piece
        await new Renderer(options).RenderAsync(timeline, single, cancellationToken: TestContext.Current.CancellationToken);

        string[] a = SegmentMedia.FrameMd5(single), b = SegmentMedia.FrameMd5(joined);
        Assert.Equal(120, a.Length);
        Assert.Equal(a, b); // pts, duration, size and picture hash of every frame
        Assert.Equal(5, five.Segments.Count);
        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), five.Segments.SelectMany(s => Enumerable.Range((int)s.Frames.Start, (int)s.Frames.Count).Select(i => (long)i)));
    }

    [Fact]
    public async Task Lossless_TextStartingOnASegmentsFirstFrame_IsOnThatFrameAsInTheWholeRender()
    {
        // Nine segments of 20 frames: frames 40 and 100 start segments at 1.333333 s and 3.333333 s, whose offsets in
        // 1/30 s ticks (39.99999, 99.99999) setpts would truncate. The text appears at 3.33 s (ASS keeps centiseconds),
        // so on frame 100 (3.3333 s) and not on frame 99 (3.3 s), in the whole render and in the segments alike.
        string folder = TestMedia.NewFolder("seg-text");
        string still = TestMedia.Solid("seg-text-grey.png", 320, 180, "0x405060");
        var text = new VideoKit.Text.TextLayer
        {
            Overlays = [new VideoKit.Text.TextOverlay { Text = "NOW", Start = TimeSpan.FromSeconds(100 / 30.0), Duration = TimeSpan.FromSeconds(1) }],
        };
        Timeline timeline = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps30).WithDuration(TimeSpan.FromSeconds(6))
            .AddImage(still, TimeSpan.Zero, TimeSpan.FromSeconds(6)).WithText(text).Build();
        var options = new RenderOptions { Crf = 0, Preset = "ultrafast" };

        SegmentPlan nine = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(9), options, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(nine.Segments, s => s.Frames.Start == 100);
        string joined = await SegmentMedia.RenderInPiecesAsync(nine, folder, "nine");
        string single = Path.Combine(folder, "single.mp4");
        await new Renderer(options).RenderAsync(timeline, single, cancellationToken: TestContext.Current.CancellationToken);

        string[] a = SegmentMedia.FrameMd5(single), b = SegmentMedia.FrameMd5(joined);
        Assert.Equal(180, a.Length);
        Assert.NotEqual(a[99].Split(',')[^1], a[100].Split(',')[^1]); // the text appears on frame 100
        int[] differ = [.. Enumerable.Range(0, a.Length).Where(i => a[i] != b[i])];
        Assert.True(differ.Length == 0, "frames that differ from the whole render: " + string.Join(", ", differ));
    }

    [Fact]
    public async Task DefaultCodec_FiveSegments_EveryFrameWithinATenthOfADecibelOfTheWholeRender()
    {
        // 10 s: five segments of at least one key-frame interval (2 s) each, as a lossy plan needs.
        string folder = TestMedia.NewFolder("seg-lossy");
        Timeline timeline = SegmentMedia.SmallTimeline("seglossy", 320, 180, 10);
        string reference = Path.Combine(folder, "reference.mp4");
        await new Renderer(new RenderOptions { Crf = 0, Preset = "ultrafast" }).RenderAsync(timeline, reference, cancellationToken: TestContext.Current.CancellationToken);

        string single = Path.Combine(folder, "single.mp4"); // the ordinary render, in one piece, default codec (H.264 CRF 20 medium)
        await new Renderer().RenderAsync(timeline, single, cancellationToken: TestContext.Current.CancellationToken);
        SegmentPlan five = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(5), cancellationToken: TestContext.Current.CancellationToken);
        string joined = await SegmentMedia.RenderInPiecesAsync(five, folder, "five", soundApart: true); // the sound as its own job, copied by the stitch

        Assert.Equal(120, five.WarmUpFrames);
        Assert.All(five.Segments, s => Assert.Equal(0, s.Frames.Start % five.KeyframeInterval));
        double[] p1 = SegmentMedia.FramePsnr(single, reference), p5 = SegmentMedia.FramePsnr(joined, reference);
        Assert.Equal(300, SegmentMedia.FrameMd5(joined).Length);
        Assert.Equal(p1.Length, p5.Length);
        double[] gap = [.. p1.Zip(p5, (x, y) => Math.Abs(x - y))];
        int worst = Array.IndexOf(gap, gap.Max());
        TestContext.Current.TestOutputHelper?.WriteLine($"mean PSNR: 5 segments {p5.Average():0.000} dB, whole {p1.Average():0.000} dB; largest per-frame gap {gap[worst]:0.000} dB at frame {worst}");
        Assert.True(gap[worst] <= 0.1, $"frame {worst}: {p5[worst]:0.000} dB in 5 segments, {p1[worst]:0.000} dB whole");
        foreach (string file in (string[])[single, joined])
        {
            (double video, double audio) = SegmentMedia.StreamDurations(file);
            Assert.InRange(Math.Abs(video - audio), 0, 1.0 / 30);
            Assert.InRange(Math.Abs(video - 10.0), 0, 1.0 / 30);
        }
    }

    // x264 needed sync-lookahead=0 to encode the same frames alike every time (KeyframeGrid); x265 and libvpx-vp9, with
    // the grid's settings, are repeatable as they are: the same segment rendered four times, two at once, is the same.
    [Theory]
    [InlineData(VideoCodec.H265)]
    [InlineData(VideoCodec.Vp9)]
    public async Task H265AndVp9_TheSameSegmentRenderedFourTimesUnderLoad_IsTheSameEveryTime(VideoCodec codec)
    {
        string folder = TestMedia.NewFolder("seg-repeat-" + codec);
        Timeline timeline = SegmentMedia.SmallTimeline("segrepeat", 320, 180, 6);
        SegmentPlan plan = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(3), new RenderOptions { Codec = codec }, cancellationToken: TestContext.Current.CancellationToken);
        string[] parts = [.. Enumerable.Range(1, 4).Select(i => Path.Combine(folder, $"part-{i}.mp4"))];

        for (int i = 0; i < parts.Length; i += 2)
        {
            await Task.WhenAll(parts[i..(i + 2)].Select(part => SegmentRenderer.RenderAsync(plan, 2, part, cancellationToken: TestContext.Current.CancellationToken)));
        }

        string[] first = SegmentMedia.FrameMd5(parts[0]);
        Assert.Equal(60, first.Length);
        Assert.All(parts[1..], part => Assert.Equal(first, SegmentMedia.FrameMd5(part)));
        Assert.All(parts[1..], part => Assert.Equal(File.ReadAllBytes(parts[0]).Length, File.ReadAllBytes(part).Length));
    }

    [Fact]
    public async Task Stitch_TimelineWithAnAudioMix_HasTheWholeRendersSound()
    {
        string folder = TestMedia.NewFolder("seg-mix");
        string voice = TestMedia.Tone("segmix-voice.wav", 1, 880);
        var mix = new VideoKit.Audio.AudioMix
        {
            Tracks = [new VideoKit.Audio.AudioTrack { Path = voice, Start = TimeSpan.FromSeconds(1), Duck = true }],
            FadeOut = TimeSpan.FromSeconds(0.5),
        };
        Timeline timeline = SegmentMedia.SmallTimeline("segmix", 160, 90, 3, mix);
        var options = new RenderOptions { Crf = 0, Preset = "ultrafast" };
        string single = Path.Combine(folder, "single.mp4");
        await new Renderer(options).RenderAsync(timeline, single, cancellationToken: TestContext.Current.CancellationToken);
        SegmentPlan two = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(2), options, cancellationToken: TestContext.Current.CancellationToken);
        string joined = await SegmentMedia.RenderInPiecesAsync(two, folder, "two");
        string apart = await SegmentMedia.RenderInPiecesAsync(two, folder, "apart", soundApart: true); // the mix encoded beside the segments

        string plain = Path.Combine(folder, "plain.mp4"); // the same timeline without the mix: the plain song
        await new Renderer(options).RenderAsync(SegmentMedia.SmallTimeline("segmix", 160, 90, 3), plain, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(SegmentMedia.AudioMd5(plain), SegmentMedia.AudioMd5(single));
        Assert.Equal(SegmentMedia.AudioMd5(single), SegmentMedia.AudioMd5(joined));
        Assert.Equal(SegmentMedia.AudioMd5(single), SegmentMedia.AudioMd5(apart));
        Assert.Equal(SegmentMedia.FrameMd5(single), SegmentMedia.FrameMd5(joined));
        Assert.Equal(SegmentMedia.FrameMd5(single), SegmentMedia.FrameMd5(apart));
    }

    [Fact]
    public async Task Stitch_PartsOutOfOrderOtherPlanOrIncomplete_NamesThePartAndWritesNothing()
    {
        string folder = TestMedia.NewFolder("seg-check");
        Timeline timeline = SegmentMedia.SmallTimeline("segchk", 160, 90, 2);
        var options = new RenderOptions { Preset = "ultrafast", Crf = 0 }; // lossless: segments may start on any frame
        SegmentPlan plan = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(3), options, cancellationToken: TestContext.Current.CancellationToken);
        SegmentPlan other = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(3), new RenderOptions { Preset = "superfast", Crf = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        string[] parts = new string[3];
        for (int k = 1; k <= 3; k++)
        {
            parts[k - 1] = Path.Combine(folder, $"part-{k}.mp4");
            await SegmentRenderer.RenderAsync(plan, k, parts[k - 1], cancellationToken: TestContext.Current.CancellationToken);
        }

        string output = Path.Combine(folder, "out.mp4");
        var swapped = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(plan, [parts[0], parts[2], parts[1]], output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("part-3.mp4' is segment 3/3, but was given as segment 2/3", swapped.Message, StringComparison.Ordinal);
        var foreign = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(other, parts, output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("belongs to another project or split", foreign.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(plan, parts[..2], output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("The plan has 3 segments; 2 part(s)", missing.Message, StringComparison.Ordinal);

        string cut = Path.Combine(folder, "part-2-cut.mp4");
        TestMedia.FFmpeg("-i", parts[1], "-frames:v", "5", "-c", "copy", "-movflags", "use_metadata_tags", cut);
        var incomplete = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(plan, [parts[0], cut, parts[2]], output, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("holds 5 frames", incomplete.Message, StringComparison.Ordinal);

        // A sound encoded for other settings, or a video given as the sound, is refused by name.
        string otherSound = Path.Combine(folder, "other-sound.m4a");
        await SegmentAudio.EncodeAsync(other, otherSound, TestContext.Current.CancellationToken);
        var foreignSound = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(plan, parts, output, otherSound, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("other-sound.m4a' belongs to another project or other settings", foreignSound.Message, StringComparison.Ordinal);
        var videoSound = await Assert.ThrowsAsync<ArgumentException>(() => SegmentStitcher.StitchAsync(plan, parts, output, parts[0], cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("part-1.mp4' has a video stream", videoSound.Message, StringComparison.Ordinal);
        var wrongBox = await Assert.ThrowsAsync<ArgumentException>(() => SegmentAudio.EncodeAsync(plan, Path.Combine(folder, "sound.wav"), TestContext.Current.CancellationToken));
        Assert.Contains("cannot hold aac", wrongBox.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));

        await SegmentStitcher.StitchAsync(plan, parts, output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(60, SegmentMedia.FrameMd5(output).Length);
    }
}
