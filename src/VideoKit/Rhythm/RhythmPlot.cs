using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace VideoKit.Rhythm;

/// <summary>
/// Draws a beat grid over its onset envelope as a PNG, so a user sees at a glance whether the grid fits: the envelope
/// (grey), beats (blue ticks), downbeats (red lines) and the tempo curve (green, scaled to 40–240 BPM) on a white
/// background, one row per 15 s by default.
/// </summary>
public static class RhythmPlot
{
    /// <summary>Writes the picture (temporary file, then moved into place).</summary>
    /// <param name="grid">The grid; its onset envelope is drawn when it has one.</param>
    /// <param name="tempoCurve">The tempo at each beat (e.g. <see cref="RhythmAnalysis.TempoCurve"/>), or empty.</param>
    /// <param name="path">The PNG to write.</param>
    /// <param name="secondsPerRow">Seconds of audio per row (default 15).</param>
    /// <param name="width">Picture width in pixels (default 1500).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not end in .png.</exception>
    public static void Save(BeatGrid grid, IReadOnlyList<TempoPoint> tempoCurve, string path, double secondsPerRow = 15, int width = 1500)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(tempoCurve);
        CheckPath(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(secondsPerRow, 1);
        const int rowHeight = 120;
        double seconds = Math.Max(grid.Duration.TotalSeconds, grid.Onsets?.Duration.TotalSeconds ?? 0);
        int rows = Math.Max(1, (int)Math.Ceiling(seconds / secondsPerRow));
        using var image = new Image<Rgb24>(width, rows * rowHeight, new Rgb24(255, 255, 255));
        double pxPerSecond = width / secondsPerRow;
        (int X, int Row) Place(double t) => ((int)((t % secondsPerRow) * pxPerSecond), (int)(t / secondsPerRow));
        void VLine(double t, int from, int to, Rgb24 colour)
        {
            (int x, int row) = Place(t);
            if (x < 0 || x >= width || row >= rows)
            {
                return;
            }

            for (int y = Math.Max(0, from); y < Math.Min(rowHeight, to); y++)
            {
                image[x, (row * rowHeight) + y] = colour;
            }
        }

        for (int r = 1; r < rows; r++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, r * rowHeight] = new Rgb24(160, 160, 160);
            }
        }

        foreach (Beat b in grid.Downbeats)
        {
            VLine(b.Time.TotalSeconds, 4, rowHeight - 4, new Rgb24(220, 40, 40));
        }

        if (grid.Onsets is { } onsets)
        {
            ReadOnlySpan<float> v = onsets.Values;
            for (int i = 0; i < v.Length; i++)
            {
                double t = i / onsets.FramesPerSecond;
                int h = (int)(Math.Clamp(v[i], 0, 1) * (rowHeight - 30));
                VLine(t, rowHeight - 6 - h, rowHeight - 6, new Rgb24(110, 110, 110));
            }
        }

        foreach (Beat b in grid.Beats)
        {
            VLine(b.Time.TotalSeconds, 0, 18, new Rgb24(30, 70, 220));
            VLine(b.Time.TotalSeconds + (0.5 / pxPerSecond), 0, 18, new Rgb24(30, 70, 220));
        }

        for (int k = 1; k < tempoCurve.Count; k++)
        {
            double t0 = tempoCurve[k - 1].Time.TotalSeconds, t1 = tempoCurve[k].Time.TotalSeconds;
            for (double t = t0; t < t1; t += 1 / pxPerSecond)
            {
                double bpm = tempoCurve[k - 1].Bpm + ((tempoCurve[k].Bpm - tempoCurve[k - 1].Bpm) * (t - t0) / Math.Max(1e-9, t1 - t0));
                int y = (int)((1 - ((Math.Clamp(bpm, 40, 240) - 40) / 200)) * (rowHeight - 30)) + 20;
                (int x, int row) = Place(t);
                if (x < width && row < rows)
                {
                    image[x, (row * rowHeight) + y] = new Rgb24(20, 160, 60);
                    image[x, (row * rowHeight) + Math.Min(rowHeight - 1, y + 1)] = new Rgb24(20, 160, 60);
                }
            }
        }

        string full = Path.GetFullPath(path);
        string temporary = full + ".videokit-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            image.SaveAsPng(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The plot is a PNG: a path that names another format (or none) is refused before any work is done.</summary>
    internal static void CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = Path.GetExtension(path);
        if (!ext.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{path}' {(ext.Length == 0 ? "has no extension" : $"has the extension '{ext}'")}; the rhythm plot is written as PNG: name it NAME.png.", nameof(path));
        }
    }
}
