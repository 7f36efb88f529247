using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.Tests.Rendering;

public sealed class SegmentPlanTests
{
    [Fact]
    public void Boundaries_NoCuts_SplitEvenlyAndCoverEveryFrameOnce()
    {
        long[] b = SegmentPlan.Boundaries(120, 5, 1, []);

        Assert.Equal([0L, 24, 48, 72, 96, 120], b);
    }

    [Fact]
    public void Boundaries_CutWithinAQuarterSegment_MovesToTheCut()
    {
        // Ideal split points 40 and 80; a boundary may move a quarter of a segment (40 / 4 = 10 frames).
        long[] b = SegmentPlan.Boundaries(120, 3, 1, [33, 47, 95]);

        Assert.Equal([0L, 33, 80, 120], b); // 33 and 47 are both 7 away from 40: the earlier wins; 95 is 15 away from 80: too far
    }

    [Fact]
    public void Boundaries_SameInput_SameSplit()
    {
        long[] cuts = [13, 29, 61, 62, 140, 177];
        Assert.Equal(SegmentPlan.Boundaries(200, 7, 1, cuts), SegmentPlan.Boundaries(200, 7, 1, cuts));
    }

    [Fact]
    public void Boundaries_AsManySegmentsAsFrames_OneFrameEach()
    {
        Assert.Equal([0L, 1, 2, 3, 4], SegmentPlan.Boundaries(4, 4, 1, [1, 2, 3]));
    }

    [Fact]
    public void Boundaries_OnAKeyframeGrid_LieOnGridPointsPreferringOneNearACut()
    {
        // 600 frames, grid of 60: even split points 200 and 400 (a quarter segment is 50 frames). Near 200 the grid
        // points 180 and 240 are in reach; 240 is 5 frames from the cut at 245, 180 is 80 from any cut: 240 wins.
        // Near 400 no grid point is near a cut: the grid point nearest 400 (420) is taken.
        long[] b = SegmentPlan.Boundaries(600, 3, 60, [245, 500]);

        Assert.Equal([0L, 240, 420, 600], b);
        Assert.All(b[..^1], x => Assert.Equal(0, x % 60));
    }

    [Fact]
    public void Boundaries_AsManySegmentsAsGridIntervals_OneIntervalEach()
    {
        Assert.Equal([0L, 60, 120, 150], SegmentPlan.Boundaries(150, 3, 60, []));
    }

    [Fact]
    public void Overlap_LossyCodecsWarmUpAndTail_LosslessAndIntraNone()
    {
        Assert.Equal((120, 43), SegmentPlan.Overlap(new RenderOptions(), 60));          // H.264 CRF 20 medium: ≥ 90 frames in whole GOPs; rc-lookahead 40 + 3 B-frames
        Assert.Equal((96, 0), SegmentPlan.Overlap(new RenderOptions { Preset = "ultrafast" }, 48));
        Assert.Equal((0, 0), SegmentPlan.Overlap(new RenderOptions { Crf = 0 }, 60));   // x264 lossless
        Assert.Equal((0, 0), SegmentPlan.Overlap(new RenderOptions { Codec = VideoCodec.Ffv1 }, 60));
    }

    [Fact]
    public void SegmentSplit_ByLength_RoundsUp()
    {
        Assert.Equal(3, SegmentSplit.IntoLength(TimeSpan.FromSeconds(2)).SegmentsFor(150, FrameRate.Fps30)); // 60 + 60 + 30
        Assert.Equal(4, SegmentSplit.IntoCount(4).SegmentsFor(150, FrameRate.Fps30));
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentSplit.IntoCount(0));
    }

    [Fact]
    public void SegmentTag_FormatsAndParsesBack_RejectsOtherText()
    {
        var segment = new Segment(2, 5, new FrameRange(24, 24));
        string text = SegmentTag.Format("0123456789abcdef", segment);

        Assert.Equal("v1;0123456789abcdef;2/5;24+24", text);
        Assert.Equal(new SegmentTag("0123456789abcdef", 2, 5, new FrameRange(24, 24)), SegmentTag.Parse(text));
        Assert.Null(SegmentTag.Parse("v2;x;1/1;0+1"));
        Assert.Null(SegmentTag.Parse("v1;x;1-1;0+1"));
        Assert.Null(SegmentTag.Parse(null));
    }

    [Fact]
    public void ConcatList_QuotesEveryPath()
    {
        string list = SegmentStitcher.ConcatList(["/tmp/a b/part-1.mp4", "/tmp/it's/part-2.mp4"]);

        Assert.Equal("ffconcat version 1.0\nfile '/tmp/a b/part-1.mp4'\nfile '/tmp/it'\\''s/part-2.mp4'\n", list);
    }
}
