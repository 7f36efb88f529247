using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>
/// <c>interpolate-quality [--input CLIP] [--frames N] [--per-frame] [--dump FOLDER] [--consistency LEVEL] [--breakdown]</c>: the quality method of the
/// interpolation issue at the clip's native size. Keeps the even frames of the first N frames (decoder order), rebuilds
/// the odd ones with nearest, blend, FFmpeg's minterpolate (mi_mode=mci, mc_mode=aobmc, me_mode=bidir, fed the same even
/// frames as raw RGBA) and VideoKit's motion mode, and scores them against the real odd frames (PSNR over RGB, SSIM on
/// luma). <c>--per-frame</c> prints every odd frame's scores; <c>--dump</c> writes the truth and both rebuilds of the
/// frames where motion mode trails minterpolate most, as PNG; <c>--consistency</c> turns on the forward/backward
/// occlusion check on that pyramid level (off by default, as in the library); <c>--breakdown</c> splits the squared-error
/// difference to minterpolate by the block classes of VideoKit's field (motion boundary, moving interior, still).
/// Experiments of the sixth round (not in the
/// library): <c>--trajectory quad|cubic</c> rebuilds each odd frame k at the position a quadratic (through k−3, k−1,
/// k+1) or cubic (also k+3) path of its moving blocks puts it (<see cref="TrajectoryProbe.PathPosition"/>);
/// <c>--spread D</c> averages the motion rebuilds at 0.5 − D, 0.5 and 0.5 + D (weights 1, 2, 1).
/// </summary>
internal static class InterpolateQuality
{
    public static async Task<int> RunAsync(string[] args)
    {
        string input = Option(args, "--input") ?? Path.Combine(BenchmarkPictures.DataFolder, "footage", "tree.avi");
        int limit = int.Parse(Option(args, "--frames") ?? "100000", CultureInfo.InvariantCulture);
        bool perFrame = Array.IndexOf(args, "--per-frame") >= 0;
        string? dump = Option(args, "--dump");
        string? trajectory = Option(args, "--trajectory");
        var positions = new List<string>();
        double spread = double.Parse(Option(args, "--spread") ?? "0", CultureInfo.InvariantCulture);
        int consistency = int.Parse(Option(args, "--consistency") ?? "-1", CultureInfo.InvariantCulture);
        var c = CultureInfo.InvariantCulture;
        var frames = new List<Frame>();
        string folder = Path.Combine(Path.GetTempPath(), "videokit-interp-quality-" + Environment.ProcessId.ToString(c));
        Directory.CreateDirectory(folder);
        try
        {
            await foreach (Frame f in VideoDecoder.ReadFramesAsync(input))
            {
                frames.Add(f);
                if (frames.Count == limit)
                {
                    break;
                }
            }

            int count = frames.Count % 2 == 0 ? frames.Count - 1 : frames.Count;
            int w = frames[0].Width, h = frames[0].Height;
            string even = Path.Combine(folder, "even.rgba"), mi = Path.Combine(folder, "mi.rgba");
            await using (FileStream s = File.Create(even))
            {
                for (int i = 0; i < count; i += 2)
                {
                    await s.WriteAsync(frames[i].Memory);
                }
            }

            var psi = new ProcessStartInfo(FFmpegTools.Locate().FFmpegPath) { RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", string.Create(c, $"{w}x{h}"), "-r", "15", "-i", even,
                "-vf", "minterpolate=fps=30:mi_mode=mci:mc_mode=aobmc:me_mode=bidir", "-f", "rawvideo", "-pix_fmt", "rgba", mi])
            {
                psi.ArgumentList.Add(a);
            }

            using (Process p = Process.Start(psi)!)
            {
                string err = await p.StandardError.ReadToEndAsync();
                await p.WaitForExitAsync();
                if (p.ExitCode != 0)
                {
                    throw new InvalidOperationException("ffmpeg failed: " + err);
                }
            }

            IFrameInterpolator[] methods = [new NearestInterpolator(), new BlendInterpolator(), new MotionCompensatedInterpolator
            {
                ConsistencyLevel = consistency,
                PyramidMinSide = int.Parse(Option(args, "--pyramid-min") ?? "64", CultureInfo.InvariantCulture),
                CoarseSearchRange = int.Parse(Option(args, "--coarse") ?? "4", CultureInfo.InvariantCulture),
            }];
            bool breakdown = Array.IndexOf(args, "--breakdown") >= 0;
            double[] regionShare = new double[3], regionFraction = new double[3];
            string[] names = ["nearest", "blend", "minterpolate", "motion"];
            double[] psnr = new double[4], ssim = new double[4];
            var gaps = new List<(double Gap, int Frame)>();
            using var outFrame = new Frame(w, h);
            using var miFrame = new Frame(w, h);
            using var motionFrame = new Frame(w, h);
            await using FileStream miStream = File.OpenRead(mi);
            int n = 0;
            double motionSeconds = 0;
            Console.WriteLine(string.Create(c, $"{Path.GetFileName(input)}: {w}x{h}, {frames.Count} frames read, {count / 2} odd frames to rebuild"));
            if (perFrame)
            {
                Console.WriteLine("frame  nearest  blend    minterp  motion   (PSNR dB)   SSIM minterp / motion");
            }

            for (int k = 1; k + 1 < count && (long)(k + 1) * miFrame.Length <= miStream.Length; k += 2)
            {
                double[] fp = new double[4], fs = new double[4];
                for (int m = 0; m < 4; m++)
                {
                    Frame target = outFrame;
                    if (m == 2)
                    {
                        miStream.Position = (long)k * miFrame.Length;
                        await miStream.ReadExactlyAsync(miFrame.Memory);
                        target = miFrame;
                    }
                    else
                    {
                        target = m == 3 ? motionFrame : outFrame;
                        var clock = Stopwatch.StartNew();
                        double at = m == 3 && trajectory is not null ? TrajectoryProbe.PathPosition(frames, k, trajectory == "cubic") : 0.5;
                        if (m == 3 && trajectory is not null)
                        {
                            positions.Add(string.Create(c, $"{k}:{at:0.00}"));
                        }

                        methods[m == 3 ? 2 : m].Interpolate(frames[k - 1], frames[k + 1], at, target);
                        if (m == 3 && spread > 0)
                        {
                            // expected picture under an uncertain position: mean of the warps at at − δ, at, at + δ (weights 1, 2, 1)
                            using var lo = new Frame(w, h);
                            using var hi = new Frame(w, h);
                            methods[2].Interpolate(frames[k - 1], frames[k + 1], at - spread, lo);
                            methods[2].Interpolate(frames[k - 1], frames[k + 1], at + spread, hi);
                            Span<byte> d = target.Span;
                            ReadOnlySpan<byte> l = lo.Span, u = hi.Span;
                            for (int q = 0; q < d.Length; q++)
                            {
                                d[q] = (byte)((l[q] + (2 * d[q]) + u[q] + 2) >> 2);
                            }
                        }
                        if (m == 3)
                        {
                            motionSeconds += clock.Elapsed.TotalSeconds;
                        }
                    }

                    fp[m] = ImageMetrics.Psnr(target, frames[k]);
                    fs[m] = ImageMetrics.Ssim(target, frames[k]);
                    psnr[m] += fp[m];
                    ssim[m] += fs[m];
                }

                gaps.Add((fp[2] - fp[3], k));
                if (perFrame)
                {
                    Console.WriteLine(string.Create(c, $"{k,5}  {fp[0],7:0.00}  {fp[1],7:0.00}  {fp[2],7:0.00}  {fp[3],7:0.00}  {fp[3] - fp[2],+6:+0.00;-0.00}   {fs[2]:0.0000} / {fs[3]:0.0000}"));
                }

                if (breakdown)
                {
                    (double[] dmse, double[] frac, double mseMi) = Breakdown(frames[k - 1], frames[k + 1], frames[k], motionFrame, miFrame);
                    for (int r = 0; r < 3; r++)
                    {
                        regionShare[r] += 10 / Math.Log(10) * dmse[r] / mseMi;
                        regionFraction[r] += frac[r];
                    }

                    if (perFrame)
                    {
                        double[] db = [.. dmse.Select(d => Math.Round(10 / Math.Log(10) * d / mseMi, 2) + 0.0)];
                        Console.WriteLine(string.Create(c, $"       loss vs minterp (dB, linearised; + = motion worse): boundary {db[0]:+0.00;-0.00;0.00} ({frac[0]:P0} px), moving {db[1]:+0.00;-0.00;0.00} ({frac[1]:P0}), still {db[2]:+0.00;-0.00;0.00} ({frac[2]:P0})"));
                    }
                }

                if (dump is not null)
                {
                    Directory.CreateDirectory(dump);
                    string stem = Path.Combine(dump, string.Create(c, $"{Path.GetFileNameWithoutExtension(input)}-{k:000}"));
                    await ImageFile.SaveAsync(frames[k], stem + "-truth.png");
                    await ImageFile.SaveAsync(miFrame, stem + "-minterpolate.png");
                    await ImageFile.SaveAsync(motionFrame, stem + "-motion.png");
                }

                n++;
            }

            // The means cover the odd frames minterpolate also emitted (it writes none for the last pair).
            Console.WriteLine(string.Create(c, $"means over the {n} odd frames both tools rebuilt:"));
            for (int m = 0; m < 4; m++)
            {
                Console.WriteLine(string.Create(c, $"{names[m],-13} PSNR {psnr[m] / n:0.00} dB  SSIM {ssim[m] / n:0.0000}"));
            }

            if (breakdown)
            {
                Console.WriteLine(string.Create(c, $"breakdown, mean over frames of the linearised loss vs minterpolate (dB; + = motion worse): boundary blocks {regionShare[0] / n:+0.000;-0.000} ({regionFraction[0] / n:P1} of pixels), moving interior {regionShare[1] / n:+0.000;-0.000} ({regionFraction[1] / n:P1}), still {regionShare[2] / n:+0.000;-0.000} ({regionFraction[2] / n:P1})"));
            }

            if (positions.Count > 0)
            {
                Console.WriteLine("path positions: " + string.Join(" ", positions));
            }

            gaps.Sort((x, y) => y.Gap.CompareTo(x.Gap));
            Console.WriteLine(string.Create(c, $"motion: {motionSeconds * 1000 / n:0.0} ms per frame; frames where it trails minterpolate most: {string.Join(", ", gaps.Take(5).Select(g => string.Create(c, $"{g.Frame} ({g.Gap:0.00} dB)")))}"));
            return 0;
        }
        finally
        {
            foreach (Frame f in frames)
            {
                f.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Splits the squared error of motion mode minus minterpolate's by the block classes of VideoKit's own field:
    /// boundary blocks (a 3×3 neighbour's vector differs by more than 1 px), moving interior (|v| ≥ 1 px), still.
    /// Returns the per-class difference of mean squared error (over all pixels and RGB), the class's pixel fraction and
    /// minterpolate's mean squared error.
    /// </summary>
    private static (double[] DeltaMse, double[] Fraction, double MseMi) Breakdown(Frame a, Frame b, Frame truth, Frame motion, Frame mi)
    {
        int factor = a.Width > 1024 && a.Height >= 256 ? 2 : 1;
        using LumaPlane la = LumaPlane.FromFrame(a, factor), lb = LumaPlane.FromFrame(b, factor);
        LumaPlane[] pa = MotionEstimator.BuildPyramid(la), pb = MotionEstimator.BuildPyramid(lb);
        MotionField field = MotionEstimator.Estimate(pa, pb, 0.5f, Environment.ProcessorCount, overlapped: factor == 1);
        foreach (LumaPlane p in pa.Skip(1).Concat(pb.Skip(1)))
        {
            p.Dispose();
        }

        int bs = field.BlockSize * factor;
        byte[] cls = new byte[field.Count];
        for (int k = 0; k < field.Count; k++)
        {
            cls[k] = IsBoundary(field, k) ? (byte)0 : MathF.Max(MathF.Abs(field.X[k]), MathF.Abs(field.Y[k])) >= 1 ? (byte)1 : (byte)2;
        }

        double[] d = new double[3], frac = new double[3];
        double mi2 = 0;
        int w = a.Width, h = a.Height;
        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<byte> rt = truth.GetRow(y), rm = motion.GetRow(y), ri = mi.GetRow(y);
            int j = Math.Min(y / bs, field.BlocksY - 1);
            for (int x = 0; x < w; x++)
            {
                int r = cls[(j * field.BlocksX) + Math.Min(x / bs, field.BlocksX - 1)];
                frac[r]++;
                for (int ch = 0; ch < 3; ch++)
                {
                    int em = rm[(4 * x) + ch] - rt[(4 * x) + ch], ei = ri[(4 * x) + ch] - rt[(4 * x) + ch];
                    d[r] += (em * em) - (ei * ei);
                    mi2 += ei * ei;
                }
            }
        }

        double total = 3.0 * w * h;
        for (int r = 0; r < 3; r++)
        {
            d[r] /= total;
            frac[r] /= (double)w * h;
        }

        return (d, frac, Math.Max(1e-9, mi2 / total));
    }

    /// <summary>Whether a vector of block k's 3×3 neighbourhood differs from its own by more than 1 px in either component.</summary>
    private static bool IsBoundary(MotionField field, int k)
    {
        int bx = field.BlocksX, i = k % bx, j = k / bx;
        for (int jj = Math.Max(0, j - 1); jj <= Math.Min(field.BlocksY - 1, j + 1); jj++)
        {
            for (int ii = Math.Max(0, i - 1); ii <= Math.Min(bx - 1, i + 1); ii++)
            {
                int n = (jj * bx) + ii;
                if (MathF.Abs(field.X[n] - field.X[k]) > 1 || MathF.Abs(field.Y[n] - field.Y[k]) > 1)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
