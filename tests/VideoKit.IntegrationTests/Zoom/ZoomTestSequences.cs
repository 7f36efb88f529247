using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Zoom;

/// <summary>
/// Builds zoom-out test sequences from a large real photo: level k is the crop of width W·s^k around a centre, resampled
/// to W×H with an antialiased Lanczos-3 filter at exact (fractional) positions; the ground truth at any zoom position z
/// is the crop of width W·s^z resampled the same way.
/// </summary>
internal sealed class ZoomTestSequences
{
    private static readonly Dictionary<string, ZoomTestSequences> s_cache = [];
    private readonly float[][] _planes;

    private ZoomTestSequences(Frame source)
    {
        Width = source.Width;
        Height = source.Height;
        _planes = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            _planes[c] = new float[Width * Height];
        }

        ReadOnlySpan<byte> p = source.Span;
        for (int i = 0, j = 0; j < Width * Height; i += 4, j++)
        {
            _planes[0][j] = p[i];
            _planes[1][j] = p[i + 1];
            _planes[2][j] = p[i + 2];
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The photo <paramref name="name"/> from tests/data/images, decoded once through FFmpeg.</summary>
    public static async Task<ZoomTestSequences> LoadAsync(string name)
    {
        lock (s_cache)
        {
            if (s_cache.TryGetValue(name, out ZoomTestSequences? cached))
            {
                return cached;
            }
        }

        using Frame frame = await ImageFile.LoadAsync(ImagePath(name));
        var source = new ZoomTestSequences(frame);
        lock (s_cache)
        {
            s_cache[name] = source;
        }

        return source;
    }

    /// <summary>A photo in tests/data/images.</summary>
    public static string ImagePath(string name) => Path.Combine(TestMedia.DataFolder, "images", name);

    /// <summary>The crop of width <paramref name="cropWidth"/> (source px) centred at (cx, cy), resampled to w×h, times a per-channel gain.</summary>
    public Frame Crop(double cx, double cy, double cropWidth, int w, int h, float gainR = 1, float gainG = 1, float gainB = 1) =>
        Crop(_planes, cx, cy, cropWidth, w, h, gainR, gainG, gainB);

    /// <summary>
    /// Levels as an outpainting chain makes them: level k contains level k−1 shrunk, except a band along level k−1's
    /// border that is repainted (lower contrast, brighter), and every later level inherits that band. Each level then
    /// gets its own colour gain.
    /// </summary>
    public Frame[] OutpaintedLevels(int count, double factor, int w, int h, (double X, double Y)[] centres, (float R, float G, float B)[] gains, double ringFraction)
    {
        float[][] planes = [.. _planes.Select(p => (float[])p.Clone())];
        var frames = new Frame[count];
        for (int k = 0; k < count; k++)
        {
            if (k > 0)
            {
                // Repaint the band along level k−1's border (source coordinates) for level k and every later level:
                // its detail is redrawn (here: blurred away), its colours stay, as outpainting blends it in.
                double iw = w * Math.Pow(factor, k - 1), ih = h * Math.Pow(factor, k - 1), band = ringFraction * iw;
                double x0 = centres[k - 1].X - (iw / 2), y0 = centres[k - 1].Y - (ih / 2);
                int radius = Math.Max(2, (int)(band / 4));
                float[][] blurred = [.. planes.Select(p => BoxBlur(p, Width, Height, radius))];
                for (int y = Math.Max(0, (int)y0); y < Math.Min(Height, (int)(y0 + ih) + 1); y++)
                {
                    for (int x = Math.Max(0, (int)x0); x < Math.Min(Width, (int)(x0 + iw) + 1); x++)
                    {
                        double ix = x + 0.5 - x0, iy = y + 0.5 - y0;
                        double d = Math.Min(Math.Min(ix, iw - ix), Math.Min(iy, ih - iy));
                        if (d >= 0 && d <= band)
                        {
                            for (int c = 0; c < 3; c++)
                            {
                                planes[c][(y * Width) + x] = blurred[c][(y * Width) + x];
                            }
                        }
                    }
                }
            }

            frames[k] = Crop(planes, centres[k].X, centres[k].Y, w * Math.Pow(factor, k), w, h, gains[k].R, gains[k].G, gains[k].B);
        }

        return frames;
    }

    /// <summary>A box blur of radius <paramref name="r"/> (running sums, edges clamped).</summary>
    private static float[] BoxBlur(float[] plane, int w, int h, int r)
    {
        float[] tmp = new float[plane.Length], result = new float[plane.Length];
        float n = (2 * r) + 1;
        for (int y = 0; y < h; y++)
        {
            int row = y * w;
            float sum = 0;
            for (int i = -r; i <= r; i++)
            {
                sum += plane[row + Math.Clamp(i, 0, w - 1)];
            }

            for (int x = 0; x < w; x++)
            {
                tmp[row + x] = sum / n;
                sum += plane[row + Math.Min(x + r + 1, w - 1)] - plane[row + Math.Max(x - r, 0)];
            }
        }

        for (int x = 0; x < w; x++)
        {
            float sum = 0;
            for (int i = -r; i <= r; i++)
            {
                sum += tmp[(Math.Clamp(i, 0, h - 1) * w) + x];
            }

            for (int y = 0; y < h; y++)
            {
                result[(y * w) + x] = sum / n;
                sum += tmp[(Math.Min(y + r + 1, h - 1) * w) + x] - tmp[(Math.Max(y - r, 0) * w) + x];
            }
        }

        return result;
    }

    private Frame Crop(float[][] planes, double cx, double cy, double cropWidth, int w, int h, float gainR, float gainG, float gainB)
    {
        double scale = cropWidth / w;
        double x0 = cx - (cropWidth / 2), y0 = cy - (scale * h / 2);
        (int[] xs, float[] xw, int xt) = Table(w, x0, scale, Width);
        (int[] ys, float[] yw, int yt) = Table(h, y0, scale, Height);
        var frame = new Frame(w, h);
        Span<byte> d = frame.Span;
        float[] gains = [gainR, gainG, gainB];
        float[] rowBuf = new float[Width];
        for (int c = 0; c < 3; c++)
        {
            float[] plane = planes[c];
            for (int y = 0; y < h; y++)
            {
                // Vertical then horizontal, over the columns the row needs.
                int first = xs[0], last = xs[w - 1] + xt;
                for (int x = first; x < last; x++)
                {
                    float sum = 0;
                    for (int t = 0; t < yt; t++)
                    {
                        sum += yw[(y * yt) + t] * plane[(Math.Clamp(ys[y] + t, 0, Height - 1) * Width) + Math.Clamp(x, 0, Width - 1)];
                    }

                    rowBuf[Math.Clamp(x, 0, Width - 1)] = sum;
                }

                for (int x = 0; x < w; x++)
                {
                    float sum = 0;
                    for (int t = 0; t < xt; t++)
                    {
                        sum += xw[(x * xt) + t] * rowBuf[Math.Clamp(xs[x] + t, 0, Width - 1)];
                    }

                    d[(((y * w) + x) * 4) + c] = (byte)Math.Clamp((int)Math.Round(sum * gains[c]), 0, 255);
                }
            }
        }

        for (int i = 3; i < d.Length; i += 4)
        {
            d[i] = 255;
        }

        return frame;
    }

    /// <summary>A sequence's levels: level k centred at centres[k] with crop width w·s^k.</summary>
    public Frame[] Levels(int count, double factor, int w, int h, (double X, double Y)[] centres, (float R, float G, float B)[]? gains = null)
    {
        var frames = new Frame[count];
        for (int k = 0; k < count; k++)
        {
            (float r, float g, float b) = gains?[k] ?? (1, 1, 1);
            frames[k] = Crop(centres[k].X, centres[k].Y, w * Math.Pow(factor, k), w, h, r, g, b);
        }

        return frames;
    }

    /// <summary>The true placement of level k−1 inside level k for <see cref="Levels"/>: centre in outer pixels.</summary>
    public static (double X, double Y) TrueCentre((double X, double Y)[] centres, int k, double factor, int w, int h)
    {
        double px = Math.Pow(factor, k);
        return ((w / 2.0) + ((centres[k - 1].X - centres[k].X) / px), (h / 2.0) + ((centres[k - 1].Y - centres[k].Y) / px));
    }

    /// <summary>Writes frames as JPEG (ImageSharp encoder, given quality) or PNG into a folder, named 1, 2, … 10 for natural order.</summary>
    public static async Task<string> WriteAsync(Frame[] levels, string folder, int? jpegQuality)
    {
        for (int k = 0; k < levels.Length; k++)
        {
            string name = (k + 1).ToString(CultureInfo.InvariantCulture);
            if (jpegQuality is { } q)
            {
                using Image<SixLabors.ImageSharp.PixelFormats.Rgba32> image = levels[k].ToImage();
                await image.SaveAsJpegAsync(Path.Combine(folder, name + ".jpg"), new JpegEncoder { Quality = q });
            }
            else
            {
                await ImageFile.SaveAsync(levels[k], Path.Combine(folder, name + ".png"));
            }
        }

        return folder;
    }

    /// <summary>Antialiased Lanczos-3 weights: for each output sample its first source index and taps.</summary>
    private static (int[] Start, float[] Weights, int Taps) Table(int count, double origin, double scale, int size)
    {
        double stretch = Math.Max(1, scale), radius = 3 * stretch;
        int taps = (int)Math.Ceiling(2 * radius) + 1;
        int[] start = new int[count];
        float[] weights = new float[count * taps];
        for (int u = 0; u < count; u++)
        {
            double pos = origin + ((u + 0.5) * scale) - 0.5;
            int i0 = (int)Math.Floor(pos - radius) + 1;
            double sum = 0;
            for (int t = 0; t < taps; t++)
            {
                double x = (i0 + t - pos) / stretch;
                double k = Math.Abs(x) < 1e-9 ? 1 : Math.Abs(x) >= 3 ? 0 : 3 * Math.Sin(Math.PI * x) * Math.Sin(Math.PI * x / 3) / (Math.PI * Math.PI * x * x);
                weights[(u * taps) + t] = (float)k;
                sum += k;
            }

            for (int t = 0; t < taps; t++)
            {
                weights[(u * taps) + t] = (float)(weights[(u * taps) + t] / sum);
            }

            start[u] = i0;
        }

        _ = size;
        return (start, weights, taps);
    }
}
