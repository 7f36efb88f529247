using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>
/// <c>interpolate-vs-ffmpeg [--input CLIP] [--size WxH] [--frames N]</c>: doubles the frame rate of the even frames of a real
/// clip scaled to 1080p, once with FFmpeg's minterpolate (mi_mode=mci, mc_mode=aobmc, me_mode=bidir) and once with
/// VideoKit's motion mode. Both read the same raw RGBA file and write raw RGBA files (frames in, frames out, one process
/// each); the odd output frames are scored against the real odd frames (PSNR over RGB, SSIM on luma).
/// </summary>
internal static class InterpolateVsFFmpeg
{
    public static async Task<int> RunAsync(string[] args)
    {
        string input = Option(args, "--input") ?? Path.Combine(BenchmarkPictures.DataFolder, "footage", "box.mp4");
        Resolution size = Resolution.Parse(Option(args, "--size") ?? "1920x1080");
        int inputFrames = int.Parse(Option(args, "--frames") ?? "30", CultureInfo.InvariantCulture);
        string folder = Path.Combine(Path.GetTempPath(), "videokit-interp-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            string all = Path.Combine(folder, "all.rgba"), even = Path.Combine(folder, "even.rgba");
            string mi = Path.Combine(folder, "minterpolate.rgba"), vk = Path.Combine(folder, "videokit.rgba");
            string ffmpeg = FFmpegTools.Locate().FFmpegPath;
            string wh = string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}");
            int frameBytes = size.Width * size.Height * 4;

            // The source: 2N + 1 frames in decoder order, scaled; the even ones are the input both tools get.
            Run(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-i", input, "-frames:v", (2 * inputFrames + 1).ToString(CultureInfo.InvariantCulture),
                "-vf", $"scale={size.Width}:{size.Height}:flags=bicubic", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgba", all);
            long total = new FileInfo(all).Length / frameBytes;
            await using (FileStream src = File.OpenRead(all))
            await using (FileStream dst = File.Create(even))
            {
                byte[] buffer = new byte[frameBytes];
                for (long i = 0; i < total; i += 2)
                {
                    src.Position = i * frameBytes;
                    await src.ReadExactlyAsync(buffer);
                    await dst.WriteAsync(buffer);
                }
            }

            long evenFrames = (total + 1) / 2;
            Console.WriteLine($"input: {Path.GetFileName(input)} scaled to {wh}, {evenFrames} even frames in, rate doubled (15 → 30 fps)");

            var clock = Stopwatch.StartNew();
            Run(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", wh, "-r", "15", "-i", even,
                "-vf", "minterpolate=fps=30:mi_mode=mci:mc_mode=aobmc:me_mode=bidir", "-f", "rawvideo", "-pix_fmt", "rgba", mi);
            double miSeconds = clock.Elapsed.TotalSeconds;
            long miFrames = new FileInfo(mi).Length / frameBytes;

            clock.Restart();
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            long vkFrames = await VideoKitAsync(even, vk, size, evenFrames);
            double vkSeconds = clock.Elapsed.TotalSeconds;
            double vkCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / Math.Max(1, evenFrames - 1);

            // Both are scored on the same odd frames: minterpolate does not emit the last ones.
            long scored = Math.Min(total, Math.Min(miFrames, vkFrames) + 1);
            (double miPsnr, double miSsim) = await ScoreAsync(mi, all, size, scored);
            (double vkPsnr, double vkSsim) = await ScoreAsync(vk, all, size, scored);
            double miFps = miFrames / miSeconds, vkFps = vkFrames / vkSeconds;
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"minterpolate (mci, aobmc, bidir): {miFrames} frames in {miSeconds:0.00} s = {miFps:0.00} output fps, odd frames PSNR {miPsnr:0.00} dB, SSIM {miSsim:0.0000}"));
            Console.WriteLine(string.Create(c, $"VideoKit motion ({Environment.ProcessorCount} threads): {vkFrames} frames in {vkSeconds:0.00} s = {vkFps:0.00} output fps, odd frames PSNR {vkPsnr:0.00} dB, SSIM {vkSsim:0.0000}"));
            Console.WriteLine(string.Create(c, $"VideoKit CPU time per interpolated frame (all threads, with the file I/O; less sensitive to other load than the wall clock): {vkCpuMs:0.0} ms"));
            Console.WriteLine(string.Create(c, $"motion interpolation speed vs minterpolate: {vkFps / miFps:0.00}×"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads the even frames, writes each one and then the midpoint to the next (the last one alone).</summary>
    private static async Task<long> VideoKitAsync(string input, string output, Resolution size, long count)
    {
        var motion = new MotionCompensatedInterpolator();
        using var previous = new Frame(size.Width, size.Height);
        using var next = new Frame(size.Width, size.Height);
        using var middle = new Frame(size.Width, size.Height);
        await using FileStream src = File.OpenRead(input);
        await using FileStream dst = File.Create(output);
        await src.ReadExactlyAsync(previous.Memory);
        long written = 0;
        Frame a = previous, b = next;
        for (long i = 1; i < count; i++)
        {
            await src.ReadExactlyAsync(b.Memory);
            Task write = dst.WriteAsync(a.Memory).AsTask();
            motion.Interpolate(a, b, 0.5, middle);
            await write;
            await dst.WriteAsync(middle.Memory);
            written += 2;
            (a, b) = (b, a);
        }

        await dst.WriteAsync(a.Memory);
        return written + 1;
    }

    private static async Task<(double Psnr, double Ssim)> ScoreAsync(string output, string truth, Resolution size, long total)
    {
        using var o = new Frame(size.Width, size.Height);
        using var t = new Frame(size.Width, size.Height);
        await using FileStream os = File.OpenRead(output);
        await using FileStream ts = File.OpenRead(truth);
        double psnr = 0, ssim = 0;
        int n = 0;
        for (long k = 1; k + 1 < total && (k + 1) * o.Length <= os.Length; k += 2)
        {
            os.Position = k * o.Length;
            ts.Position = k * t.Length;
            await os.ReadExactlyAsync(o.Memory);
            await ts.ReadExactlyAsync(t.Memory);
            psnr += ImageMetrics.Psnr(o, t);
            ssim += ImageMetrics.Ssim(o, t);
            n++;
        }

        return n == 0 ? (0, 0) : (psnr / n, ssim / n);
    }

    private static void Run(string executable, params string[] args)
    {
        var psi = new ProcessStartInfo(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {err}");
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
