using VideoKit.Editing;
using VideoKit.Media;
using VideoKit.Rhythm;

namespace VideoKit.IntegrationTests.Editing;

[Trait("Category", "FFmpeg")]
public sealed class MontageRenderTests
{
    private const string SongName = "simu_techno_movement";
    private static readonly Resolution s_size = new(320, 180);
    private static readonly TimeSpan s_length = TimeSpan.FromSeconds(20);
    private static readonly MontageOptions s_options = new() { Size = s_size, Render = new VideoKit.Rendering.RenderOptions { Preset = "ultrafast", Overwrite = true } };

    private static List<MontageClip> Clips(int count, double seconds = 3) =>
        [.. Enumerable.Range(0, count).Select(i => MontageClip.Video(EditingMedia.Clip(i, 320, 180, 30, seconds)))];

    [Fact]
    public async Task MontageSource_TwentySecondsOnKnownBeats_EveryCutOnItsPlannedFrameNearABeat()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        BeatGrid grid = BeatFiles.Grid(SongName, s_length);
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBeats(2) }.Plan(grid, 6, FrameRate.Fps30);
        string output = Path.Combine(TestMedia.NewFolder("montage"), "montage.mp4");
        MontageResult result = await BeatMontage.RenderAsync(plan, Clips(6), BeatFiles.Song(SongName), output, s_options, cancellationToken: token);
        CutVerificationReport report = result.Verification!;

        Assert.True(report.IsExact, report.ToString());
        Assert.True(plan.Cuts.Length >= 15, $"only {plan.Cuts.Length} cuts");
        IReadOnlyList<TimeSpan> trueBeats = BeatFiles.Times(SongName);
        foreach (CutCheck cut in report.Cuts)
        {
            TimeSpan shown = plan.FrameRate.TimeAt(cut.DetectedFrame!.Value);
            double nearest = trueBeats.Min(b => Math.Abs((b - shown).TotalMilliseconds));
            Assert.True(nearest <= 70, $"cut {cut.CutIndex} at {shown.TotalSeconds:0.000} s is {nearest:0} ms from the nearest beat");
        }

        Assert.Equal(plan.TotalFrames, report.DecodedFrames);
        double frameMs = plan.FrameRate.FrameDuration.TotalMilliseconds;
        Assert.True(Math.Abs((report.VideoDuration!.Value - report.AudioDuration!.Value).TotalMilliseconds) <= frameMs,
            $"video {report.VideoDuration} and audio {report.AudioDuration} differ by more than a frame");
    }

    [Fact]
    public async Task MontageSource_CrossfadesOnEveryOtherCut_HardCutsStayOnTheirFrames()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        BeatGrid grid = BeatFiles.Grid(SongName, TimeSpan.FromSeconds(12));
        var hard = new BeatEditor { Cut = CutRule.EveryBeats(2) };
        var mixed = new BeatEditor
        {
            Cut = CutRule.EveryBeats(2),
            TransitionSelector = c => c.CutIndex % 2 == 1 ? Transition.Crossfade(TimeSpan.FromMilliseconds(300)) : Transition.Cut,
        };
        EditPlan hardPlan = hard.Plan(grid, 5, FrameRate.Fps30);
        EditPlan plan = mixed.Plan(grid, 5, FrameRate.Fps30);
        string output = Path.Combine(TestMedia.NewFolder("crossfade"), "crossfade.mp4");
        MontageResult result = await BeatMontage.RenderAsync(plan, Clips(5), null, output, s_options, cancellationToken: token);
        CutVerificationReport report = result.Verification!;

        Assert.True(report.Missing == 0 && report.OnFrame == report.ExpectedCuts && report.ExtraCuts.IsEmpty, report.ToString());
        long[] detected = [.. report.Cuts.Where(c => c.Expected).Select(c => c.DetectedFrame!.Value)];
        long[] hardFrames = [.. hardPlan.Cuts.Where((_, i) => i % 2 == 0).Select(c => c.Frame)];
        Assert.Equal(hardFrames, detected);
        Assert.Equal(hardPlan.TotalFrames, report.DecodedFrames);
        Assert.True(report.GradualTransitions > 0 && report.GradualLocated == report.GradualTransitions, report.ToString());
        Assert.Contains($"{report.GradualTransitions}/{report.GradualTransitions} crossfades centred within ±2 frames of the planned cut", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MontageSource_ClipsShorterThanTheirIntervals_AreFittedByThePolicy()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        BeatGrid grid = BeatGrid.FromTempo(120, TimeSpan.Zero, 4, TimeSpan.FromSeconds(8));
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(grid, 3, FrameRate.Fps30);
        // Each bar is 2 s: a 1.7 s clip is slowed within the cap, a 1.2 s clip is retimed, a 0.4 s clip loops.
        List<MontageClip> clips =
        [
            MontageClip.Video(EditingMedia.Clip(0, 320, 180, 30, 1.7)),
            MontageClip.Video(EditingMedia.Clip(1, 320, 180, 30, 1.2)),
            MontageClip.Video(EditingMedia.Clip(2, 320, 180, 30, 0.4)),
        ];
        string output = Path.Combine(TestMedia.NewFolder("fit"), "fit.mp4");
        MontageResult result = await BeatMontage.RenderAsync(plan, clips, null, output, s_options, cancellationToken: token);
        CutVerificationReport report = result.Verification!;

        Assert.Equal([FitMethod.SpeedChange, FitMethod.Retime, FitMethod.Loop, FitMethod.SpeedChange], result.Fits.Select(f => f.Method));
        Assert.Equal(0.85, result.Fits[0].Speed, 2);
        Assert.True(report.IsExact, report.ToString());
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: token);
        Assert.Equal(240, info.PrimaryVideo!.FrameCount);
    }

    [Fact]
    public async Task MontageSource_EveryTransitionKindAndOnsetFlashes_HardCutsExactAndNothingElseDetected()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        BeatGrid plain = BeatGrid.FromTempo(120, TimeSpan.FromSeconds(0.25), 4, TimeSpan.FromSeconds(12));
        float[] envelope = new float[1200];
        foreach (Beat b in plain.Beats)
        {
            envelope[(int)Math.Round(b.Time.TotalSeconds * 100)] = b.Index % 4 == 3 ? 1f : 0.2f;
        }

        var grid = new BeatGrid(plain.Beats, 4, plain.Duration, 1, new OnsetEnvelope(envelope, 100));
        Transition[] kinds =
        [
            Transition.Flash(TimeSpan.FromMilliseconds(200)),
            Transition.DipToBlack(TimeSpan.FromMilliseconds(400)),
            Transition.ZoomPunch(TimeSpan.FromMilliseconds(300)),
            Transition.Whip(TimeSpan.FromMilliseconds(300)),
            Transition.Cut,
            Transition.Slide(TimeSpan.FromMilliseconds(300)),
            Transition.DipToWhite(TimeSpan.FromMilliseconds(400)),
            Transition.Crossfade(TimeSpan.FromMilliseconds(400), TransitionPlacement.EndingAtCut),
        ];
        var editor = new BeatEditor
        {
            Cut = CutRule.EveryBeats(2),
            TransitionSelector = c => kinds[c.CutIndex % kinds.Length],
            OnsetEffect = new OnsetEffect { Kind = OnsetEffectKind.Flash, MaxStrength = 0.6f },
        };
        EditPlan plan = editor.Plan(grid, 4, FrameRate.Fps30);
        string output = Path.Combine(TestMedia.NewFolder("kinds"), "kinds.mp4");
        MontageResult result = await BeatMontage.RenderAsync(plan, Clips(4), null, output, s_options, cancellationToken: token);
        CutVerificationReport report = result.Verification!;

        Assert.NotEmpty(plan.Effects);
        Assert.True(report.Missing == 0 && report.OnFrame == report.ExpectedCuts, report.ToString());
        Assert.True(report.ExpectedCuts >= 4, report.Summary);
        Assert.True(report.ExtraCuts.IsEmpty, report.ToString() + "\n" + string.Join(", ", plan.Cuts.Select(c => $"{c.Frame}:{c.Transition.Kind}[{c.TransitionStartFrame},{c.TransitionEndFrame})")));
        Assert.True(report.GradualTransitions >= 4 && report.GradualLocated == report.GradualTransitions, report.ToString());
    }

    [Fact]
    public async Task RenderAsync_SectionWithDuckedClipSound_SoundtrackStartsAtSectionAndMatchesVideoLength()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("duck");
        string voiced = Path.Combine(folder, "voiced.mp4");
        TestMedia.FFmpeg("-f", "lavfi", "-i", EditingMedia.Source(2, 320, 180, 30), "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=48000",
            "-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", voiced);
        BeatGrid grid = BeatFiles.Grid(SongName, TimeSpan.FromSeconds(30));
        EditPlan plan = new BeatEditor { Cut = CutRule.EveryBars(1) }.Plan(grid, 2, FrameRate.Ntsc30, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(11));
        List<MontageClip> clips = [MontageClip.Video(voiced), MontageClip.Video(EditingMedia.Clip(1, 320, 180, 30, 3))];
        string output = Path.Combine(folder, "duck.mp4");

        MontageResult result = await BeatMontage.RenderAsync(plan, clips, BeatFiles.Song(SongName), output,
            new MontageOptions { Size = s_size, ClipAudio = ClipAudioMode.Duck, Render = s_options.Render }, cancellationToken: token);

        CutVerificationReport report = result.Verification!;
        Assert.True(report.IsExact, report.ToString());
        Assert.Equal(FrameRate.Ntsc30.FrameCountFor(TimeSpan.FromSeconds(6)), report.DecodedFrames);
        Assert.True(Math.Abs((report.VideoDuration!.Value - report.AudioDuration!.Value).TotalMilliseconds) <= FrameRate.Ntsc30.FrameDuration.TotalMilliseconds,
            $"video {report.VideoDuration} and audio {report.AudioDuration} differ by more than a frame");
    }
}
