using System.Diagnostics;
using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Interpolation;
using VideoKit.Media;

namespace VideoKit.Benchmarks.Interpolation;

/// <summary>
/// <c>interpolate-trajectory-probe --input CLIP --frames k1,k2,...</c>: for each odd frame k, the PSNR of the two-frame
/// motion interpolation of k−1, k+1 at a sweep of positions, the real timestamp fraction, and the position a quadratic
/// path through k−3, k−1, k+1 (and k+3) puts moving blocks at.
/// </summary>
internal static class TrajectoryProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        string input = Option(args, "--input")!;
        int[] ks = Option(args, "--frames")!.Split(',').Select(s => int.Parse(s, c)).ToArray();
        double minMotion = double.Parse(Option(args, "--min-motion") ?? "6", c);
        int limit = ks.Max() + 4;
        var times = new List<double>();
        var psi = new ProcessStartInfo(FFmpegTools.Locate().FFprobePath) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,size", "-of", "csv=p=0", input])
        {
            psi.ArgumentList.Add(a);
        }

        using (Process p = Process.Start(psi)!)
        {
            string text = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(',');
                if (parts.Length >= 2 && int.Parse(parts[1], c) > 0 && double.TryParse(parts[0], NumberStyles.Float, c, out double s))
                {
                    times.Add(s);
                }
            }
        }

        times.Sort();
        var frames = new List<Frame>();
        await foreach (Frame f in VideoDecoder.ReadFramesAsync(input))
        {
            frames.Add(f);
            if (frames.Count == limit)
            {
                break;
            }
        }

        if (Array.IndexOf(args, "--gaps") >= 0)
        {
            // The true position of each odd frame between its even neighbours (diagnostic: reads the odd frames):
            // per moving block of A, the projection of A→k onto A→B.
            for (int k = 1; k + 1 < frames.Count; k += 2)
            {
                LumaPlane[] qa = MotionEstimator.BuildPyramid(LumaPlane.FromFrame(frames[k - 1], 1));
                LumaPlane[] qk = MotionEstimator.BuildPyramid(LumaPlane.FromFrame(frames[k], 1));
                LumaPlane[] qb = MotionEstimator.BuildPyramid(LumaPlane.FromFrame(frames[k + 1], 1));
                MotionField ab = MotionEstimator.Estimate(qa, qb, 0f, 2, overlapped: true);
                MotionField ak = MotionEstimator.Estimate(qa, qk, 0f, 2, overlapped: true);
                var al = new List<double>();
                for (int n = 0; n < ab.Count; n++)
                {
                    double l2 = (ab.X[n] * ab.X[n]) + (ab.Y[n] * ab.Y[n]);
                    if (l2 >= minMotion * minMotion)
                    {
                        al.Add(((ak.X[n] * ab.X[n]) + (ak.Y[n] * ab.Y[n])) / l2);
                    }
                }

                al.Sort();
                var q3 = new List<double>();
                var q4 = new List<double>();
                if (k >= 3 && k + 3 < frames.Count)
                {
                    LumaPlane[] qm = MotionEstimator.BuildPyramid(LumaPlane.FromFrame(frames[k - 3], 1));
                    LumaPlane[] qp = MotionEstimator.BuildPyramid(LumaPlane.FromFrame(frames[k + 3], 1));
                    MotionField d0 = MotionEstimator.Estimate(qm, qa, 1f, 2, overlapped: true);
                    MotionField d2 = MotionEstimator.Estimate(qb, qp, 0f, 2, overlapped: true);
                    for (int n = 0; n < ab.Count; n++)
                    {
                        double vx = ab.X[n], vy = ab.Y[n], l2 = (vx * vx) + (vy * vy);
                        if (l2 < minMotion * minMotion)
                        {
                            continue;
                        }

                        BlockPath path = BlockPath.Of(ab, d0, d2, n);
                        q3.Add(path.Quadratic);
                        q4.Add(path.Cubic);
                    }

                    foreach (LumaPlane l in qm.Concat(qp))
                    {
                        l.Dispose();
                    }
                }

                q3.Sort();
                q4.Sort();
                Console.WriteLine(string.Create(c, $"gap {k}: blocks {al.Count}, true α median {(al.Count > 0 ? al[al.Count / 2] : double.NaN):0.000} quad {(q3.Count > 0 ? q3[q3.Count / 2] : double.NaN):0.000} cubic {(q4.Count > 0 ? q4[q4.Count / 2] : double.NaN):0.000}, real-time t {((k < times.Count ? times[k] : k) - (k - 1 < times.Count ? times[k - 1] : k - 1)) / ((k + 1 < times.Count ? times[k + 1] : k + 1) - (k - 1 < times.Count ? times[k - 1] : k - 1)):0.000}"));
                foreach (LumaPlane l in qa.Concat(qk).Concat(qb))
                {
                    l.Dispose();
                }
            }

            return 0;
        }

        var mc = new MotionCompensatedInterpolator();
        using var outFrame = new Frame(frames[0].Width, frames[0].Height);
        int factor = 1;
        foreach (int k in ks)
        {
            double tau(int i) => i < times.Count ? times[i] : i;
            double tReal = (tau(k) - tau(k - 1)) / (tau(k + 1) - tau(k - 1));
            var sweep = new List<string>();
            double best = 0, bestT = 0;
            int w = outFrame.Width, h = outFrame.Height, tile = 16, tx = (w + tile - 1) / tile, ty = (h + tile - 1) / tile;
            double[] bestTile = new double[tx * ty], midTile = new double[tx * ty];
            Array.Fill(bestTile, double.MaxValue);
            for (double t = 0.3; t <= 0.901; t += 0.05)
            {
                mc.Interpolate(frames[k - 1], frames[k + 1], t, outFrame);
                double q = ImageMetrics.Psnr(outFrame, frames[k]);
                double[] sse = new double[tx * ty];
                ReadOnlySpan<byte> o = outFrame.Span, g = frames[k].Span;
                for (int y = 0; y < h; y++)
                {
                    for (int x = 0; x < w; x++)
                    {
                        int at = ((y * w) + x) * 4;
                        for (int ch = 0; ch < 3; ch++)
                        {
                            double d = o[at + ch] - g[at + ch];
                            sse[((y / tile) * tx) + (x / tile)] += d * d;
                        }
                    }
                }

                for (int n = 0; n < sse.Length; n++)
                {
                    bestTile[n] = Math.Min(bestTile[n], sse[n]);
                    if (Math.Abs(t - 0.5) < 0.01)
                    {
                        midTile[n] = sse[n];
                    }
                }

                sweep.Add(string.Create(c, $"{t:0.00}:{q:0.00}"));
                if (q > best)
                {
                    (best, bestT) = (q, t);
                }
            }

            LumaPlane[] P(Frame f) => MotionEstimator.BuildPyramid(LumaPlane.FromFrame(f, factor));
            LumaPlane[] pm = P(frames[k - 3]), pa = P(frames[k - 1]), pb = P(frames[k + 1]), pp = P(frames[k + 3]);
            MotionField d1 = MotionEstimator.Estimate(pa, pb, 0f, 2, overlapped: true);        // A→B on A's grid
            MotionField d0 = MotionEstimator.Estimate(pm, pa, 1f, 2, overlapped: true);        // A−1→A on A's grid
            MotionField d2 = MotionEstimator.Estimate(pb, pp, 0f, 2, overlapped: true);        // B→B+1 on B's grid
            var alphas3 = new List<double>();
            var alphas4 = new List<double>();
            var ratios = new List<double>();
            var cosines = new List<double>();
            double t0 = tau(k - 3), t1 = tau(k - 1), t2 = tau(k + 1), t3 = tau(k + 3), tk = tau(k);
            int bs = d1.BlockSize;
            for (int j = 0; j < d1.BlocksY; j++)
            {
                for (int i = 0; i < d1.BlocksX; i++)
                {
                    int n = (j * d1.BlocksX) + i;
                    double vx = d1.X[n], vy = d1.Y[n], len2 = (vx * vx) + (vy * vy);
                    if (len2 < minMotion * minMotion)
                    {
                        continue;
                    }

                    double ux = d0.X[n], uy = d0.Y[n];
                    float cx = (i * bs) + 3.5f + (float)vx, cy = (j * bs) + 3.5f + (float)vy;
                    double wx = MotionConsistency.SampleBlocks(d2, d2.X, cx, cy), wy = MotionConsistency.SampleBlocks(d2, d2.Y, cx, cy);

                    // Quadratic through (t0, −u), (t1, 0), (t2, v): Lagrange at tk.
                    double L0 = (tk - t1) * (tk - t2) / ((t0 - t1) * (t0 - t2));
                    double L2 = (tk - t0) * (tk - t1) / ((t2 - t0) * (t2 - t1));
                    double px = (L0 * -ux) + (L2 * vx), py = (L0 * -uy) + (L2 * vy);
                    alphas3.Add(((px * vx) + (py * vy)) / len2);

                    // Cubic through (t0, −u), (t1, 0), (t2, v), (t3, v + w).
                    double M0 = (tk - t1) * (tk - t2) * (tk - t3) / ((t0 - t1) * (t0 - t2) * (t0 - t3));
                    double M2 = (tk - t0) * (tk - t1) * (tk - t3) / ((t2 - t0) * (t2 - t1) * (t2 - t3));
                    double M3 = (tk - t0) * (tk - t1) * (tk - t2) / ((t3 - t0) * (t3 - t1) * (t3 - t2));
                    double qx = (M0 * -ux) + (M2 * vx) + (M3 * (vx + wx)), qy = (M0 * -uy) + (M2 * vy) + (M3 * (vy + wy));
                    alphas4.Add(((qx * vx) + (qy * vy)) / len2);
                    ratios.Add(Math.Sqrt(((ux * ux) + (uy * uy)) / len2));
                    cosines.Add(((ux * vx) + (uy * vy)) / Math.Sqrt(len2 * Math.Max(1e-9, (ux * ux) + (uy * uy))));
                }
            }

            static double Med(List<double> l)
            {
                if (l.Count == 0)
                {
                    return double.NaN;
                }

                l.Sort();
                return l[l.Count / 2];
            }

            Console.WriteLine(string.Create(c, $"frame {k}: t_real {tReal:0.000}, best sweep t {bestT:0.00} ({best:0.00} dB; at 0.5 / t_real see sweep); moving blocks {alphas3.Count}: |d0|/|d1| median {Med(ratios):0.00}, cos median {Med(cosines):0.00}, quadratic α median {Med(alphas3):0.000}, cubic α median {Med(alphas4):0.000}"));
            Console.WriteLine("  " + string.Join(" ", sweep));
            double Psnr(double[] tiles) => 10 * Math.Log10(255.0 * 255 / (tiles.Sum() / (3.0 * w * h)));
            Console.WriteLine(string.Create(c, $"  per-tile oracle α: {Psnr(bestTile):0.00} dB vs {Psnr(midTile):0.00} at 0.5"));
            foreach (LumaPlane l in pm.Concat(pa).Concat(pb).Concat(pp))
            {
                l.Dispose();
            }
        }

        foreach (Frame f in frames)
        {
            f.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// The position on a quadratic (or cubic, <paramref name="cubic"/>) path through the moving blocks' positions at the
    /// even frames around odd frame k (equal spacing), median over blocks; 0.5 where the outer fields disagree in
    /// direction or too few blocks move.
    /// </summary>
    public static double PathPosition(IReadOnlyList<Frame> frames, int k, bool cubic, double minMotion = 3)
    {
        if (k < 3 || k + 3 >= frames.Count)
        {
            return 0.5;
        }

        int factor = frames[0].Width > 1024 ? 2 : 1;
        LumaPlane[] P(Frame f) => MotionEstimator.BuildPyramid(LumaPlane.FromFrame(f, factor));
        LumaPlane[] qm = P(frames[k - 3]), qa = P(frames[k - 1]), qb = P(frames[k + 1]), qp = P(frames[k + 3]);
        try
        {
            MotionField ab = MotionEstimator.Estimate(qa, qb, 0f, 2, overlapped: factor == 1);
            MotionField d0 = MotionEstimator.Estimate(qm, qa, 1f, 2, overlapped: factor == 1);
            MotionField d2 = MotionEstimator.Estimate(qb, qp, 0f, 2, overlapped: factor == 1);
            var al = new List<double>();
            var cos = new List<double>();
            for (int n = 0; n < ab.Count; n++)
            {
                double vx = ab.X[n], vy = ab.Y[n], l2 = (vx * vx) + (vy * vy);
                if (l2 < minMotion * minMotion)
                {
                    continue;
                }

                BlockPath path = BlockPath.Of(ab, d0, d2, n);
                al.Add(cubic ? path.Cubic : path.Quadratic);
                double ux = path.Ux, uy = path.Uy, wx = path.Wx, wy = path.Wy;
                double lu = Math.Sqrt((ux * ux) + (uy * uy)), lw = Math.Sqrt((wx * wx) + (wy * wy)), lv = Math.Sqrt(l2);
                cos.Add(Math.Min(((ux * vx) + (uy * vy)) / Math.Max(1e-6, lu * lv), cubic ? ((wx * vx) + (wy * vy)) / Math.Max(1e-6, lw * lv) : 1));
            }

            if (al.Count < 16)
            {
                return 0.5;
            }

            al.Sort();
            cos.Sort();
            return cos[cos.Count / 2] < 0.5 ? 0.5 : Math.Clamp(al[al.Count / 2], 0.25, 0.75);
        }
        finally
        {
            foreach (LumaPlane l in qm.Concat(qa).Concat(qb).Concat(qp))
            {
                l.Dispose();
            }
        }
    }

    /// <summary>
    /// Where the paths through one moving block put it at the middle, as a share of its A→B vector v: the quadratic
    /// through −u, 0, v (u: the block's motion into A) gives (3v + u)/8, the cubic through −u, 0, v, v + w (w: the motion
    /// out of B where the block lands) gives v/2 + (u − w)/16 (equal spacing).
    /// </summary>
    private readonly record struct BlockPath(double Quadratic, double Cubic, double Ux, double Uy, double Wx, double Wy)
    {
        public static BlockPath Of(MotionField ab, MotionField before, MotionField after, int n)
        {
            double vx = ab.X[n], vy = ab.Y[n], l2 = (vx * vx) + (vy * vy);
            int i = n % ab.BlocksX, j = n / ab.BlocksX;
            float cx = (i * 8) + 3.5f + (float)vx, cy = (j * 8) + 3.5f + (float)vy;
            double wx = MotionConsistency.SampleBlocks(after, after.X, cx, cy), wy = MotionConsistency.SampleBlocks(after, after.Y, cx, cy);
            double ux = before.X[n], uy = before.Y[n];
            double quadratic = (((((3 * vx) + ux) / 8) * vx) + ((((3 * vy) + uy) / 8) * vy)) / l2;
            double cubic = ((((vx / 2) + ((ux - wx) / 16)) * vx) + (((vy / 2) + ((uy - wy) / 16)) * vy)) / l2;
            return new(quadratic, cubic, ux, uy, wx, wy);
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
