using VideoKit.Imaging;
using VideoKit.Zoom;

namespace VideoKit.Tests.Zoom;

public sealed class ZoomOrderTests : PooledFrameTest
{
    private const int W = 192, H = 128;

    /// <summary>Level k: the centre crop of W·2^k × H·2^k of one large noise picture, box-averaged down to W × H.</summary>
    private static Frame[] Levels(int count)
    {
        int bw = W << (count - 1), bh = H << (count - 1);
        using Frame big = ZoomCompositorTests.Noise(bw, bh, 3);
        var levels = new Frame[count];
        for (int k = 0; k < count; k++)
        {
            int f = 1 << k, x0 = (bw - (W * f)) / 2, y0 = (bh - (H * f)) / 2;
            levels[k] = new Frame(W, H);
            Span<byte> d = levels[k].Span;
            ReadOnlySpan<byte> s = big.Span;
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        int sum = 0;
                        for (int j = 0; j < f; j++)
                        {
                            for (int i = 0; i < f; i++)
                            {
                                sum += s[(((((y0 + (y * f) + j) * bw) + x0 + (x * f) + i) * 4) + c)];
                            }
                        }

                        d[(((y * W) + x) * 4) + c] = (byte)((sum + (f * f / 2)) / (f * f));
                    }
                }
            }
        }

        return levels;
    }

    [Fact]
    public void FindOrder_ShuffledLevels_ReturnsInnermostFirst()
    {
        Frame[] levels = Levels(4);
        int[] shuffle = [2, 0, 3, 1];
        // Position shuffle[k] of the sequence holds true level k.
        var shuffled = new Frame[4];
        for (int k = 0; k < 4; k++)
        {
            shuffled[shuffle[k]] = levels[k];
        }

        using ZoomSequence sequence = ZoomSequence.FromFrames(shuffled, [2.0, 2.0, 2.0]);

        IReadOnlyList<int> order = ZoomAligner.FindOrder(sequence, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(shuffle, order);
    }

    [Fact]
    public void FindOrder_UnrelatedLevel_ThrowsNamingIt()
    {
        Frame[] levels = Levels(3);
        using ZoomSequence sequence = ZoomSequence.FromFrames([levels[0], levels[1], ZoomCompositorTests.Noise(W, H, 99), levels[2]], [2.0, 2.0, 2.0], ["a.png", "b.png", "stranger.png", "c.png"]);

        ZoomSequenceException ex = Assert.Throws<ZoomSequenceException>(() => ZoomAligner.FindOrder(sequence, cancellationToken: TestContext.Current.CancellationToken));

        TestContext.Current.TestOutputHelper?.WriteLine(ex.Message);
        Assert.StartsWith("Cannot order the 4 zoom levels:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'stranger.png'", ex.Message, StringComparison.Ordinal);
    }
}
