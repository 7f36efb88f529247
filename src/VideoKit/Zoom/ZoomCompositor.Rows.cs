using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VideoKit.Zoom;

public sealed partial class ZoomCompositor
{
    /// <summary>The half-width of the Lanczos kernel in source pixels at 1:1 (Lanczos-3).</summary>
    internal const int LanczosLobes = 3;

    /// <summary>
    /// The Lanczos-3 kernel (sinc windowed by a sinc three times as wide): zero at every non-zero integer, so a 1:1
    /// sample reproduces the source exactly, and much flatter in the pass band than a cubic, so a picture resampled at
    /// nearly its own size (a zoom just past a level) keeps its detail.
    /// </summary>
    internal static double Lanczos(double x)
    {
        x = Math.Abs(x);
        if (x < 1e-9)
        {
            return 1;
        }

        if (x >= LanczosLobes)
        {
            return 0;
        }

        double px = Math.PI * x;
        return LanczosLobes * Math.Sin(px) * Math.Sin(px / LanczosLobes) / (px * px);
    }

    /// <summary>
    /// Fills the resampling table of one axis for output samples <paramref name="from"/> to <paramref name="to"/> (exclusive):
    /// for each its first source index and <paramref name="taps"/> normalised weights, with taps beyond the edge folded onto
    /// the edge pixel so every index lies inside the source.
    /// </summary>
    internal static void BuildAxis(int from, int to, double origin, double step, double mipScale, double stretch, int taps, int sourceSize, int[] start, float[] weights)
    {
        double radius = LanczosLobes * stretch;
        Span<double> w = stackalloc double[MaxTaps];
        for (int u = from; u < to; u++)
        {
            double pos = ((origin + ((u + 0.5) * step)) / mipScale) - 0.5;
            int i0 = (int)Math.Floor(pos - radius) + 1;
            int first = Math.Clamp(i0, 0, Math.Max(0, sourceSize - taps));
            w.Clear();
            double sum = 0;
            for (int t = 0; t < taps; t++)
            {
                double k = Lanczos((i0 + t - pos) / stretch);
                int idx = Math.Clamp(i0 + t, 0, sourceSize - 1) - first;
                if ((uint)idx < (uint)taps)
                {
                    w[idx] += k;
                    sum += k;
                }
            }

            start[u] = first;
            int row = u * MaxTaps;
            for (int t = 0; t < MaxTaps; t++)
            {
                weights[row + t] = t < taps && sum != 0 ? (float)(w[t] / sum) : 0;
            }
        }
    }

    /// <summary>
    /// Packs float tap weights (<see cref="MaxTaps"/> per sample) into the layout of the 16-bit horizontal pass: per
    /// sample 16 shorts for up to 4 taps or 32 for up to 8 (<see cref="FixedStride"/>), tap pairs (t, t+1) for t = 0, 2, …
    /// each repeated four times (one per channel), in units of 1/<see cref="FixedWeightOne"/>. The rounded weights are corrected to sum to exactly one, so
    /// flat areas keep their value and a 1:1 sample (weights 0, 1, 0, 0) stays exact.
    /// </summary>
    internal static void PackWeights16(float[] weights, short[] packed, int from, int to, int taps)
    {
        int stride = FixedStride(taps);
        Span<int> q = stackalloc int[MaxFixedTaps];
        for (int u = from; u < to; u++)
        {
            int sum = 0, largest = 0;
            for (int t = 0; t < MaxFixedTaps; t++)
            {
                q[t] = t < taps ? (int)Math.Round(weights[(u * MaxTaps) + t] * FixedWeightOne) : 0;
                sum += q[t];
                if (Math.Abs(q[t]) > Math.Abs(q[largest]))
                {
                    largest = t;
                }
            }

            q[largest] += FixedWeightOne - sum;
            int o = u * stride;
            for (int pair = 0; pair < stride / 8; pair++)
            {
                for (int c = 0; c < 4; c++)
                {
                    packed[o + (pair * 8) + (c * 2)] = (short)q[2 * pair];
                    packed[o + (pair * 8) + (c * 2) + 1] = (short)q[(2 * pair) + 1];
                }
            }
        }
    }

    /// <summary>Shorts per output sample in the packed weights: 16 per group of four taps (one to three groups).</summary>
    internal static int FixedStride(int taps) => 16 * ((taps + 3) / 4);

    /// <summary>One level as drawn in one frame: which mip, the resampling tables, the feather weights and colour mapping.</summary>
    internal sealed class Slot
    {
        public Slot(int width, int height)
        {
            ColStart = new int[width];
            ColWeights = new float[width * MaxTaps];
            Wx = new float[width];
            RowStart = new int[height];
            RowWeights = new float[height * MaxTaps];
            Wy = new float[height];
            ColWeights16 = new short[(width + 1) * FixedStride(MaxFixedTaps)];
            WxQuad = new float[(width + 2) * 4];
        }

        public Level Level { get; set; } = null!;

        public float Fade { get; set; }

        public float[] Alpha { get; } = new float[4];

        public float[] Beta { get; } = new float[4];

        public int Mip { get; private set; }

        public int TapsX { get; private set; }

        public int TapsY { get; private set; }

        public int[] ColStart { get; }

        public float[] ColWeights { get; }

        public float[] Wx { get; }

        /// <summary>The column weights in fixed point (<see cref="PackWeights16"/>), for the 16-bit horizontal pass.</summary>
        public short[] ColWeights16 { get; }

        /// <summary>Each column's feather weight repeated 4 times, so two columns load as one Vector256.</summary>
        public float[] WxQuad { get; }

        /// <summary>Whether the columns have at most <see cref="MaxFixedTaps"/> taps, so the 16-bit horizontal pass applies.</summary>
        public bool Fixed16 { get; private set; }

        public int[] RowStart { get; }

        public float[] RowWeights { get; }

        public float[] Wy { get; }

        public int Cx0 { get; private set; }

        public int Cx1 { get; private set; }

        public int Ox0 { get; private set; }

        public int Ox1 { get; private set; }

        public int Cy0 { get; private set; }

        public int Cy1 { get; private set; }

        private double _originX;
        private double _originY;
        private double _step;
        private double _stretch;
        private double _band;
        private double _reveal;
        private bool _isOuter;

        /// <summary>Chooses the mip level and the number of taps; <see cref="ConfigureAxis"/> then fills the tables.</summary>
        public void Prepare(double originX, double originY, double step, bool isOuter, double band, double reveal)
        {
            int mip = 0;
            while (step / (1 << mip) >= 2 && mip + 1 < Level.Mips.Length)
            {
                mip++;
            }

            double stretch = Math.Max(1, step / (1 << mip));
            _stretch = Math.Min(stretch, MaxTaps / (2.0 * LanczosLobes));
            int taps = Math.Min(MaxTaps, (int)Math.Ceiling((2 * LanczosLobes * _stretch) - 1e-9));
            Mip = mip;
            TapsX = taps;
            TapsY = taps;
            Fixed16 = taps <= MaxFixedTaps;
            _originX = originX;
            _originY = originY;
            _step = step;
            _isOuter = isOuter;
            _band = band;
            _reveal = reveal;
        }

        /// <summary>
        /// Fills one axis's tables (feather weights, covered interval, resampling taps) for the output samples where the
        /// level shows. The two axes write separate tables, so they may be filled on two threads at once.
        /// </summary>
        public void ConfigureAxis(bool horizontal, int count)
        {
            int scale = 1 << Mip;
            if (horizontal)
            {
                Weights(Wx, count, _originX, _step, Level.Width, _isOuter, _band, _reveal);
                (Cx0, Cx1, Ox0, Ox1) = Intervals(Wx, count);
                BuildAxis(Cx0, Cx1, _originX, _step, scale, _stretch, TapsX, Level.MipWidths[Mip], ColStart, ColWeights);
                if (Fixed16)
                {
                    PackWeights16(ColWeights, ColWeights16, Cx0, Cx1, TapsX);
                }

                for (int u = Cx0; u < Cx1; u++)
                {
                    float wx = Wx[u];
                    int q = u * 4;
                    WxQuad[q] = wx;
                    WxQuad[q + 1] = wx;
                    WxQuad[q + 2] = wx;
                    WxQuad[q + 3] = wx;
                }
            }
            else
            {
                Weights(Wy, count, _originY, _step, Level.Height, _isOuter, _band, _reveal);
                (Cy0, Cy1, _, _) = Intervals(Wy, count);
                BuildAxis(Cy0, Cy1, _originY, _step, scale, _stretch, TapsY, Level.MipHeights[Mip], RowStart, RowWeights);
            }
        }

        private static void Weights(float[] w, int count, double origin, double step, int size, bool isOuter, double band, double reveal)
        {
            for (int u = 0; u < count; u++)
            {
                if (isOuter)
                {
                    w[u] = 1;
                    continue;
                }

                double x = origin + ((u + 0.5) * step);
                double d = Math.Min(x, size - x);
                if (d <= 0)
                {
                    w[u] = 0;
                    continue;
                }

                double inside = band <= 0 ? 1 : SmoothStep(d / band);
                w[u] = (float)(1 - ((1 - inside) * reveal));
            }
        }

        private static (int C0, int C1, int O0, int O1) Intervals(float[] w, int count)
        {
            int c0 = 0, c1 = count, o0 = 0, o1 = 0;
            while (c0 < count && w[c0] <= 0)
            {
                c0++;
            }

            while (c1 > c0 && w[c1 - 1] <= 0)
            {
                c1--;
            }

            int i = c0;
            while (i < c1 && w[i] < 1)
            {
                i++;
            }

            int e = c1;
            while (e > i && w[e - 1] < 1)
            {
                e--;
            }

            if (e > i)
            {
                o0 = i;
                o1 = e;
            }

            return (c0, c1, o0, o1);
        }
    }

    /// <summary>Everything one frame needs: its slots (levels drawn), per-worker scratch rows, and the destination.</summary>
    internal sealed unsafe class FrameJob : IRowJob
    {
        private readonly int _tmpLength;
        private float[][] _acc = [];
        private float[][] _tmp = [];

        public FrameJob(int width, int height, int levelWidth)
        {
            Width = width;
            Height = height;
            Slots = new Slot[MaxSlots];
            for (int i = 0; i < MaxSlots; i++)
            {
                Slots[i] = new Slot(width, height);
            }

            _tmpLength = (levelWidth + (2 * MaxTaps) + 16) * 4;
        }

        public int Width { get; }

        public int Height { get; }

        public Slot[] Slots { get; }

        public int SlotCount { get; set; }

        /// <summary>The view's top-left corner in global (level-0 pixel) coordinates.</summary>
        public double ViewX { get; set; }

        /// <summary>The view's top-left corner in global coordinates.</summary>
        public double ViewY { get; set; }

        /// <summary>Global units per output pixel.</summary>
        public double ViewStep { get; set; }

        public bool Simd { get; set; }

        /// <summary>Whether <see cref="Execute"/> fills slot tables (chunk = slot × 2 + axis) instead of drawing rows.</summary>
        public bool Configuring { get; set; }

        public bool Bgra { get; set; }

        public byte* Destination { get; set; }

        public void EnsureScratch(int workers)
        {
            if (_acc.Length >= workers)
            {
                return;
            }

            _acc = new float[workers][];
            _tmp = new float[workers][];
            for (int i = 0; i < workers; i++)
            {
                _acc[i] = GC.AllocateArray<float>((Width * 4) + 16, pinned: true);
                _tmp[i] = GC.AllocateArray<float>(_tmpLength, pinned: true);
            }
        }

        public void Execute(int chunk, int worker)
        {
            if (Configuring)
            {
                Configure(chunk);
                return;
            }

            int v0 = chunk * RowsPerChunk, v1 = Math.Min(Height, v0 + RowsPerChunk);
            fixed (float* acc = _acc[worker])
            fixed (float* tmp = _tmp[worker])
            {
                for (int v = v0; v < v1; v++)
                {
                    ProcessRow(v, acc, tmp);
                }
            }
        }

        /// <summary>Fills one axis of one slot: chunk 2 s is slot s's columns, 2 s + 1 its rows.</summary>
        public void Configure(int chunk)
        {
            bool horizontal = (chunk & 1) == 0;
            Slots[chunk >> 1].ConfigureAxis(horizontal, horizontal ? Width : Height);
        }

        private void ProcessRow(int v, float* acc, float* tmp)
        {
            bool simd = Simd && Vector128.IsHardwareAccelerated;
            if (simd && Vector512.IsHardwareAccelerated)
            {
                var init16 = Vector512.Create(0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f);
                for (int u = 0; u < Width; u += 4)
                {
                    Vector512.Store(init16, acc + (u * 4));
                }
            }
            else if (simd && Vector256.IsHardwareAccelerated)
            {
                var init8 = Vector256.Create(0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f);
                for (int u = 0; u < Width; u += 2)
                {
                    Vector256.Store(init8, acc + (u * 4));
                }
            }
            else
            {
                for (int u = 0; u < Width; u++)
                {
                    float* p = acc + (u * 4);
                    p[0] = 0;
                    p[1] = 0;
                    p[2] = 0;
                    p[3] = 1;
                }
            }

            int o0 = 0, o1 = 0;
            for (int s = 0; s < SlotCount; s++)
            {
                Slot slot = Slots[s];
                if (v < slot.Cy0 || v >= slot.Cy1)
                {
                    continue;
                }

                float rowWeight = slot.Wy[v] * slot.Fade;
                if (rowWeight <= 0)
                {
                    continue;
                }

                int c0 = slot.Cx0, c1 = slot.Cx1;
                if (o1 <= o0 || o1 <= c0 || o0 >= c1)
                {
                    Segment(slot, v, c0, c1, rowWeight, acc, tmp, simd);
                }
                else
                {
                    if (c0 < o0)
                    {
                        Segment(slot, v, c0, o0, rowWeight, acc, tmp, simd);
                    }

                    if (o1 < c1)
                    {
                        Segment(slot, v, o1, c1, rowWeight, acc, tmp, simd);
                    }
                }

                if (slot.Fade >= 1 && slot.Wy[v] >= 1 && slot.Ox1 > slot.Ox0)
                {
                    if (o1 <= o0)
                    {
                        (o0, o1) = (slot.Ox0, slot.Ox1);
                    }
                    else if (slot.Ox0 <= o1 && slot.Ox1 >= o0)
                    {
                        (o0, o1) = (Math.Min(o0, slot.Ox0), Math.Max(o1, slot.Ox1));
                    }
                    else if (slot.Ox1 - slot.Ox0 > o1 - o0)
                    {
                        (o0, o1) = (slot.Ox0, slot.Ox1);
                    }
                }
            }

            WriteRow(Destination + ((long)v * Width * 4), acc, Width, Bgra, simd);
        }

        private static void Segment(Slot slot, int v, int a, int b, float rowWeight, float* acc, float* tmp, bool simd)
        {
            Level level = slot.Level;
            int srcW = level.MipWidths[slot.Mip];
            byte* src = (byte*)level.MipPointers[slot.Mip];
            int s0 = slot.ColStart[a], s1 = slot.ColStart[b - 1] + slot.TapsX;
            fixed (float* rowW = &slot.RowWeights[v * MaxTaps])
            fixed (int* colStart = slot.ColStart)
            fixed (float* colW = slot.ColWeights)
            fixed (float* wx = slot.Wx)
            fixed (float* alpha = slot.Alpha)
            fixed (float* beta = slot.Beta)
            {
                byte* first = src + ((long)slot.RowStart[v] * srcW * 4) + (s0 * 4);
                if (simd && slot.Fixed16 && Avx2.IsSupported && Fma.IsSupported)
                {
                    // 16-bit fixed point: the vertical pass stores Q6 shorts, the horizontal pass multiplies pairs of taps
                    // with Q14 weights (vpmaddwd), two output pixels per Vector256.
                    short* tmp16 = (short*)tmp;
                    if (Avx512F.IsSupported && Avx512BW.IsSupported)
                    {
                        VerticalAvx512Fixed(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp16);
                    }
                    else
                    {
                        VerticalAvx2Fixed(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp16);
                    }

                    fixed (short* w16 = slot.ColWeights16)
                    fixed (float* wxq = slot.WxQuad)
                    {
                        Vector128<float> a4 = Vector128.Load(alpha) * (1f / (FixedPixelOne * FixedWeightOne));
                        Vector128<float> b4 = Vector128.Load(beta);
                        HorizontalAvx2Fixed(tmp16, s0, colStart, w16, (slot.TapsX + 3) / 4, a, b, wxq, rowWeight, Vector256.Create(a4, a4), Vector256.Create(b4, b4), acc);
                    }

                    return;
                }

                if (simd && Avx512F.IsSupported)
                {
                    VerticalAvx512(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp);
                }
                else if (simd && Avx2.IsSupported && Fma.IsSupported)
                {
                    VerticalAvx2(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp);
                }
                else if (simd)
                {
                    VerticalVector128(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp);
                }
                else
                {
                    VerticalScalar(first, srcW * 4, rowW, slot.TapsY, s1 - s0, tmp);
                }

                if (simd)
                {
                    HorizontalVector(tmp, s0, colStart, colW, slot.TapsX, a, b, wx, rowWeight, Vector128.Load(alpha), Vector128.Load(beta), acc);
                }
                else
                {
                    HorizontalScalar(tmp, s0, colStart, colW, slot.TapsX, a, b, wx, rowWeight, alpha, beta, acc);
                }
            }
        }
    }

    internal static unsafe void VerticalScalar(byte* first, int stride, float* w, int taps, int count, float* tmp)
    {
        for (int x = 0; x < count * 4; x++)
        {
            float sum = 0;
            for (int t = 0; t < taps; t++)
            {
                sum += w[t] * first[(t * (long)stride) + x];
            }

            tmp[x] = sum;
        }
    }

    internal static unsafe void VerticalAvx512(byte* first, int stride, float* w, int taps, int count, float* tmp)
    {
        Span<Vector512<float>> weights = stackalloc Vector512<float>[MaxTaps];
        for (int t = 0; t < taps; t++)
        {
            weights[t] = Vector512.Create(w[t]);
        }

        int bytes = count * 4, x = 0;
        for (; x + 32 <= bytes; x += 32)
        {
            Vector512<float> a0 = Vector512<float>.Zero, a1 = Vector512<float>.Zero;
            byte* p = first + x;
            for (int t = 0; t < taps; t++, p += stride)
            {
                a0 = Avx512F.FusedMultiplyAdd(Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(p))), weights[t], a0);
                a1 = Avx512F.FusedMultiplyAdd(Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(p + 16))), weights[t], a1);
            }

            Avx512F.Store(tmp + x, a0);
            Avx512F.Store(tmp + x + 16, a1);
        }

        if (x < bytes)
        {
            VerticalAvx2(first + x, stride, w, taps, count - (x / 4), tmp + x);
        }
    }

    internal static unsafe void VerticalAvx2(byte* first, int stride, float* w, int taps, int count, float* tmp)
    {
        Span<Vector256<float>> weights = stackalloc Vector256<float>[MaxTaps];
        for (int t = 0; t < taps; t++)
        {
            weights[t] = Vector256.Create(w[t]);
        }

        int bytes = count * 4, x = 0;
        for (; x + 16 <= bytes; x += 16)
        {
            Vector256<float> a0 = Vector256<float>.Zero, a1 = Vector256<float>.Zero;
            byte* p = first + x;
            for (int t = 0; t < taps; t++, p += stride)
            {
                a0 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p)), weights[t], a0);
                a1 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(p + 8)), weights[t], a1);
            }

            Avx.Store(tmp + x, a0);
            Avx.Store(tmp + x + 8, a1);
        }

        for (; x < bytes; x++)
        {
            float sum = 0;
            for (int t = 0; t < taps; t++)
            {
                sum += w[t] * first[(t * (long)stride) + x];
            }

            tmp[x] = sum;
        }
    }

    /// <summary>
    /// Rounds tap weights to <see cref="FixedWeightOne"/> units, corrected to sum to exactly one (so flat areas keep their
    /// value and a 1:1 sample stays exact), padded with zeros to an even count.
    /// </summary>
    internal static unsafe void QuantizeTaps(float* w, int taps, Span<int> q)
    {
        int sum = 0, largest = 0;
        for (int t = 0; t < q.Length; t++)
        {
            q[t] = t < taps ? (int)MathF.Round(w[t] * FixedWeightOne) : 0;
            sum += q[t];
            if (Math.Abs(q[t]) > Math.Abs(q[largest]))
            {
                largest = t;
            }
        }

        q[largest] += FixedWeightOne - sum;
    }

    /// <summary>
    /// The vertical pass into 16-bit fixed point (value × <see cref="FixedPixelOne"/>, rounded, saturated), integer
    /// arithmetic: two source rows are zero-extended to shorts, interleaved, and multiplied by a pair of Q14 weights with
    /// one vpmaddwd (two taps per instruction), 32 samples per AVX-512 step.
    /// </summary>
    internal static unsafe void VerticalAvx512Fixed(byte* first, int stride, float* w, int taps, int count, short* tmp)
    {
        Span<int> q = stackalloc int[MaxTaps];
        QuantizeTaps(w, taps, q);
        int pairs = (taps + 1) / 2;
        Vector512<short>* weights = stackalloc Vector512<short>[MaxTaps / 2];
        nint* rows = stackalloc nint[MaxTaps];
        for (int t = 0; t < pairs * 2; t++)
        {
            // An odd last tap pairs with its own row (weight 0), so no row past the window is read.
            rows[t] = (nint)Math.Min(t, taps - 1) * stride;
        }

        for (int t = 0; t < pairs; t++)
        {
            weights[t] = Vector512.Create((q[2 * t] & 0xFFFF) | (q[(2 * t) + 1] << 16)).AsInt16();
        }

        int bytes = count * 4, x = 0;
        var half = Vector512.Create(1 << (FixedShift - 1));
        Vector512<short> w0 = weights[0], w1 = weights[1], w2 = pairs > 2 ? weights[2] : default, w3 = pairs > 3 ? weights[3] : default;

        // One loop per number of tap pairs (2 to 4: 4 to 8 taps), so the weights and row offsets stay in registers; the
        // rest of the row (and any other count) runs the AVX2 kernel. Unpack and pack both work per 128-bit lane, so the
        // samples come back in order.
        switch (pairs)
        {
            case 2:
                for (; x + 32 <= bytes; x += 32)
                {
                    byte* p = first + x;
                    Vector512<int> lo = half, hi = half;
                    (lo, hi) = TapPair(p + rows[0], p + rows[1], w0, lo, hi);
                    (lo, hi) = TapPair(p + rows[2], p + rows[3], w1, lo, hi);
                    Vector512.Store(Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(lo, FixedShift), Avx512F.ShiftRightArithmetic(hi, FixedShift)), tmp + x);
                }

                break;
            case 3:
                for (; x + 32 <= bytes; x += 32)
                {
                    byte* p = first + x;
                    Vector512<int> lo = half, hi = half;
                    (lo, hi) = TapPair(p + rows[0], p + rows[1], w0, lo, hi);
                    (lo, hi) = TapPair(p + rows[2], p + rows[3], w1, lo, hi);
                    (lo, hi) = TapPair(p + rows[4], p + rows[5], w2, lo, hi);
                    Vector512.Store(Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(lo, FixedShift), Avx512F.ShiftRightArithmetic(hi, FixedShift)), tmp + x);
                }

                break;
            case 4:
                for (; x + 32 <= bytes; x += 32)
                {
                    byte* p = first + x;
                    Vector512<int> lo = half, hi = half;
                    (lo, hi) = TapPair(p + rows[0], p + rows[1], w0, lo, hi);
                    (lo, hi) = TapPair(p + rows[2], p + rows[3], w1, lo, hi);
                    (lo, hi) = TapPair(p + rows[4], p + rows[5], w2, lo, hi);
                    (lo, hi) = TapPair(p + rows[6], p + rows[7], w3, lo, hi);
                    Vector512.Store(Avx512BW.PackSignedSaturate(Avx512F.ShiftRightArithmetic(lo, FixedShift), Avx512F.ShiftRightArithmetic(hi, FixedShift)), tmp + x);
                }

                break;
        }

        if (x < bytes)
        {
            VerticalAvx2Fixed(first + x, stride, w, taps, count - (x / 4), tmp + x);
        }
    }

    /// <summary>
    /// Two taps of the vertical pass for 32 samples: rows <paramref name="row0"/> and <paramref name="row1"/> zero-extended
    /// to shorts, interleaved, and multiplied by the weight pair with one vpmaddwd per half, added to the sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector512<int> Lo, Vector512<int> Hi) TapPair(byte* row0, byte* row1, Vector512<short> weights, Vector512<int> lo, Vector512<int> hi)
    {
        Vector512<short> a = Avx512BW.ConvertToVector512Int16(Vector256.Load(row0)).AsInt16();
        Vector512<short> b = Avx512BW.ConvertToVector512Int16(Vector256.Load(row1)).AsInt16();
        return (Avx512F.Add(lo, Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, b), weights)),
            Avx512F.Add(hi, Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, b), weights)));
    }

    /// <summary>The vertical pass into 16-bit fixed point, as <see cref="VerticalAvx512Fixed"/> with 16 samples per AVX2 step.</summary>
    internal static unsafe void VerticalAvx2Fixed(byte* first, int stride, float* w, int taps, int count, short* tmp)
    {
        Span<int> q = stackalloc int[MaxTaps];
        QuantizeTaps(w, taps, q);
        int pairs = (taps + 1) / 2;
        Vector256<short>* weights = stackalloc Vector256<short>[MaxTaps / 2];
        nint* rows = stackalloc nint[MaxTaps];
        for (int t = 0; t < pairs * 2; t++)
        {
            rows[t] = (nint)Math.Min(t, taps - 1) * stride;
        }

        for (int t = 0; t < pairs; t++)
        {
            weights[t] = Vector256.Create((q[2 * t] & 0xFFFF) | (q[(2 * t) + 1] << 16)).AsInt16();
        }

        int bytes = count * 4, x = 0;
        var half = Vector256.Create(1 << (FixedShift - 1));
        if (pairs >= 3)
        {
            // Lanczos-3 has 6 to 12 taps: one loop per pair count keeps the weights and row offsets in registers.
            Vector256<short> w0 = weights[0], w1 = weights[1], w2 = weights[2];
            Vector256<short> w3 = pairs > 3 ? weights[3] : default, w4 = pairs > 4 ? weights[4] : default, w5 = pairs > 5 ? weights[5] : default;
            nint r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5];
            nint r6 = pairs > 3 ? rows[6] : 0, r7 = pairs > 3 ? rows[7] : 0, r8 = pairs > 4 ? rows[8] : 0, r9 = pairs > 4 ? rows[9] : 0;
            nint r10 = pairs > 5 ? rows[10] : 0, r11 = pairs > 5 ? rows[11] : 0;
            for (; x + 16 <= bytes; x += 16)
            {
                byte* p = first + x;
                Vector256<int> lo = half, hi = half;
                (lo, hi) = TapPair256(p + r0, p + r1, w0, lo, hi);
                (lo, hi) = TapPair256(p + r2, p + r3, w1, lo, hi);
                (lo, hi) = TapPair256(p + r4, p + r5, w2, lo, hi);
                if (pairs > 3)
                {
                    (lo, hi) = TapPair256(p + r6, p + r7, w3, lo, hi);
                    if (pairs > 4)
                    {
                        (lo, hi) = TapPair256(p + r8, p + r9, w4, lo, hi);
                        if (pairs > 5)
                        {
                            (lo, hi) = TapPair256(p + r10, p + r11, w5, lo, hi);
                        }
                    }
                }

                Vector256.Store(Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo, FixedShift), Avx2.ShiftRightArithmetic(hi, FixedShift)), tmp + x);
            }
        }

        for (; x + 16 <= bytes; x += 16)
        {
            Vector256<int> lo = half, hi = half;
            byte* p = first + x;
            for (int t = 0; t < pairs; t++)
            {
                Vector256<short> r0 = Avx2.ConvertToVector256Int16(p + rows[2 * t]).AsInt16();
                Vector256<short> r1 = Avx2.ConvertToVector256Int16(p + rows[(2 * t) + 1]).AsInt16();
                lo = Avx2.Add(lo, Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(r0, r1), weights[t]));
                hi = Avx2.Add(hi, Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(r0, r1), weights[t]));
            }

            Vector256.Store(Avx2.PackSignedSaturate(Avx2.ShiftRightArithmetic(lo, FixedShift), Avx2.ShiftRightArithmetic(hi, FixedShift)), tmp + x);
        }

        for (; x < bytes; x++)
        {
            int sum = 1 << (FixedShift - 1);
            for (int t = 0; t < taps; t++)
            {
                sum += q[t] * first[(t * (long)stride) + x];
            }

            tmp[x] = (short)Math.Clamp(sum >> FixedShift, short.MinValue, short.MaxValue);
        }
    }

    /// <summary>Two taps of the AVX2 vertical pass for 16 samples (as <see cref="TapPair"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector256<int> Lo, Vector256<int> Hi) TapPair256(byte* row0, byte* row1, Vector256<short> weights, Vector256<int> lo, Vector256<int> hi)
    {
        Vector256<short> a = Avx2.ConvertToVector256Int16(row0).AsInt16();
        Vector256<short> b = Avx2.ConvertToVector256Int16(row1).AsInt16();
        return (Avx2.Add(lo, Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), weights)), Avx2.Add(hi, Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), weights)));
    }

    /// <summary>
    /// The horizontal pass on 16-bit fixed-point rows, two output pixels per Vector256: per pixel one load of four source
    /// pixels per group of four taps (one to three groups: up to 12 taps), a byte shuffle that pairs neighbouring taps per channel, and one
    /// vpmaddwd with the packed weights (<see cref="PackWeights16"/>); the sums are mapped to colour and blended in float.
    /// </summary>
    internal static unsafe void HorizontalAvx2Fixed(short* tmp, int s0, int* colStart, short* w16, int groups, int a, int b, float* wxq, float rowWeight, Vector256<float> alpha, Vector256<float> beta, float* acc)
    {
        var pairs = Vector256.Create((byte)0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
        var rw = Vector256.Create(rowWeight);
        int stride = 16 * groups;
        short* src = tmp - (s0 * 4);
        short* q = w16 + (a * stride);
        float* wq = wxq + (a * 4);
        float* o = acc + (a * 4);
        int* cs = colStart + a;
        int u = a;
        if (groups == 3)
        {
            for (; u + 1 < b; u += 2, cs += 2, q += 96, wq += 8, o += 8)
            {
                short* p0 = src + (cs[0] * 4), p1 = src + (cs[1] * 4);
                Vector256<int> m0 = Avx2.Add(Avx2.Add(Taps4(p0, q, pairs), Taps4(p0 + 16, q + 16, pairs)), Taps4(p0 + 32, q + 32, pairs));
                Vector256<int> m1 = Avx2.Add(Avx2.Add(Taps4(p1, q + 48, pairs), Taps4(p1 + 16, q + 64, pairs)), Taps4(p1 + 32, q + 80, pairs));
                Avx.Store(o, Blend(m0, m1, o, wq, rw, alpha, beta));
            }

            if (u < b)
            {
                short* p0 = src + (cs[0] * 4);
                Vector256<int> m0 = Avx2.Add(Avx2.Add(Taps4(p0, q, pairs), Taps4(p0 + 16, q + 16, pairs)), Taps4(p0 + 32, q + 32, pairs));
                Sse.Store(o, Blend(m0, m0, o, wq, rw, alpha, beta).GetLower());
            }
        }
        else if (groups == 2)
        {
            for (; u + 1 < b; u += 2, cs += 2, q += 64, wq += 8, o += 8)
            {
                short* p0 = src + (cs[0] * 4), p1 = src + (cs[1] * 4);
                Vector256<int> m0 = Avx2.Add(Taps4(p0, q, pairs), Taps4(p0 + 16, q + 16, pairs));
                Vector256<int> m1 = Avx2.Add(Taps4(p1, q + 32, pairs), Taps4(p1 + 16, q + 48, pairs));
                Avx.Store(o, Blend(m0, m1, o, wq, rw, alpha, beta));
            }

            if (u < b)
            {
                short* p0 = src + (cs[0] * 4);
                Vector256<int> m0 = Avx2.Add(Taps4(p0, q, pairs), Taps4(p0 + 16, q + 16, pairs));
                Sse.Store(o, Blend(m0, m0, o, wq, rw, alpha, beta).GetLower());
            }
        }
        else
        {
            for (; u + 1 < b; u += 2, cs += 2, q += 32, wq += 8, o += 8)
            {
                Vector256<int> m0 = Taps4(src + (cs[0] * 4), q, pairs);
                Vector256<int> m1 = Taps4(src + (cs[1] * 4), q + 16, pairs);
                Avx.Store(o, Blend(m0, m1, o, wq, rw, alpha, beta));
            }

            if (u < b)
            {
                Vector256<int> m0 = Taps4(src + (cs[0] * 4), q, pairs);
                Sse.Store(o, Blend(m0, m0, o, wq, rw, alpha, beta).GetLower());
            }
        }

        // Four taps of one output pixel: taps (0, 1) per channel in the low lane, (2, 3) in the high lane.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<int> Taps4(short* p, short* q, Vector256<byte> pairs) =>
            Avx2.MultiplyAddAdjacent(Avx2.Shuffle(Avx.LoadVector256((byte*)p), pairs).AsInt16(), Avx.LoadVector256(q));

        // Folds each pixel's two lanes, maps the sums to colour and blends two pixels into the accumulator.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static Vector256<float> Blend(Vector256<int> m0, Vector256<int> m1, float* o, float* wq, Vector256<float> rw, Vector256<float> alpha, Vector256<float> beta)
        {
            Vector256<int> sum = Avx2.Add(Avx2.Permute2x128(m0, m1, 0x20), Avx2.Permute2x128(m0, m1, 0x31));
            Vector256<float> color = Fma.MultiplyAdd(Avx.ConvertToVector256Single(sum), alpha, beta);
            Vector256<float> current = Avx.LoadVector256(o);
            Vector256<float> weight = Avx.Multiply(Avx.Permute(current, 0xFF), Avx.Multiply(Avx.LoadVector256(wq), rw));
            return Fma.MultiplyAdd(color, weight, current);
        }
    }

    /// <summary>The float vertical pass with cross-platform Vector128 (SSE without AVX2, or Arm NEON): 16 bytes per step.</summary>
    internal static unsafe void VerticalVector128(byte* first, int stride, float* w, int taps, int count, float* tmp)
    {
        int bytes = count * 4, x = 0;
        for (; x + 16 <= bytes; x += 16)
        {
            Vector128<float> a0 = Vector128<float>.Zero, a1 = Vector128<float>.Zero, a2 = Vector128<float>.Zero, a3 = Vector128<float>.Zero;
            byte* p = first + x;
            for (int t = 0; t < taps; t++, p += stride)
            {
                var weight = Vector128.Create(w[t]);
                (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.Load(p));
                (Vector128<uint> v0, Vector128<uint> v1) = Vector128.Widen(lo);
                (Vector128<uint> v2, Vector128<uint> v3) = Vector128.Widen(hi);
                a0 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(v0.AsInt32()), weight, a0);
                a1 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(v1.AsInt32()), weight, a1);
                a2 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(v2.AsInt32()), weight, a2);
                a3 = Vector128.MultiplyAddEstimate(Vector128.ConvertToSingle(v3.AsInt32()), weight, a3);
            }

            Vector128.Store(a0, tmp + x);
            Vector128.Store(a1, tmp + x + 4);
            Vector128.Store(a2, tmp + x + 8);
            Vector128.Store(a3, tmp + x + 12);
        }

        if (x < bytes)
        {
            VerticalScalar(first + x, stride, w, taps, count - (x / 4), tmp + x);
        }
    }

    internal static unsafe void HorizontalScalar(float* tmp, int s0, int* colStart, float* colW, int taps, int a, int b, float* wx, float rowWeight, float* alpha, float* beta, float* acc)
    {
        for (int u = a; u < b; u++)
        {
            float w = wx[u] * rowWeight;
            if (w <= 0)
            {
                continue;
            }

            float* src = tmp + ((colStart[u] - s0) * 4);
            float* cw = colW + (u * MaxTaps);
            float* o = acc + (u * 4);
            float tw = o[3] * w;
            for (int c = 0; c < 4; c++)
            {
                float sum = 0;
                for (int t = 0; t < taps; t++)
                {
                    sum += cw[t] * src[(t * 4) + c];
                }

                o[c] += tw * ((sum * alpha[c]) + beta[c]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void HorizontalVector(float* tmp, int s0, int* colStart, float* colW, int taps, int a, int b, float* wx, float rowWeight, Vector128<float> alpha, Vector128<float> beta, float* acc)
    {
        for (int u = a; u < b; u++)
        {
            float w = wx[u] * rowWeight;
            if (w <= 0)
            {
                continue;
            }

            float* src = tmp + ((colStart[u] - s0) * 4);
            float* cw = colW + (u * MaxTaps);
            Vector128<float> sum;
            if (taps == 4)
            {
                sum = Vector128.Load(src) * Vector128.Create(cw[0]);
                sum = Vector128.MultiplyAddEstimate(Vector128.Load(src + 4), Vector128.Create(cw[1]), sum);
                sum = Vector128.MultiplyAddEstimate(Vector128.Load(src + 8), Vector128.Create(cw[2]), sum);
                sum = Vector128.MultiplyAddEstimate(Vector128.Load(src + 12), Vector128.Create(cw[3]), sum);
            }
            else
            {
                sum = Vector128<float>.Zero;
                for (int t = 0; t < taps; t++)
                {
                    sum = Vector128.MultiplyAddEstimate(Vector128.Load(src + (t * 4)), Vector128.Create(cw[t]), sum);
                }
            }

            Vector128<float> color = Vector128.MultiplyAddEstimate(sum, alpha, beta);
            float* o = acc + (u * 4);
            Vector128<float> current = Vector128.Load(o);
            Vector128.Store(Vector128.MultiplyAddEstimate(color, Vector128.Create(current.GetElement(3) * w), current), o);
        }
    }

    internal static unsafe void WriteRow(byte* dst, float* acc, int width, bool bgra, bool simd)
    {
        int u = 0;
        if (simd && Avx2.IsSupported)
        {
            // cvtps2dq rounds; the signed then unsigned saturating packs clamp to 0–255; they work per 128-bit lane,
            // leaving pixels in the order 0 2 4 6 | 1 3 5 7, which the dword permute restores.
            var alphaMask8 = Vector256.Create(0xFF000000u).AsByte();
            var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
            var swap = Vector256.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15, 2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15);
            for (; u + 8 <= width; u += 8)
            {
                float* p = acc + (u * 4);
                Vector256<short> s01 = Avx2.PackSignedSaturate(Avx.ConvertToVector256Int32(Avx.LoadVector256(p)), Avx.ConvertToVector256Int32(Avx.LoadVector256(p + 8)));
                Vector256<short> s23 = Avx2.PackSignedSaturate(Avx.ConvertToVector256Int32(Avx.LoadVector256(p + 16)), Avx.ConvertToVector256Int32(Avx.LoadVector256(p + 24)));
                Vector256<byte> bytes = Avx2.PermuteVar8x32(Avx2.PackUnsignedSaturate(s01, s23).AsInt32(), order).AsByte() | alphaMask8;
                if (bgra)
                {
                    bytes = Avx2.Shuffle(bytes, swap);
                }

                Avx.Store(dst + (u * 4), bytes);
            }
        }

        if (simd && Vector128.IsHardwareAccelerated)
        {
            var lo = Vector128<float>.Zero;
            var hi = Vector128.Create(255f);
            var half = Vector128.Create(0.5f);
            var alphaMask = Vector128.Create(0xFF000000u).AsByte();
            for (; u + 4 <= width; u += 4)
            {
                float* p = acc + (u * 4);
                Vector128<int> i0 = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.Load(p), lo), hi) + half);
                Vector128<int> i1 = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.Load(p + 4), lo), hi) + half);
                Vector128<int> i2 = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.Load(p + 8), lo), hi) + half);
                Vector128<int> i3 = Vector128.ConvertToInt32Native(Vector128.MinNative(Vector128.MaxNative(Vector128.Load(p + 12), lo), hi) + half);
                Vector128<byte> bytes = Vector128.Narrow(Vector128.Narrow(i0, i1), Vector128.Narrow(i2, i3)).AsByte() | alphaMask;
                if (bgra)
                {
                    bytes = Vector128.Shuffle(bytes, Vector128.Create((byte)2, 1, 0, 3, 6, 5, 4, 7, 10, 9, 8, 11, 14, 13, 12, 15));
                }

                Vector128.Store(bytes, dst + (u * 4));
            }
        }

        for (; u < width; u++)
        {
            float* p = acc + (u * 4);
            byte r = ToByte(p[0]), g = ToByte(p[1]), b = ToByte(p[2]);
            byte* d = dst + (u * 4);
            d[0] = bgra ? b : r;
            d[1] = g;
            d[2] = bgra ? r : b;
            d[3] = 255;
        }
    }

    private static byte ToByte(float v) => (byte)(int)(Math.Clamp(v, 0f, 255f) + 0.5f);
}
