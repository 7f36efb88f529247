using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.Tests.Rendering;

public sealed class SegmentPlanTests
{
    [Fact]
    public void Boundaries_NoCuts_SplitEvenlyAndCoverEveryFrameOnce()
    {
        long[] b = SegmentPlan.Boundaries(120, 5, []);

        Assert.Equal([0L, 24, 48, 72, 96, 120], b);
    }

    [Fact]
    public void Boundaries_CutWithinAQuarterSegment_MovesToTheCut()
    {
        // Ideal split points 40 and 80; a boundary may move a quarter of a segment (40 / 4 = 10 frames).
        long[] b = SegmentPlan.Boundaries(120, 3, [33, 47, 95]);

        Assert.Equal([0L, 33, 80, 120], b); // 33 and 47 are both 7 away from 40: the earlier wins; 95 is 15 away from 80: too far
    }

    [Fact]
    public void Boundaries_SameInput_SameSplit()
    {
        long[] cuts = [13, 29, 61, 62, 140, 177];
        Assert.Equal(SegmentPlan.Boundaries(200, 7, cuts), SegmentPlan.Boundaries(200, 7, cuts));
    }

    [Fact]
    public void Boundaries_AsManySegmentsAsFrames_OneFrameEach()
    {
        Assert.Equal([0L, 1, 2, 3, 4], SegmentPlan.Boundaries(4, 4, [1, 2, 3]));
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
