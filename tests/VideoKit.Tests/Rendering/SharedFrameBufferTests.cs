using VideoKit.Rendering;

namespace VideoKit.Tests.Rendering;

public sealed class SharedFrameBufferTests
{
    [Fact]
    public void Release_LastReference_ReturnsTheArrayForTheNextRentOfThatSize()
    {
        SharedFrameBuffer first = SharedFrameBuffer.Rent(7_919);
        byte[] array = first.Array;
        first.AddReference();
        first.Release();
        bool sharedAfterOneOfTwoReleases = first.IsShared;
        first.Release();

        SharedFrameBuffer second = SharedFrameBuffer.Rent(7_919);

        Assert.False(sharedAfterOneOfTwoReleases);
        Assert.Same(array, second.Array);
        second.Release();
    }

    [Fact]
    public void Trim_SizeIdleLongerThanAllowed_DropsItsFreeArrays()
    {
        SharedFrameBuffer first = SharedFrameBuffer.Rent(7_927);
        byte[] array = first.Array;
        first.Release();

        int keptWhileInUse = SharedFrameBuffer.Trim(idleMs: long.MaxValue);
        SharedFrameBuffer reused = SharedFrameBuffer.Rent(7_927);
        Assert.Same(array, reused.Array);
        reused.Release();
        int dropped = SharedFrameBuffer.Trim(idleMs: 0);
        SharedFrameBuffer fresh = SharedFrameBuffer.Rent(7_927);

        Assert.Equal(0, keptWhileInUse);
        Assert.True(dropped >= 1, $"dropped {dropped}");
        Assert.NotSame(array, fresh.Array);
        fresh.Release();
    }

    [Fact]
    public void Release_MoreOftenThanReferenced_Throws()
    {
        SharedFrameBuffer buffer = SharedFrameBuffer.Rent(7_933);
        buffer.Release();

        Assert.Throws<InvalidOperationException>(buffer.Release);
    }
}
