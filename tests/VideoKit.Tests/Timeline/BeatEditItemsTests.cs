using VideoKit.Audio;
using VideoKit.Editing;
using VideoKit.Rendering;
using VideoKit.Rhythm;
using TimelineModel = VideoKit.Timeline;

namespace VideoKit.Tests.Timeline;

/// <summary>The beat editor's plan as ordinary timeline items: one per segment, the planned windows, effects, handles.</summary>
public sealed class BeatEditItemsTests
{
    private static readonly string s_a = TestFiles.Touch("beat-items-a.png");
    private static readonly string s_b = TestFiles.Touch("beat-items-b.png");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static EditPlan Plan(Transition transition, OnsetEffect? effect = null)
    {
        BeatGrid grid = BeatGrid.FromTempo(120, S(0.25), 4, S(8));
        return new BeatEditor { Cut = CutRule.EveryBeats(2), Transition = transition, OnsetEffect = effect }.Plan(grid, 2, FrameRate.Fps30);
    }

    [Fact]
    public async Task CreateTimeline_CrossfadePlan_OneItemPerSegmentOnItsPlannedFramesWithThePlannedWindows()
    {
        EditPlan plan = Plan(Transition.CrossfadeBeats(0.5));
        (TimelineModel timeline, IReadOnlyList<ClipFit> fits) = await BeatMontage.CreateTimelineAsync(
            plan, [MontageClip.Image(s_a), MontageClip.Image(s_b)], new Resolution(64, 36), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(plan.Segments.Length, timeline.Items.Count);
        Assert.Equal(plan.Segments.Length, fits.Count);
        Assert.Equal(plan.TotalFrames, timeline.FrameCount);
        var rendered = new TimelinePlan(timeline.Items, timeline.FrameRate, plan.TotalFrames);
        for (int i = 0; i < plan.Segments.Length; i++)
        {
            Assert.Equal(plan.Segments[i].StartFrame, timeline.Items[i].StartFrame);
            Assert.Equal(plan.Segments[i].EndFrame, timeline.Items[i].EndFrame);
        }

        foreach (PlannedCut cut in plan.Cuts)
        {
            TimelineItem incoming = timeline.Items[cut.Index + 1];
            Assert.Equal(TransitionKind.Crossfade, incoming.Transition.Kind);
            Assert.Null(incoming.Transition.Beats);   // resolved to this cut's length
            TransitionFrame window = rendered.TransitionFrameOf(cut.Index + 1, cut.Frame);
            Assert.Equal(cut.TransitionStartFrame, window.StartFrame);
            Assert.Equal(cut.TransitionEndFrame, window.EndFrame);

            // Both pictures inside the window; the incoming item alone from its end: no frame is lost.
            Assert.Equal(cut.Index, rendered.Resolve(cut.TransitionStartFrame).From);
            Assert.Equal(new FrameComposition(-1, cut.Index + 1, 1), rendered.Resolve(cut.TransitionEndFrame));
        }
    }

    [Fact]
    public async Task CreateTimeline_OnsetFlashes_BecomeEffectsOnThePlannedFrames()
    {
        BeatGrid plain = BeatGrid.FromTempo(120, S(0.25), 4, S(8));
        float[] envelope = new float[800];
        foreach (Beat b in plain.Beats)
        {
            envelope[(int)Math.Round(b.Time.TotalSeconds * 100)] = b.Index % 4 == 3 ? 1f : 0.2f;   // strong between cuts
        }

        var grid = new BeatGrid(plain.Beats, 4, plain.Duration, 1, new OnsetEnvelope(envelope, 100));
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2), OnsetEffect = new OnsetEffect { Kind = OnsetEffectKind.Flash } }.Plan(grid, 2, FrameRate.Fps30);
        Assert.NotEmpty(plan.Effects);

        (TimelineModel timeline, _) = await BeatMontage.CreateTimelineAsync(
            plan, [MontageClip.Image(s_a), MontageClip.Image(s_b)], new Resolution(64, 36), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(plan.Effects.Length, timeline.Effects.Count);
        for (int i = 0; i < plan.Effects.Length; i++)
        {
            TimelineEffect e = timeline.Effects[i];
            Assert.Equal(TimelineEffectKind.Flash, e.Kind);
            Assert.Equal(plan.Effects[i].Frame, timeline.FrameRate.NearestFrameAt(e.Start));
            Assert.Equal(plan.Effects[i].Frame + plan.Effects[i].FrameCount, timeline.FrameRate.NearestFrameAt(e.Start + e.Duration));
            Assert.Equal(plan.Effects[i].Strength, e.Strength);
        }
    }

    [Fact]
    public void LocalTime_ItemWithHandles_ReachesIntoTheLeadInAndTailInsteadOfHolding()
    {
        var playback = new ClipPlayback { LeadIn = S(0.2), Tail = S(0.1) };
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(3))
            .AddImage(s_a, S(0), S(1))
            .AddVideo(s_b, S(1), S(1), S(0), playback)
            .Build();
        TimelineItem item = timeline.Items[1];

        Assert.Equal(-S(0.1), TimelinePlan.LocalTime(item, timeline.FrameRate, 27));
        Assert.Equal(-S(0.2), TimelinePlan.LocalTime(item, timeline.FrameRate, 0));        // clamped to the lead-in
        Assert.Equal(S(1.1) - TimeSpan.FromTicks(1), TimelinePlan.LocalTime(item, timeline.FrameRate, 80));   // clamped to the tail
        Assert.Equal(S(0), TimelinePlan.LocalTime(timeline.Items[0], timeline.FrameRate, 0));
    }

    [Fact]
    public void Build_BadPlaybackAndEffectsAndBeatsWithoutAnEdit_EveryProblemReported()
    {
        var builder = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(3))
            .AddVideo(s_b, S(0), S(1), S(0), new ClipPlayback { Speed = 0, LeadIn = S(-1) })
            .AddImage(s_a, S(1), S(1), transition: Transition.CrossfadeBeats(1))
            .AddEffect(new TimelineEffect { Kind = TimelineEffectKind.Flash, Start = S(1), Duration = S(0), Strength = 2 });

        var ex = Assert.Throws<TimelineValidationException>(() => builder.Build());

        Assert.Contains(ex.Errors, e => e.Contains("speed must be > 0", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("handles lead-in and tail must be >= 0", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("transition.beats a crossfade in beats needs a beat edit", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("effects: Flash at 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Transition_BeatsAndPlacement_AreKeptAndResolved()
    {
        Transition t = Transition.CrossfadeBeats(0.5).WithPlacement(TransitionPlacement.EndingAtCut);

        Assert.Equal(0.5, t.Beats);
        Assert.False(t.IsCut);
        Assert.False(t.IsHardCut);
        Assert.Equal(TransitionPlacement.EndingAtCut, t.Placement);
        Assert.Equal(8, t.FrameCount(FrameRate.Fps30, S(0.5)));   // half a beat at 120 BPM: 0.25 s
        Assert.True(Transition.Flash(S(0.2)).IsHardCut);
        Assert.Equal("crossfade 0.5 beats", t.ToString());
        Assert.Throws<InvalidOperationException>(() => new Inverted().WithPlacement(TransitionPlacement.Centered));
    }

    [Fact]
    public void AudioTracks_SongAndAddedSounds_AreItemsOnAudioTracks()
    {
        string song = TestFiles.Touch("beat-items-song.flac");
        string voice = TestFiles.Touch("beat-items-voice.wav");
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithSong(song)
            .AddImage(s_a, S(0), S(1))
            .AddAudio(new AudioTrack { Path = voice, Start = S(2), Volume = 0.5, Duck = true })
            .Build();

        Assert.Equal([song, voice], timeline.AudioTracks.Select(t => t.Path));
        Assert.Equal(S(2), timeline.AudioTracks[1].Start);
        Assert.Null(timeline.Audio!.Loudness);   // adding a sound does not normalise the song
        Assert.Empty(new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(1)).AddImage(s_a, S(0), S(1)).Build().AudioTracks);
    }

    [Fact]
    public void YuvToRgba_RoundTripThroughTheEncodersConversion_KeepsThePicture()
    {
        var rgba = new byte[16 * 8 * 4];
        for (int p = 0; p < 16 * 8; p++)
        {
            // Smooth colour blocks (2x2 alike), as chroma subsampling keeps them.
            int bx = (p % 16) / 2, by = (p / 16) / 2;
            rgba[(p * 4) + 0] = (byte)(40 + (bx * 20));
            rgba[(p * 4) + 1] = (byte)(60 + (by * 30));
            rgba[(p * 4) + 2] = (byte)(200 - (bx * 15));
            rgba[(p * 4) + 3] = 255;
        }

        var yuv = new byte[YuvConverter.FrameSize(16, 8)];
        YuvConverter.ConvertScalar(rgba, 16, 8, VideoKit.Imaging.PixelFormat.Rgba32, yuv);
        var back = new byte[rgba.Length];
        YuvConverter.ToRgba(yuv, 16, 8, back);

        for (int i = 0; i < rgba.Length; i++)
        {
            Assert.True(Math.Abs(rgba[i] - back[i]) <= 2, $"byte {i}: {rgba[i]} came back as {back[i]}");
        }
    }

    private sealed class Inverted() : Transition(S(0.2))
    {
        public override void Compose(TransitionFrame frame, VideoKit.Imaging.Frame outgoing, VideoKit.Imaging.Frame incoming, VideoKit.Imaging.Frame destination) => incoming.CopyTo(destination);
    }
}
