using System.Text.Json;
using VideoKit.Imaging;
using VideoKit.Projects;
using VideoKit.Rendering;
using TimelineModel = VideoKit.Timeline;

namespace VideoKit.Tests.Timeline;

/// <summary>The composition model: keyframes, overlay tracks, every transition kind on the video track, the schema.</summary>
public sealed class CompositionModelTests
{
    private static readonly string s_image = TestFiles.Touch("composition-a.png");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void AnimatedValue_Keyframes_EaseBetweenAndHoldOutside()
    {
        AnimatedValue v = AnimatedValue.FromKeyframes([new(S(2), 1, Easing.EaseInOut), new(S(0), 0), new(S(4), 3, Easing.Hold)]);

        Assert.Equal(0, v.ValueAt(S(-1)));
        Assert.Equal(0.5, v.ValueAt(S(1)), 9);            // linear from 0 to 1
        Assert.Equal(1, v.ValueAt(S(2)), 9);
        Assert.Equal(2, v.ValueAt(S(3)), 9);              // smoothstep midpoint is still the midpoint
        Assert.Equal(1 + (2 * 0.15625), v.ValueAt(S(2.5)), 9);
        Assert.Equal(3, v.ValueAt(S(10)));
        Assert.True(AnimatedValue.Constant(0.8).IsConstant);
        Assert.Equal(0.8, ((AnimatedValue)0.8).ValueAt(S(5)));
        Assert.Throws<ArgumentException>(() => AnimatedValue.FromKeyframes([new(S(1), 0), new(S(1), 2)]));
        Assert.Throws<ArgumentException>(() => AnimatedValue.FromKeyframes([]));
    }

    [Fact]
    public void OverlayPlacement_OpacityAt_AppliesFadesToTheKeyframedOpacity()
    {
        var p = new OverlayPlacement { Opacity = 0.8, FadeIn = S(1), FadeOut = S(2) };

        Assert.Equal(0, p.OpacityAt(S(0), S(6)));
        Assert.Equal(0.4, p.OpacityAt(S(0.5), S(6)), 9);
        Assert.Equal(0.8, p.OpacityAt(S(3), S(6)), 9);
        Assert.Equal(0.2, p.OpacityAt(S(5.5), S(6)), 9);
    }

    [Fact]
    public void Build_Overlays_MayOverlapAnythingAndAreValidatedWithTheirFieldNames()
    {
        TimelineModel ok = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(4))
            .AddImage(s_image, S(0), S(4))
            .AddOverlayImage(s_image, S(1), S(2), OverlayPlacement.At(0.5, 0.5, 0.25))
            .AddOverlayImage(s_image, S(0), S(4), OverlayPlacement.FullFrame with { Layer = 2 })
            .AddOverlayImage(s_image, S(2), S(2), OverlayPlacement.FullFrame)
            .Build();
        Assert.Single(ok.Items);
        Assert.Equal([1, 3, 2], ok.Overlays.Select(o => o.Index));   // by layer, then in the order added
        Assert.Equal(TimeSpan.FromSeconds(4), new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).AddImage(s_image, S(0), S(4)).AddOverlayImage(s_image, S(3), S(5), OverlayPlacement.FullFrame).End);

        var ex = Assert.Throws<TimelineValidationException>(() => new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(4))
            .AddOverlayImage(s_image, S(0), S(1), new OverlayPlacement { Width = 0, Opacity = 1.5, FadeIn = S(0.8), FadeOut = S(0.8) })
            .Build());
        Assert.Equal(
            [
                "item #1 'composition-a.png': rect.width must be a fraction of the frame width above 0 and at most 4 (is 0)",
                "item #1 'composition-a.png': opacity must be between 0 and 1 (is 1.5)",
                "item #1 'composition-a.png': fadeOut fades in (0.8 s) and out (0.8 s) are longer than the overlay (1 s)",
            ],
            ex.Errors.Select(e => e.Replace(s_image, "composition-a.png", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(TransitionKind.DipToBlack)]
    [InlineData(TransitionKind.Flash)]
    [InlineData(TransitionKind.ZoomPunch)]
    public void Resolve_OnePictureTransitions_ShowTheOutgoingItemBeforeTheCutAndTheIncomingOneFromIt(TransitionKind kind)
    {
        Transition t = Transition.Create(kind, TimeSpan.FromSeconds(10.0 / 30), TransitionPlacement.Centered, 0.5f);
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(2))
            .AddImage(s_image, S(0), S(1))
            .AddImage(s_image, S(1), S(1), transition: t)
            .Build();
        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, 60);

        Assert.Equal(new FrameComposition(-1, 0, 1), plan.Resolve(24));
        Assert.Equal(new FrameComposition(0, -1, 0, 1), plan.Resolve(25));
        Assert.Equal(new FrameComposition(0, -1, 0, 1), plan.Resolve(29));
        Assert.Equal(new FrameComposition(-1, 1, 1, 1), plan.Resolve(30));
        Assert.Equal(new FrameComposition(-1, 1, 1, 1), plan.Resolve(34));
        Assert.Equal(new FrameComposition(-1, 1, 1), plan.Resolve(35));
        Assert.Equal(new TransitionFrame(27, 30, 25, 35), plan.TransitionFrameOf(1, 27));
        Assert.Equal(29, plan.LastUse[0]);
        Assert.Equal(30, plan.FirstUse[1]);
    }

    [Fact]
    public void Resolve_WhipEndingAtCut_BlendsBothItemsBeforeTheCut()
    {
        TimelineModel timeline = new TimelineBuilder(new Resolution(64, 36), FrameRate.Fps30).WithDuration(S(2))
            .AddImage(s_image, S(0), S(1))
            .AddImage(s_image, S(1), S(1), transition: new CustomFade(S(0.2), TransitionPlacement.EndingAtCut))
            .Build();
        var plan = new TimelinePlan(timeline.Items, timeline.FrameRate, 60);

        Assert.Equal(new FrameComposition(-1, 0, 1), plan.Resolve(23));
        Assert.Equal(0, plan.Resolve(24).From);
        Assert.Equal(1, plan.Resolve(24).To);
        Assert.Equal(1, plan.Resolve(29).Window);
        Assert.Equal(new FrameComposition(-1, 1, 1), plan.Resolve(30));
        Assert.Equal(TransitionKind.Custom, timeline.Items[1].Transition.Kind);
    }

    [Fact]
    public void Transition_BuiltInDip_HoldsTheColourOnTheFramesAroundTheCut()
    {
        using var a = new Frame(8, 2);
        using var b = new Frame(8, 2);
        using var d = new Frame(8, 2);
        a.Fill(200, 200, 200);
        b.Fill(100, 100, 100);
        Transition dip = Transition.DipToBlack(S(1));

        dip.Compose(new TransitionFrame(29, 30, 25, 35), a, b, d);
        Assert.Equal(0, d.Span[0]);
        dip.Compose(new TransitionFrame(30, 30, 25, 35), a, b, d);
        Assert.Equal(0, d.Span[0]);                        // and on the cut frame itself
        dip.Compose(new TransitionFrame(32, 30, 25, 35), a, b, d);
        Assert.InRange(d.Span[0], 39, 41);
        dip.Compose(new TransitionFrame(25, 30, 25, 35), a, b, d);
        Assert.InRange(d.Span[0], 159, 161);
    }

    [Fact]
    public void OverlayCompositor_TransformedPathAtScaleOneMatchesTheAlignedPath()
    {
        using var picture = new Frame(10, 6);
        var rng = new Random(3);
        rng.NextBytes(picture.Span);
        using var aligned = new Frame(32, 20);
        using var transformed = new Frame(32, 20);
        aligned.Fill(10, 20, 30);
        transformed.Fill(10, 20, 30);

        OverlayCompositor.DrawAligned(picture, aligned, 5, 4, 200, swap: false);
        OverlayCompositor.DrawTransformed(picture, transformed, 5, 4, 1, 0, 200, swap: false);

        for (int i = 0; i < aligned.Length; i++)
        {
            Assert.InRange(transformed.Span[i] - aligned.Span[i], -2, 2);
        }
    }

    [Fact]
    public void OverlayCompositor_Rotated90_CoversTheRotatedBox()
    {
        using var picture = new Frame(8, 2);
        picture.Fill(255, 0, 0);
        using var frame = new Frame(20, 20);
        frame.Fill(0, 0, 0);

        OverlayCompositor.Draw(picture, frame, 6, 9, 1, 90, 1);   // centre (10, 10): a 2 × 8 red bar after rotation

        Assert.Equal(255, frame.GetRow(10)[(10 * 4) + 0]);
        Assert.Equal(255, frame.GetRow(7)[(10 * 4) + 0]);
        Assert.Equal(0, frame.GetRow(10)[(14 * 4) + 0]);            // the unrotated bar would reach x = 14
    }

    [Fact]
    public void JsonSchema_IsValidJsonAndNamesEveryTopLevelField()
    {
        using JsonDocument schema = JsonDocument.Parse(ProjectFile.JsonSchema);
        string[] fields = [.. schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

        // Every section a reader takes (clips, edit, lyrics, captions, overlays, audio) plus the fixed ones.
        Assert.Equal(
            new[] { "$schema", "song", "duration", "output", "items" }.Concat(ProjectFile.SectionReaders.Select(r => r.Key)).Distinct().Order(),
            fields.Order());
        Assert.Equal(
            OverlaySectionReader.Fields.Union(TextOverlayReader.Fields).Order(),
            schema.RootElement.GetProperty("properties").GetProperty("overlays").GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void PreviewSize_IsAQuarterOfEachSideRoundedToEven() =>
        Assert.Equal(new Resolution(320, 180), ProjectFile.PreviewSize(Resolution.Hd720));

    private sealed class CustomFade(TimeSpan duration, TransitionPlacement placement) : Transition(duration, placement)
    {
        public override void Compose(TransitionFrame frame, Frame outgoing, Frame incoming, Frame destination) =>
            CrossfadeKernel.Blend(outgoing.Span, incoming.Span, destination.Span, CrossfadeKernel.Weight(frame.Progress));
    }
}
