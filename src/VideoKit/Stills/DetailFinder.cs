using VideoKit.Imaging;

namespace VideoKit.Stills;

/// <summary>Finds the most detailed region of a picture: the window of a given shape holding the most gradient energy
/// (|∂x| + |∂y| of luma on a 160-pixel-wide copy), found exhaustively with an integral image.</summary>
internal static class DetailFinder
{
    public static Framing Find(Frame image, double aspect, double widthShare)
    {
        int sw = Math.Min(160, image.Width);
        int sh = Math.Max(2, (int)Math.Round((double)image.Height * sw / image.Width));
        using Frame small = Resampler.Resize(image, sw, sh, ResamplingFilter.Area);
        float[] luma = new float[sw * sh];
        for (int y = 0; y < sh; y++)
        {
            ReadOnlySpan<byte> row = small.GetRow(y);
            for (int x = 0; x < sw; x++)
            {
                luma[(y * sw) + x] = (0.2126f * row[4 * x]) + (0.7152f * row[(4 * x) + 1]) + (0.0722f * row[(4 * x) + 2]);
            }
        }

        // Integral image of the gradient energy.
        double[] integral = new double[(sw + 1) * (sh + 1)];
        for (int y = 0; y < sh; y++)
        {
            double rowSum = 0;
            for (int x = 0; x < sw; x++)
            {
                int i = (y * sw) + x;
                float gx = x + 1 < sw ? Math.Abs(luma[i + 1] - luma[i]) : 0;
                float gy = y + 1 < sh ? Math.Abs(luma[i + sw] - luma[i]) : 0;
                rowSum += gx + gy;
                integral[((y + 1) * (sw + 1)) + x + 1] = integral[(y * (sw + 1)) + x + 1] + rowSum;
            }
        }

        // The window: widthShare of the largest framing of the output's shape.
        Framing cover = Framing.Cover(image.Width, image.Height, aspect);
        int ww = Math.Max(1, (int)Math.Round(cover.Width * widthShare * sw));
        int wh = Math.Max(1, Math.Min(sh, (int)Math.Round(ww * ((double)image.Width / sw) / aspect * ((double)sh / image.Height))));
        ww = Math.Min(ww, sw);
        double best = -1;
        int bx = (sw - ww) / 2, by = (sh - wh) / 2;
        for (int y = 0; y + wh <= sh; y++)
        {
            for (int x = 0; x + ww <= sw; x++)
            {
                double sum = integral[((y + wh) * (sw + 1)) + x + ww] - integral[(y * (sw + 1)) + x + ww]
                    - integral[((y + wh) * (sw + 1)) + x] + integral[(y * (sw + 1)) + x];
                if (sum > best + 1e-9)
                {
                    best = sum;
                    bx = x;
                    by = y;
                }
            }
        }

        return new Framing((double)bx / sw, (double)by / sh, cover.Width * widthShare);
    }
}
