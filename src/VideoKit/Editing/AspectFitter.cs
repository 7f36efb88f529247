using VideoKit.Imaging;

namespace VideoKit.Editing;

/// <summary>Fits a picture of one aspect ratio into an output frame of another: cover, contain or blurred fill.</summary>
internal static class AspectFitter
{
    /// <summary>The size to decode a <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/> clip at so FFmpeg does the main scaling.</summary>
    public static Resolution DecodeSize(int sourceWidth, int sourceHeight, Resolution output, FitMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        double sx = (double)output.Width / sourceWidth, sy = (double)output.Height / sourceHeight;
        double scale = mode == FitMode.Cover ? Math.Max(sx, sy) : Math.Min(sx, sy);
        return new Resolution(Even(sourceWidth * scale), Even(sourceHeight * scale));
    }

    /// <summary>The rectangle (x, y, width, height) a contained picture occupies in the output.</summary>
    public static (int X, int Y, int Width, int Height) ContainRect(int sourceWidth, int sourceHeight, int outputWidth, int outputHeight)
    {
        double scale = Math.Min((double)outputWidth / sourceWidth, (double)outputHeight / sourceHeight);
        int w = Math.Clamp((int)Math.Round(sourceWidth * scale), 1, outputWidth);
        int h = Math.Clamp((int)Math.Round(sourceHeight * scale), 1, outputHeight);
        return ((outputWidth - w) / 2, (outputHeight - h) / 2, w, h);
    }

    /// <summary>Draws <paramref name="source"/> into the whole of <paramref name="destination"/> by <paramref name="mode"/>.</summary>
    public static void Compose(Frame source, Frame destination, FitMode mode)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        int sw = source.Width, sh = source.Height, dw = destination.Width, dh = destination.Height;
        if (sw == dw && sh == dh)
        {
            source.CopyTo(destination);
            return;
        }

        switch (mode)
        {
            case FitMode.Cover:
                double scale = Math.Max((double)dw / sw, (double)dh / sh);
                double vw = dw / scale, vh = dh / scale;
                Resampler.Resample(source, new SampleRegion((sw - vw) / 2, (sh - vh) / 2, vw, vh), destination, ResamplingFilter.Auto, 1);
                break;
            case FitMode.Contain:
                destination.Fill(0, 0, 0);
                DrawContained(source, destination);
                break;
            default:
                DrawBlurredBackground(source, destination);
                DrawContained(source, destination);
                break;
        }
    }

    private static void DrawContained(Frame source, Frame destination)
    {
        (int x, int y, int w, int h) = ContainRect(source.Width, source.Height, destination.Width, destination.Height);
        Resampler.Resample(source, new SampleRegion(0, 0, source.Width, source.Height), destination, new System.Drawing.Rectangle(x, y, w, h), ResamplingFilter.Auto, 1);
    }

    /// <summary>Cover-scales the source into a frame an eighth of the size, blurs it there (cheap), and scales it back up, dimmed.</summary>
    private static void DrawBlurredBackground(Frame source, Frame destination)
    {
        int smallW = Math.Max(2, destination.Width / 8), smallH = Math.Max(2, destination.Height / 8);
        using var small = new Frame(smallW, smallH, destination.Format);
        using var temp = new Frame(smallW, smallH, destination.Format);
        double scale = Math.Max((double)smallW / source.Width, (double)smallH / source.Height);
        double vw = smallW / scale, vh = smallH / scale;
        Resampler.Resample(source, new SampleRegion((source.Width - vw) / 2, (source.Height - vh) / 2, vw, vh), small, ResamplingFilter.Auto, 1);
        for (int pass = 0; pass < 2; pass++)
        {
            BoxBlur(small, temp, 2);
        }

        Resampler.Resample(small, new SampleRegion(0, 0, smallW, smallH), destination, ResamplingFilter.Bilinear, 1);
        TransitionKernels.BlendColor(destination.Span, TransitionKernels.Pixel(0, 0, 0), destination.Span, 77);   // dim by 30 %
    }

    /// <summary>A separable box blur in place (horizontal into <paramref name="temp"/>, then vertical back).</summary>
    private static void BoxBlur(Frame frame, Frame temp, int radius)
    {
        for (int y = 0; y < frame.Height; y++)
        {
            TransitionKernels.BoxBlurRow(frame.GetRow(y), temp.GetRow(y), radius);
        }

        int w = frame.Width, h = frame.Height, count = (2 * radius) + 1;
        Span<byte> src = temp.Span, dst = frame.Span;
        for (int x = 0; x < w * 4; x++)
        {
            int sum = 0;
            for (int k = -radius; k <= radius; k++)
            {
                sum += src[(Math.Clamp(k, 0, h - 1) * w * 4) + x];
            }

            for (int y = 0; y < h; y++)
            {
                dst[(y * w * 4) + x] = (byte)((sum + (count / 2)) / count);
                sum += src[(Math.Min(y + radius + 1, h - 1) * w * 4) + x] - src[(Math.Max(y - radius, 0) * w * 4) + x];
            }
        }
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
