using VideoKit.Editing;
using VideoKit.Imaging;

namespace VideoKit.Tests.Editing;

public sealed class TransitionKernelTests
{
    public static TheoryData<int> Lengths => [0, 4, 12, 16, 20, 7680, 7684];

    private static byte[] Random(int length, int seed)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Blend_AnyLength_MatchesScalarReference(int length)
    {
        byte[] a = Random(length, 1), b = Random(length, 2), expected = new byte[length], actual = new byte[length];

        foreach (int weight in new[] { 0, 1, 77, 128, 255, 256 })
        {
            TransitionKernels.BlendScalar(a, b, expected, weight);
            TransitionKernels.Blend(a, b, actual, weight);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void BlendColor_AnyLength_MatchesScalarReference(int length)
    {
        byte[] a = Random(length, 3), expected = new byte[length], actual = new byte[length];
        uint colour = TransitionKernels.Pixel(10, 200, 255, 255);

        foreach (int weight in new[] { 0, 64, 200, 256 })
        {
            TransitionKernels.BlendColorScalar(a, colour, expected, weight);
            TransitionKernels.BlendColor(a, colour, actual, weight);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Blend_Endpoints_GiveTheInputsExactly()
    {
        byte[] a = Random(64, 4), b = Random(64, 5), d = new byte[64];

        TransitionKernels.Blend(a, b, d, 0);
        Assert.Equal(a, d);
        TransitionKernels.Blend(a, b, d, 256);
        Assert.Equal(b, d);
    }

    [Fact]
    public void SlideRow_HalfWay_ShowsRightHalfOfOutgoingThenLeftHalfOfIncoming()
    {
        byte[] a = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] b = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];
        byte[] d = new byte[32];

        TransitionKernels.SlideRow(a, b, d, 4);

        Assert.Equal(a.Skip(16).Concat(b.Take(16)), d);
    }

    [Fact]
    public void BoxBlurRow_ConstantRow_StaysConstant()
    {
        byte[] row = [.. Enumerable.Repeat(new byte[] { 10, 20, 30, 255 }, 50).SelectMany(p => p)];
        byte[] d = new byte[row.Length];

        TransitionKernels.BoxBlurRow(row, d, 5);

        Assert.Equal(row, d);
    }

    [Fact]
    public void Compose_CrossfadeHalfway_IsTheAverage()
    {
        using Frame a = Solid(64, 36, 200, 0, 0), b = Solid(64, 36, 0, 0, 200), d = new(64, 36);

        TransitionCompositor.Compose(TransitionKind.Crossfade, 0, a, b, 0.5, d);

        Assert.Equal(new byte[] { 100, 0, 100, 255 }, d.Span[..4].ToArray());
    }

    [Fact]
    public void Compose_DipToBlackAtTheCut_IsBlack()
    {
        using Frame a = Solid(64, 36, 200, 100, 0), b = Solid(64, 36, 0, 100, 200), d = new(64, 36);

        TransitionCompositor.Compose(TransitionKind.DipToBlack, 0, a, b, 0.5, d);

        Assert.All(d.GetPixelRow(10).ToArray(), p => Assert.Equal((0, 0, 0), (p.R, p.G, p.B)));
    }

    [Fact]
    public void Compose_FullFlashOnItsFirstFrame_IsWhiteAndFadesToIncoming()
    {
        using Frame a = Solid(64, 36, 200, 0, 0), b = Solid(64, 36, 0, 0, 200), d = new(64, 36);

        TransitionCompositor.Compose(TransitionKind.Flash, 1, a, b, 0, d);
        Assert.Equal(new byte[] { 255, 255, 255, 255 }, d.Span[..4].ToArray());
        TransitionCompositor.Compose(TransitionKind.Flash, 1, a, b, 1, d);
        Assert.Equal(new byte[] { 0, 0, 200, 255 }, d.Span[..4].ToArray());
    }

    [Fact]
    public void Compose_ZoomPunch_EnlargesTheCentre()
    {
        using Frame b = Checker(64, 36), d = new(64, 36), expected = new(64, 36);

        TransitionCompositor.Compose(TransitionKind.ZoomPunch, 0.5f, b, b, 1, d);
        Assert.True(ImageMetrics.Psnr(b, d) > 40, "at the end of the punch the picture is back to scale");

        TransitionCompositor.Compose(TransitionKind.ZoomPunch, 1f, b, b, 0, d);
        Resampler.Resample(b, new SampleRegion(16, 9, 32, 18), expected);
        Assert.True(ImageMetrics.Psnr(expected, d) > 40, "on the cut the picture is zoomed 2x about its centre");
    }

    [Fact]
    public void Compose_WhipHalfway_HasHalfOfEachClipSmeared()
    {
        using Frame a = Solid(64, 36, 200, 0, 0), b = Solid(64, 36, 0, 0, 200), d = new(64, 36);

        TransitionCompositor.Compose(TransitionKind.Whip, 1, a, b, 0.5, d);

        Span<SixLabors.ImageSharp.PixelFormats.Rgba32> row = d.GetPixelRow(5);
        Assert.Equal(200, row[0].R);
        Assert.Equal(200, row[63].B);
        Assert.InRange(row[32].R, 50, 150);   // the seam is blurred
    }

    private static Frame Solid(int w, int h, byte r, byte g, byte b)
    {
        var f = new Frame(w, h);
        f.Fill(r, g, b);
        return f;
    }

    private static Frame Checker(int w, int h)
    {
        var f = new Frame(w, h);
        for (int y = 0; y < h; y++)
        {
            Span<SixLabors.ImageSharp.PixelFormats.Rgba32> row = f.GetPixelRow(y);
            for (int x = 0; x < w; x++)
            {
                byte v = (byte)((((x / 8) + (y / 8)) & 1) * 255);
                row[x] = new SixLabors.ImageSharp.PixelFormats.Rgba32(v, (byte)(x * 4), (byte)(y * 7), 255);
            }
        }

        return f;
    }
}
