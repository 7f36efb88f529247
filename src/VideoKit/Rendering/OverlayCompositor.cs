using VideoKit.Imaging;

namespace VideoKit.Rendering;

/// <summary>
/// Draws an RGBA picture over a frame with its alpha times an opacity ("over" operator, in 8-bit fixed point):
/// <c>dst = (src·a + dst·(255 − a) + 127) / 255</c> with <c>a = srcAlpha · opacity</c>. An unscaled, unrotated picture
/// is blended row by row at a whole-pixel offset; otherwise every destination pixel in the picture's rotated bounding
/// box is mapped back into the picture and sampled bilinearly (premultiplied, so the edges fade out cleanly).
/// </summary>
internal static class OverlayCompositor
{
    /// <summary>Draws <paramref name="picture"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>)
    /// before scaling and rotating about its centre.</summary>
    public static void Draw(Frame picture, Frame destination, double left, double top, double scale, double rotationDegrees, double opacity)
    {
        int op = (int)Math.Round(Math.Clamp(opacity, 0, 1) * 255);
        if (op == 0)
        {
            return;
        }

        bool swap = picture.Format != destination.Format;
        double angle = rotationDegrees * Math.PI / 180;
        if (Math.Abs(scale - 1) < 1e-9 && Math.Abs(Math.Sin(angle)) < 1e-9 && Math.Cos(angle) > 0)
        {
            DrawAligned(picture, destination, (int)Math.Round(left), (int)Math.Round(top), op, swap);
        }
        else
        {
            DrawTransformed(picture, destination, left, top, scale, angle, op, swap);
        }
    }

    /// <summary>The aligned case: whole-pixel offset, no resampling.</summary>
    internal static void DrawAligned(Frame picture, Frame destination, int left, int top, int op, bool swap)
    {
        int x0 = Math.Max(0, left), x1 = Math.Min(destination.Width, left + picture.Width);
        int y0 = Math.Max(0, top), y1 = Math.Min(destination.Height, top + picture.Height);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        int r = swap ? 2 : 0, b = swap ? 0 : 2;
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> src = picture.GetRow(y - top).Slice((x0 - left) * 4, (x1 - x0) * 4);
            Span<byte> dst = destination.GetRow(y).Slice(x0 * 4, (x1 - x0) * 4);
            BlendRow(src, dst, op, r, b);
        }
    }

    /// <summary>Blends one row: scalar reference (the row count of an overlay is small next to the frame's).</summary>
    internal static void BlendRow(ReadOnlySpan<byte> src, Span<byte> dst, int op, int r, int b)
    {
        for (int i = 0; i + 3 < src.Length; i += 4)
        {
            int a = ((src[i + 3] * op) + 127) / 255;
            if (a == 0)
            {
                continue;
            }

            int na = 255 - a;
            dst[i] = (byte)(((src[i + r] * a) + (dst[i] * na) + 127) / 255);
            dst[i + 1] = (byte)(((src[i + 1] * a) + (dst[i + 1] * na) + 127) / 255);
            dst[i + 2] = (byte)(((src[i + b] * a) + (dst[i + 2] * na) + 127) / 255);
        }
    }

    internal static void DrawTransformed(Frame picture, Frame destination, double left, double top, double scale, double angle, int op, bool swap)
    {
        int w = picture.Width, h = picture.Height;
        double cx = left + (w / 2.0), cy = top + (h / 2.0);
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        double hw = w * scale / 2, hh = h * scale / 2;
        double ex = (Math.Abs(cos) * hw) + (Math.Abs(sin) * hh), ey = (Math.Abs(sin) * hw) + (Math.Abs(cos) * hh);
        int x0 = Math.Max(0, (int)Math.Floor(cx - ex)), x1 = Math.Min(destination.Width, (int)Math.Ceiling(cx + ex));
        int y0 = Math.Max(0, (int)Math.Floor(cy - ey)), y1 = Math.Min(destination.Height, (int)Math.Ceiling(cy + ey));
        double inv = 1 / scale;
        for (int y = y0; y < y1; y++)
        {
            Span<byte> dst = destination.GetRow(y);
            double dy = y + 0.5 - cy;
            for (int x = x0; x < x1; x++)
            {
                double dx = x + 0.5 - cx;

                // Inverse rotation (the picture is rotated clockwise on screen, y down), then inverse scale.
                double u = (((cos * dx) + (sin * dy)) * inv) + (w / 2.0) - 0.5;
                double v = ((((-sin) * dx) + (cos * dy)) * inv) + (h / 2.0) - 0.5;
                if (u <= -1 || v <= -1 || u >= w || v >= h)
                {
                    continue;
                }

                Sample(picture, u, v, out double sr, out double sg, out double sb, out double sa);
                double a = sa * op / 255.0;
                if (a <= 0)
                {
                    continue;
                }

                // Premultiplied sample: colour channels already carry their alpha.
                double k = op / 255.0;
                int i = x * 4;
                double na = 1 - (a / 255.0);
                double red = swap ? sb : sr, blue = swap ? sr : sb;
                dst[i] = (byte)Math.Clamp(Math.Round((red * k) + (dst[i] * na)), 0, 255);
                dst[i + 1] = (byte)Math.Clamp(Math.Round((sg * k) + (dst[i + 1] * na)), 0, 255);
                dst[i + 2] = (byte)Math.Clamp(Math.Round((blue * k) + (dst[i + 2] * na)), 0, 255);
            }
        }
    }

    /// <summary>Bilinear, premultiplied: pixels outside the picture count as transparent.</summary>
    private static void Sample(Frame picture, double u, double v, out double r, out double g, out double b, out double a)
    {
        int x = (int)Math.Floor(u), y = (int)Math.Floor(v);
        double fx = u - x, fy = v - y;
        r = g = b = a = 0;
        for (int j = 0; j < 2; j++)
        {
            int yy = y + j;
            if (yy < 0 || yy >= picture.Height)
            {
                continue;
            }

            double wy = j == 0 ? 1 - fy : fy;
            ReadOnlySpan<byte> row = picture.GetRow(yy);
            for (int i = 0; i < 2; i++)
            {
                int xx = x + i;
                if (xx < 0 || xx >= picture.Width)
                {
                    continue;
                }

                double wgt = wy * (i == 0 ? 1 - fx : fx);
                int p = xx * 4;
                double pa = row[p + 3] / 255.0;
                r += row[p] * pa * wgt;
                g += row[p + 1] * pa * wgt;
                b += row[p + 2] * pa * wgt;
                a += row[p + 3] * wgt;
            }
        }
    }
}
