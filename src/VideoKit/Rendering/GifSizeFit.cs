using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>One way to encode a GIF: frame rate, width and palette size.</summary>
internal readonly record struct GifShape(int Fps, int Width, int Colours)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width} px wide, {Fps} fps, {Colours} colours");
}

/// <summary>
/// Keeps a GIF under its file-size cap. The first pass (the render itself) is measured; when it is too large, the GIF is
/// re-encoded from that first pass with fewer frames per second, fewer pixels and, last, fewer palette colours, each
/// step sized from the last measurement (a GIF's size is close to proportional to frames × pixels × bits per pixel),
/// until it fits or every knob is at its floor, which is an error naming the cap and the smallest size reached.
/// </summary>
internal static class GifSizeFit
{
    /// <summary>The GIF preset's cap when the caller sets none: 15 MiB, the largest GIF the big social sites take.</summary>
    public const long DefaultMaxBytes = 15L * 1024 * 1024;

    /// <summary>The floors: below these a GIF stops being worth watching.</summary>
    public const int MinFps = 5, MinWidth = 120, MinColours = 16;

    private const int MaxAttempts = 6;

    /// <summary>Aims a little under the cap so that one estimate usually suffices.</summary>
    private const double Headroom = 0.9;

    /// <summary>The shape the next attempt should take so that a GIF of <paramref name="bytes"/> at <paramref name="shape"/> shrinks to about <paramref name="target"/> bytes.</summary>
    public static GifShape NextShape(GifShape shape, long bytes, long target)
    {
        double ratio = Math.Clamp((double)target / bytes, 1e-6, 1);

        // Split the reduction between time (fps) and space (pixels, i.e. width squared) alike; what a knob cannot take at
        // its floor goes to the other, then to the palette (bits per pixel).
        double half = Math.Sqrt(ratio);
        int fps = Math.Max(MinFps, (int)Math.Floor(shape.Fps * half));
        double left = ratio / ((double)fps / shape.Fps);
        int width = Math.Max(MinWidth, EvenFloor(shape.Width * Math.Sqrt(Math.Min(1, left))));
        width = Math.Min(width, shape.Width);
        left /= Math.Pow((double)width / shape.Width, 2);
        if (left < 1 && fps > MinFps)
        {
            fps = Math.Max(MinFps, (int)Math.Floor(fps * left));
            left = ratio / ((double)fps / shape.Fps) / Math.Pow((double)width / shape.Width, 2);
        }

        int colours = shape.Colours;
        if (left < 1)
        {
            double bits = Math.Log2(shape.Colours) * left;
            colours = Math.Max(MinColours, 1 << Math.Max(1, (int)Math.Floor(bits)));
            colours = Math.Min(colours, shape.Colours);
        }

        var next = new GifShape(fps, width, colours);
        if (next == shape && !AtFloor(shape))
        {
            // The estimate asked for less than one step: take one step on the largest knob left.
            next = shape.Fps > MinFps ? shape with { Fps = shape.Fps - 1 }
                : shape.Width > MinWidth ? shape with { Width = Math.Max(MinWidth, EvenFloor(shape.Width * 0.9)) }
                : shape with { Colours = Math.Max(MinColours, shape.Colours / 2) };
        }

        return next;
    }

    public static bool AtFloor(GifShape shape) => shape.Fps <= MinFps && shape.Width <= MinWidth && shape.Colours <= MinColours;

    /// <summary>
    /// Makes the GIF at <paramref name="gifPath"/> (written at <paramref name="first"/>) fit in <paramref name="maxBytes"/>,
    /// replacing it in place. Returns a note saying what was lowered, or <see langword="null"/> when it already fitted.
    /// </summary>
    /// <exception cref="VideoKitException">Even at the floors the GIF is larger than the cap.</exception>
    public static async Task<string?> FitAsync(string gifPath, string outputPath, GifShape first, long maxBytes, VideoKitOptions options, CancellationToken cancellationToken)
    {
        long firstBytes = new FileInfo(gifPath).Length;
        if (firstBytes <= maxBytes)
        {
            return null;
        }

        FFmpegTools tools = FFmpegTools.Locate(options);
        string source = gifPath + ".first.gif";
        string attempt = gifPath + ".fit.gif";
        File.Move(gifPath, source, overwrite: true);
        try
        {
            GifShape shape = first;
            long bytes = firstBytes;
            for (int i = 0; i < MaxAttempts && !AtFloor(shape); i++)
            {
                shape = NextShape(shape, bytes, (long)(maxBytes * Headroom));
                await EncodeAsync(tools, source, attempt, shape, cancellationToken).ConfigureAwait(false);
                bytes = new FileInfo(attempt).Length;
                if (bytes <= maxBytes)
                {
                    File.Move(attempt, gifPath, overwrite: true);
                    return string.Create(CultureInfo.InvariantCulture,
                        $"gif: {Megabytes(firstBytes)} at {first} is over the {Megabytes(maxBytes)} cap; written at {shape} ({Megabytes(bytes)})");
                }
            }

            throw new VideoKitException(string.Create(CultureInfo.InvariantCulture,
                $"'{outputPath}': the GIF does not fit in {Megabytes(maxBytes)}: it is {Megabytes(firstBytes)} at {first} and still {Megabytes(bytes)} at {shape}. Shorten the video, make it smaller, or raise the cap (RenderOptions.MaxFileBytes, output.maxFileSizeMB in a project)."));
        }
        finally
        {
            TryDelete(source);
            TryDelete(attempt);
        }
    }

    /// <summary>The palette filter graph for a shape (the same graph the first pass uses).</summary>
    public static string FilterGraph(GifShape shape)
    {
        string c(int v) => v.ToString(CultureInfo.InvariantCulture);
        return $"[0:v]fps={c(shape.Fps)},scale='min({c(shape.Width)},iw)':-2:flags=lanczos,split[a][b];[a]palettegen=max_colors={c(shape.Colours)}:stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle";
    }

    private static async Task EncodeAsync(FFmpegTools tools, string source, string output, GifShape shape, CancellationToken cancellationToken)
    {
        string[] args = ["-hide_banner", "-nostdin", "-v", "error", "-i", source, "-filter_complex", FilterGraph(shape), "-loop", "0", "-c:v", "gif", "-f", "gif", "-y", output];
        await using FFmpegProcess process = FFmpegProcess.Start(tools.FFmpegPath, args, cancellationToken);
        await process.StandardOutput.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        int exit = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0 || !File.Exists(output))
        {
            throw new MediaProcessingException($"ffmpeg exited with code {exit} while shrinking the GIF to {shape}: {process.LastError()}.", exit, process.StandardErrorTail);
        }
    }

    private static int EvenFloor(double v) => Math.Max(2, (int)Math.Floor(v / 2) * 2);

    internal static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.##} MiB");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
