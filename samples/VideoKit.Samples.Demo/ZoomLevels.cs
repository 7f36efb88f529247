using System.Diagnostics;
using System.Globalization;
using VideoKit.Media;

namespace VideoKit.Samples.Demo;

/// <summary>
/// Generates an "infinite zoom" level folder procedurally: FFmpeg's lavfi <c>mandelbrot</c> rendered around the same
/// point with the view doubling at each level, so level k+1 is level k zoomed out 2× (innermost first by name).
/// </summary>
internal static class ZoomLevels
{
    /// <summary>Writes <paramref name="count"/> levels (level00.png, level01.png, …) into <paramref name="folder"/> unless present.</summary>
    public static async Task<string> WriteAsync(string folder, int count, int width, int height, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        string ffmpeg = FFmpegTools.Locate().FFmpegPath;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (k, token) =>
        {
            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"level{k:00}.png"));
            if (File.Exists(path))
            {
                return;
            }

            // The outermost level shows the whole set (scale 3); each inner one halves the view.
            double scale = 3 * Math.Pow(2, k - (count - 1));
            string input = string.Create(CultureInfo.InvariantCulture, $"mandelbrot=size={width}x{height}:rate=1:start_scale={scale:R}:end_scale={scale:R}:maxiter=1024");
            var psi = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", input, "-frames:v", "1", "-update", "1", path])
            {
                psi.ArgumentList.Add(a);
            }

            using Process process = Process.Start(psi)!;
            string error = await process.StandardError.ReadToEndAsync(token);
            await process.WaitForExitAsync(token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"ffmpeg could not generate zoom level {k} from '{input}': {error}");
            }
        });
        return folder;
    }
}
