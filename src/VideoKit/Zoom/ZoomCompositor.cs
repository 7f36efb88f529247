using System.Runtime.InteropServices;
using VideoKit.Imaging;

namespace VideoKit.Zoom;

/// <summary>
/// Renders the frame at a continuous zoom position of an aligned zoom sequence: z = 0 shows level 0, z = k shows level k,
/// and between them the view widens exponentially. Every output pixel comes from the finest level that covers it
/// (area/mip filtered when shrunk, bicubic when enlarged); each inner level's border is feathered into the outer level
/// and colours are matched across levels, so no seam shows. Thread-safe; a frame allocates nothing.
/// </summary>
public sealed partial class ZoomCompositor : IDisposable
{
    internal const int MaxTaps = 12;
    internal const int MaxSlots = 4;

    /// <summary>The most taps the 16-bit horizontal pass handles (three groups of four).</summary>
    internal const int MaxFixedTaps = 12;

    /// <summary>The fixed-point unit of a vertically filtered sample (Q6: a pixel value v is stored as 64 v; overshoot to −40…295 fits in a short).</summary>
    internal const int FixedPixelOne = 64;

    /// <summary>The fixed-point unit of a horizontal weight (Q14).</summary>
    internal const int FixedWeightOne = 16384;

    /// <summary>The shift from a Q14-weighted sum of bytes to a Q6 sample (<see cref="FixedWeightOne"/> / <see cref="FixedPixelOne"/> = 2^8).</summary>
    internal const byte FixedShift = 8;
    private const int RowsPerChunk = 8;

    /// <summary>The largest reduction at which a finer level is drawn from its full resolution (one Lanczos filter, at most <see cref="MaxTaps"/> taps).</summary>
    private const double MaxReduction = 2;

    private readonly Level[] _levels;
    private readonly ZoomStep[] _steps;
    private readonly ZoomCompositorOptions _options;
    private readonly RowWorkers _workers;
    private readonly Stack<FrameJob> _jobs = new();
    private readonly Lock _jobsLock = new();
    private readonly Lock _workersLock = new();
    private readonly int _width;
    private readonly int _height;
    private bool _disposed;

    /// <summary>Prepares a compositor: copies the levels and builds their mip pyramids (once).</summary>
    /// <param name="sequence">The levels (the compositor copies them; the sequence may be disposed afterwards).</param>
    /// <param name="steps">The placement of each level inside the next, from <see cref="ZoomAligner.Align"/> or <see cref="ZoomAligner.Nominal"/>.</param>
    /// <param name="options">Blending options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The number of steps is not one fewer than the number of levels, or a step is for the wrong level.</exception>
    public ZoomCompositor(ZoomSequence sequence, IReadOnlyList<ZoomStep> steps, ZoomCompositorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(steps);
        _options = options ?? ZoomCompositorOptions.Default;
        _options.Validate();
        if (steps.Count != sequence.Count - 1)
        {
            throw new ArgumentException($"{steps.Count} steps were given for {sequence.Count} levels; give one per level after the first.", nameof(steps));
        }

        _steps = [.. steps];
        for (int i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].Level != i + 1)
            {
                throw new ArgumentException($"Step {i} is for level {_steps[i].Level}; steps must be for levels 1, 2, … in order.", nameof(steps));
            }
        }

        _width = sequence.Width;
        _height = sequence.Height;
        _levels = new Level[sequence.Count];
        Parallel.For(0, sequence.Count, i => _levels[i] = new Level(sequence.Levels[i]));
        ComputeTransforms();
        _workers = new RowWorkers(Math.Min(_options.MaxDegreeOfParallelism, Environment.ProcessorCount));
    }

    /// <summary>The number of levels.</summary>
    public int LevelCount => _levels.Length;

    /// <summary>The largest zoom position: the outermost level (<see cref="LevelCount"/> − 1).</summary>
    public double MaxZoom => _levels.Length - 1;

    /// <summary>The placement of each level inside the next, as given.</summary>
    public IReadOnlyList<ZoomStep> Steps => _steps;

    /// <summary>
    /// Draws the picture at zoom position <paramref name="zoom"/> into <paramref name="destination"/> (any size; the
    /// levels are fitted to cover it, cropping the longer side). Allocates nothing; may be called from several threads.
    /// </summary>
    /// <param name="zoom">The zoom position, from 0 (level 0 fills the frame) to <see cref="MaxZoom"/>; values outside are clamped.</param>
    /// <param name="destination">The frame to overwrite.</param>
    /// <exception cref="ObjectDisposedException">The compositor was disposed.</exception>
    public void RenderFrame(double zoom, Frame destination) => Render(zoom, destination, simd: true);

    /// <summary>Releases the level copies and the worker threads.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _workers.Dispose();
    }

    /// <summary>Renders with the SIMD kernels or the scalar reference kernels.</summary>
    internal void Render(double zoom, Frame destination, bool simd, bool outerOnly = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(destination);
        if (double.IsNaN(zoom))
        {
            throw new ArgumentOutOfRangeException(nameof(zoom), "The zoom position is not a number.");
        }

        FrameJob job = RentJob(destination.Width, destination.Height);
        try
        {
            Plan(job, Math.Clamp(zoom, 0, MaxZoom));
            if (outerOnly)
            {
                (job.Slots[0], job.Slots[job.SlotCount - 1]) = (job.Slots[job.SlotCount - 1], job.Slots[0]);
                job.SlotCount = 1;
            }
            job.Simd = simd;
            job.Bgra = destination.Format == PixelFormat.Bgra32;
            Span<byte> span = destination.Span;
            unsafe
            {
                fixed (byte* dst = span)
                {
                    job.Destination = dst;
                    int chunks = (destination.Height + RowsPerChunk - 1) / RowsPerChunk;
                    if (_workersLock.TryEnter())
                    {
                        try
                        {
                            job.EnsureScratch(_workers.Count);
                            job.Configuring = true;
                            _workers.Run(job, job.SlotCount * 2);
                            job.Configuring = false;
                            _workers.Run(job, chunks);
                        }
                        finally
                        {
                            _workersLock.Exit();
                        }
                    }
                    else
                    {
                        // Another frame holds the workers (the renderer composes frames in parallel): run on this thread.
                        job.EnsureScratch(1);
                        for (int c = 0; c < job.SlotCount * 2; c++)
                        {
                            job.Configure(c);
                        }

                        for (int c = 0; c < chunks; c++)
                        {
                            job.Execute(c, 0);
                        }
                    }

                    job.Destination = null;
                }
            }
        }
        finally
        {
            ReturnJob(job);
        }
    }

    /// <summary>The view at <paramref name="zoom"/>: the level-(k+1) window, its global placement, and which levels are drawn.</summary>
    internal void Plan(FrameJob job, double zoom)
    {
        int n = _levels.Length;
        int k = (int)Math.Floor(zoom);
        double f = zoom - k;
        if (k >= n - 1)
        {
            k = n - 2;
            f = 1;
        }

        ZoomStep step = _steps[k];
        double s = step.Scale;
        double mx = _width / 2.0, my = _height / 2.0;
        // The inner window (level k) maps onto the outer (level k+1) by scaling about the fixed point P; the view at
        // fraction f of the step is that scaling raised to the power f, so the zoom is exponential and jitter-free.
        double px = ((s * step.CenterX) - mx) / (s - 1), py = ((s * step.CenterY) - my) / (s - 1);
        double grow = Math.Pow(s, f);
        double cx = px + (grow * (step.CenterX - px)), cy = py + (grow * (step.CenterY - py));
        double viewW = _width * grow / s, viewH = _height * grow / s;
        double outAspect = (double)job.Width / job.Height;
        double visW = viewW, visH = viewH;
        if (viewW / viewH > outAspect)
        {
            visW = viewH * outAspect;
        }
        else
        {
            visH = viewW / outAspect;
        }

        Level outer = _levels[k + 1];
        double sigma = outer.A * visW / job.Width;
        double gx0 = (outer.A * (cx - (visW / 2))) + outer.Bx;
        double gy0 = (outer.A * (cy - (visH / 2))) + outer.By;

        job.ViewX = gx0;
        job.ViewY = gy0;
        job.ViewStep = sigma;
        int top = f < 1e-9 ? k : k + 1;
        Span<int> levels = stackalloc int[MaxSlots];
        Span<double> fades = stackalloc double[MaxSlots];
        Span<double> reveals = stackalloc double[MaxSlots];
        int count = 0;
        double fadeF = _options.FadeFraction;
        for (int j = top - 1; j >= 0 && count < MaxSlots - 1; j--)
        {
            double r = sigma / _levels[j].A;
            double fade;
            if (j == top - 1)
            {
                // The level just inside the outer one fades out over the last part of its step, so the next integer
                // zoom position shows the outer level exactly.
                double outgrown = Math.Log(r) / Math.Log(_steps[j].Scale);
                fade = 1 - SmoothStep((outgrown - (1 - fadeF)) / fadeF);
            }
            else
            {
                // Finer levels (small factors: several cover the centre) are sharper than a coarser level shrunk less,
                // as long as one filter from their full resolution suffices (reduction below MaxReduction): each pixel
                // comes from the finest such level. They fade in after and out before each integer zoom position (which
                // shows its own level exactly), and out as their reduction nears the limit.
                double overLimit = (Math.Log(r) - Math.Log(MaxReduction)) / Math.Log(_steps[j].Scale);
                fade = SmoothStep(f / fadeF) * (1 - SmoothStep((f - (1 - fadeF)) / fadeF)) * (1 - SmoothStep((overLimit + fadeF) / fadeF));
            }

            if (fade <= 1e-6)
            {
                break;
            }

            levels[count] = j;
            fades[count] = fade;
            reveals[count] = j == k && top == k + 1 && _options.RevealFraction > 0 ? SmoothStep(f / _options.RevealFraction) : 1;
            count++;
        }

        // Colours: every level maps into level 0's colour space (H_j); the display space slides from H_k to H_k+1.
        Span<double> da = stackalloc double[3];
        Span<double> db = stackalloc double[3];
        for (int c = 0; c < 3; c++)
        {
            da[c] = Math.Pow(_levels[k].ColorA[c], 1 - f) * Math.Pow(_levels[k + 1].ColorA[c], f);
            db[c] = ((1 - f) * _levels[k].ColorB[c]) + (f * _levels[k + 1].ColorB[c]);
        }

        job.SlotCount = count + 1;
        for (int i = 0; i <= count; i++)
        {
            // Slots run finest first; the last slot is the outermost level, opaque everywhere.
            bool isOuter = i == count;
            int j = isOuter ? top : levels[count - 1 - i];
            Level level = _levels[j];
            double originX = (gx0 - level.Bx) / level.A, originY = (gy0 - level.By) / level.A, stepPx = sigma / level.A;
            Slot slot = job.Slots[i];
            slot.Level = level;
            slot.Fade = isOuter ? 1 : (float)fades[count - 1 - i];
            double reveal = isOuter ? 0 : reveals[count - 1 - i];
            double band = _options.FeatherFraction * Math.Min(_width, _height);
            slot.Prepare(originX, originY, stepPx, isOuter, band, reveal);
            for (int c = 0; c < 3; c++)
            {
                double alpha = _options.MatchColors ? level.ColorA[c] / da[c] : 1;
                double beta = _options.MatchColors ? (level.ColorB[c] - db[c]) / da[c] : 0;
                slot.Alpha[c] = (float)alpha;
                slot.Beta[c] = (float)beta;
            }

            slot.Alpha[3] = 0;
            slot.Beta[3] = -1;
        }
    }

    /// <summary>Where level <paramref name="level"/>'s image lies in an output frame at <paramref name="zoom"/> (output pixel coordinates, corners).</summary>
    internal (double X0, double Y0, double X1, double Y1) LevelRectangle(double zoom, int level, int width, int height)
    {
        var job = new FrameJob(width, height, _width);
        Plan(job, Math.Clamp(zoom, 0, MaxZoom));
        Level l = _levels[level];
        double ox = (job.ViewX - l.Bx) / l.A, oy = (job.ViewY - l.By) / l.A, step = job.ViewStep / l.A;
        return (-ox / step, -oy / step, (_width - ox) / step, (_height - oy) / step);
    }

    internal static double SmoothStep(double x)
    {
        x = Math.Clamp(x, 0, 1);
        return x * x * (3 - (2 * x));
    }

    private void ComputeTransforms()
    {
        // Global coordinates are level-0 pixels: g = A_j · p_j + B_j.
        _levels[0].A = 1;
        for (int c = 0; c < 3; c++)
        {
            _levels[0].ColorA[c] = 1;
        }

        for (int j = 1; j < _levels.Length; j++)
        {
            ZoomStep st = _steps[j - 1];
            Level inner = _levels[j - 1], outer = _levels[j];
            outer.A = inner.A * st.Scale;
            outer.Bx = (inner.A * ((_width / 2.0) - (st.CenterX * st.Scale))) + inner.Bx;
            outer.By = (inner.A * ((_height / 2.0) - (st.CenterY * st.Scale))) + inner.By;
            for (int c = 0; c < 3; c++)
            {
                // outer ≈ g · inner + o, so inner = (outer − o) / g and H_outer(c) = H_inner((c − o) / g).
                double g = c == 0 ? st.Gain.X : c == 1 ? st.Gain.Y : st.Gain.Z;
                double o = c == 0 ? st.Offset.X : c == 1 ? st.Offset.Y : st.Offset.Z;
                g = g > 0.05 ? g : 1;
                outer.ColorA[c] = inner.ColorA[c] / g;
                outer.ColorB[c] = inner.ColorB[c] - (inner.ColorA[c] * o / g);
            }
        }
    }

    private FrameJob RentJob(int width, int height)
    {
        lock (_jobsLock)
        {
            if (_jobs.TryPop(out FrameJob? job))
            {
                if (job.Width == width && job.Height == height)
                {
                    return job;
                }
            }
        }

        return new FrameJob(width, height, _width);
    }

    private void ReturnJob(FrameJob job)
    {
        lock (_jobsLock)
        {
            if (_jobs.Count < 8)
            {
                _jobs.Push(job);
            }
        }
    }

    /// <summary>One level: its pixels (RGBA) and mip pyramid in pinned memory, its global placement and colour mapping.</summary>
    internal sealed class Level
    {
        public Level(Frame frame)
        {
            int w = frame.Width, h = frame.Height;
            var mips = new List<byte[]>();
            var widths = new List<int>();
            var heights = new List<int>();
            byte[] level0 = GC.AllocateUninitializedArray<byte>(w * h * 4, pinned: true);
            frame.Span.CopyTo(level0);
            if (frame.Format == PixelFormat.Bgra32)
            {
                PixelConverter.SwapRedBlue(level0);
            }

            mips.Add(level0);
            widths.Add(w);
            heights.Add(h);
            while (w / 2 >= 16 && h / 2 >= 16)
            {
                byte[] src = mips[^1];
                int nw = w / 2, nh = h / 2;
                byte[] dst = GC.AllocateUninitializedArray<byte>(nw * nh * 4, pinned: true);
                Halve(src, w, h, dst, nw, nh);
                mips.Add(dst);
                widths.Add(nw);
                heights.Add(nh);
                w = nw;
                h = nh;
            }

            Mips = [.. mips];
            MipPointers = [.. mips.Select(m => Marshal.UnsafeAddrOfPinnedArrayElement(m, 0))];
            MipWidths = [.. widths];
            MipHeights = [.. heights];
            Width = frame.Width;
            Height = frame.Height;
        }

        public byte[][] Mips { get; }

        /// <summary>
        /// Halves a picture with Lanczos-3 widened by two (12 taps per axis, separable, float): a sharp reduction, so a
        /// level drawn from a mip (reduced by 2 or more) is filtered once properly instead of box-averaged and then
        /// filtered again.
        /// </summary>
        private static void Halve(byte[] src, int w, int h, byte[] dst, int nw, int nh)
        {
            const int taps = 4 * LanczosLobes;
            Span<float> k = stackalloc float[taps];
            float sum = 0;
            for (int t = 0; t < taps; t++)
            {
                // Output pixel x sits at source position 2x + 0.5; the taps lie at 2x − 5 … 2x + 6.
                k[t] = (float)Lanczos((t - (taps / 2) + 0.5) / 2);
                sum += k[t];
            }

            for (int t = 0; t < taps; t++)
            {
                k[t] /= sum;
            }

            float[] rows = new float[nh * w * 4];
            for (int y = 0; y < nh; y++)
            {
                for (int x = 0; x < w * 4; x++)
                {
                    float acc = 0;
                    for (int t = 0; t < taps; t++)
                    {
                        int sy = Math.Clamp((2 * y) + t - (taps / 2) + 1, 0, h - 1);
                        acc += k[t] * src[(sy * w * 4) + x];
                    }

                    rows[(y * w * 4) + x] = acc;
                }
            }

            for (int y = 0; y < nh; y++)
            {
                int row = y * w * 4;
                for (int x = 0; x < nw; x++)
                {
                    for (int c = 0; c < 4; c++)
                    {
                        float acc = 0;
                        for (int t = 0; t < taps; t++)
                        {
                            int sx = Math.Clamp((2 * x) + t - (taps / 2) + 1, 0, w - 1);
                            acc += k[t] * rows[row + (sx * 4) + c];
                        }

                        dst[(((y * nw) + x) * 4) + c] = (byte)Math.Clamp((int)MathF.Round(acc), 0, 255);
                    }
                }
            }
        }

        public int[] MipWidths { get; }

        public int[] MipHeights { get; }

        public int Width { get; }

        public int Height { get; }

        public double A { get; set; }

        public double Bx { get; set; }

        public double By { get; set; }

        public double[] ColorA { get; } = [1, 1, 1];

        public double[] ColorB { get; } = [0, 0, 0];

        public nint[] MipPointers { get; }
    }
}
