using System.Globalization;
using System.Numerics;
using VideoKit.Imaging;

namespace VideoKit.Zoom;

/// <summary>
/// Estimates, from the pixels, where each level of a zoom sequence sits inside the next: the scale and the sub-pixel
/// centre of the inner level, and the colour change between them. Robust to the border outpainting repaints (left out
/// of the comparison) and to a colour shift (zero-mean normalised correlation, then a fitted gain and offset).
/// </summary>
/// <remarks>
/// Method: a coarse exhaustive search over scale and shift on a small copy (the inner level area-sampled at the
/// candidate scale, compared by zero-mean normalised cross-correlation of luma with the outer level's centre), then
/// Gauss-Newton refinement (Lucas–Kanade) of scale, shift, gain and offset from coarse to full resolution with Huber
/// weights, and finally a per-channel least-squares gain and offset.
/// </remarks>
public static partial class ZoomAligner
{
    private const int CoarseWidth = 96;

    /// <summary>The colour fit clamps each channel's gain to [<see cref="MinGain"/>, <see cref="MaxGain"/>].</summary>
    private const float MinGain = 0.5f, MaxGain = 2f;

    /// <summary>How far (as a fraction) refinement may carry a step's scale past the searched range without rejecting it.</summary>
    private const double ScaleSlack = 0.01;

    /// <summary>Aligns every step of a sequence (steps run in parallel).</summary>
    /// <param name="sequence">The levels, innermost first.</param>
    /// <param name="options">Search options; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives the number of steps done.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>One step per level k ≥ 1 (element k − 1 places level k − 1 inside level k).</returns>
    /// <exception cref="ZoomSequenceException">A step has no match (its scale is outside the searched range or the given factor's tolerance, its colour gain is at the fit's limit, or it correlates below <see cref="ZoomAlignerOptions.MinimumMatch"/>); the message names the two files and why.</exception>
    public static IReadOnlyList<ZoomStep> Align(ZoomSequence sequence, ZoomAlignerOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        options ??= ZoomAlignerOptions.Default;
        options.Validate();
        var steps = new ZoomStep[sequence.Count - 1];
        int done = 0;
        Parallel.For(1, sequence.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            ZoomStep step = AlignPair(sequence.Levels[k - 1], sequence.Levels[k], sequence.Factors[k - 1], options, cancellationToken);
            steps[k - 1] = new ZoomStep(k, step.Scale, step.CenterX, step.CenterY) { Gain = step.Gain, Offset = step.Offset, Match = step.Match };
            progress?.Report(Interlocked.Increment(ref done));
        });
        foreach (ZoomStep step in steps)
        {
            int k = step.Level;
            if (Rejection(step, sequence.Factors[k - 1], options) is { } why)
            {
                throw new ZoomSequenceException(
                    $"Zoom levels {k - 1} '{sequence.Names[k - 1]}' and {k} '{sequence.Names[k]}' do not match: {why}. Check that the files are in order (innermost first), belong to the same zoom sequence, and the zoom factor.");
            }
        }

        return steps;
    }

    /// <summary>
    /// Why a measured step cannot be a real zoom step, or <see langword="null"/> when it can: its scale is outside the
    /// searched range (or too far from the given factor), its colour gain sits at the fit's clamp, or its correlation is
    /// below <see cref="ZoomAlignerOptions.MinimumMatch"/>. Unrelated pictures fail at least one of these; a true step
    /// (even shifted, recoloured by ±8 % and saved as JPEG q85) correlates above 0.99.
    /// </summary>
    internal static string? Rejection(ZoomStep step, double? factor, ZoomAlignerOptions options)
    {
        var reasons = new List<string>(3);
        double s = step.Scale;
        if (factor is { } f)
        {
            if (Math.Abs((s / f) - 1) > options.ScaleTolerance + ScaleSlack)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the best placement has scale {s:0.###}, more than {options.ScaleTolerance * 100:0.#} % from the given factor {f:0.###}"));
            }
        }
        else if (s < options.MinScale * (1 - ScaleSlack) || s > options.MaxScale * (1 + ScaleSlack))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the best placement has scale {s:0.###}, outside the searched {options.MinScale:0.###} to {options.MaxScale:0.###}"));
        }

        Vector3 g = step.Gain;
        if (AtClamp(g.X) || AtClamp(g.Y) || AtClamp(g.Z))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"matching their colours needs a gain of ({g.X:0.###}, {g.Y:0.###}, {g.Z:0.###}) on (R, G, B), at the limit of {MinGain:0.#} to {MaxGain:0.#}"));
        }

        if (!(step.Match >= options.MinimumMatch))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"the best placement (scale {s:0.###}) correlates only {step.Match:0.00}, below {options.MinimumMatch:0.00}"));
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);

        static bool AtClamp(float gain) => !(gain > MinGain + 1e-3 && gain < MaxGain - 1e-3);
    }

    /// <summary>Nominal steps: every inner level exactly centred at its sequence factor, with no colour change (for synthetic sequences).</summary>
    /// <param name="sequence">The levels; every step's factor must be known.</param>
    /// <returns>The steps.</returns>
    /// <exception cref="ArgumentException">A step's factor is unknown.</exception>
    public static IReadOnlyList<ZoomStep> Nominal(ZoomSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var steps = new ZoomStep[sequence.Count - 1];
        for (int k = 1; k < sequence.Count; k++)
        {
            double factor = sequence.Factors[k - 1] ?? throw new ArgumentException($"The zoom factor of step {k} ('{sequence.Names[k - 1]}' in '{sequence.Names[k]}') is unknown; give one or use Align.", nameof(sequence));
            steps[k - 1] = ZoomStep.Centered(k, factor, sequence.Width, sequence.Height);
        }

        return steps;
    }

    /// <summary>Places <paramref name="inner"/> inside <paramref name="outer"/> (no match threshold is applied; see <see cref="ZoomStep.Match"/>).</summary>
    /// <param name="inner">The inner (more zoomed-in) level.</param>
    /// <param name="outer">The outer level, the same size.</param>
    /// <param name="zoomFactor">The nominal factor, or <see langword="null"/> to estimate it.</param>
    /// <param name="options">Search options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The placement as a step with <see cref="ZoomStep.Level"/> 1.</returns>
    /// <exception cref="ArgumentException">The frames differ in size.</exception>
    public static ZoomStep AlignPair(Frame inner, Frame outer, double? zoomFactor = null, ZoomAlignerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(outer);
        if (inner.Width != outer.Width || inner.Height != outer.Height)
        {
            throw new ArgumentException($"The inner level is {inner.Width}x{inner.Height} and the outer {outer.Width}x{outer.Height}; they must be the same size.", nameof(outer));
        }

        options ??= ZoomAlignerOptions.Default;
        options.Validate();
        return new PairAligner(inner, outer, options).Run(zoomFactor, cancellationToken);
    }

    private sealed class PairAligner
    {
        private readonly Frame _innerFrame;
        private readonly Frame _outerFrame;
        private readonly ZoomAlignerOptions _options;
        private readonly Plane _inner;
        private readonly Plane[] _outer;
        private readonly Plane[] _gx;
        private readonly Plane[] _gy;
        private readonly Plane[] _innerC;
        private readonly Plane[][] _outerC;
        private readonly Plane[][] _gxC;
        private readonly Plane[][] _gyC;
        private readonly int _width;
        private readonly int _height;
        private readonly int _coarse;

        public PairAligner(Frame inner, Frame outer, ZoomAlignerOptions options)
        {
            _innerFrame = inner;
            _outerFrame = outer;
            _options = options;
            _width = inner.Width;
            _height = inner.Height;
            _inner = Plane.Luma(inner);
            _coarse = CoarseLevel(_width, _height);

            _outer = new Plane[_coarse + 1];
            _gx = new Plane[_coarse + 1];
            _gy = new Plane[_coarse + 1];
            _outer[0] = Plane.Luma(outer);
            for (int l = 1; l <= _coarse; l++)
            {
                _outer[l] = _outer[0].Reduce(1 << l);
            }

            for (int l = 0; l <= _coarse; l++)
            {
                (_gx[l], _gy[l]) = _outer[l].Gradients();
            }

            // Per-channel planes for the refinement: a colour shift is a gain and offset per channel, which luma alone
            // cannot model when the channel gains differ.
            _innerC = new Plane[3];
            _outerC = new Plane[3][];
            _gxC = new Plane[3][];
            _gyC = new Plane[3][];
            for (int c = 0; c < 3; c++)
            {
                _innerC[c] = Plane.Channel(inner, c);
                _outerC[c] = new Plane[_coarse + 1];
                _gxC[c] = new Plane[_coarse + 1];
                _gyC[c] = new Plane[_coarse + 1];
                _outerC[c][0] = Plane.Channel(outer, c);
                for (int l = 0; l <= _coarse; l++)
                {
                    if (l > 0)
                    {
                        _outerC[c][l] = _outerC[c][0].Reduce(1 << l);
                    }

                    (_gxC[c][l], _gyC[c][l]) = _outerC[c][l].Gradients();
                }
            }
        }

        public ZoomStep Run(double? factor, CancellationToken cancellationToken)
        {
            List<Candidate> candidates = CoarseSearch(factor, cancellationToken);
            Params best = default;
            double bestScore = double.NegativeInfinity;
            int stopLevel = Math.Min(1, _coarse);
            foreach (Candidate c in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var p = new Params(c.Scale, c.Tx * (1 << _coarse), c.Ty * (1 << _coarse), 1, 0);
                for (int l = _coarse; l >= stopLevel; l--)
                {
                    p = Refine(p, l, 20);
                }

                double score = Score(p, stopLevel);
                if (score > bestScore && IsPlausible(p, factor))
                {
                    bestScore = score;
                    best = p;
                }
            }

            if (double.IsNegativeInfinity(bestScore))
            {
                Candidate c = candidates[0];
                best = new Params(c.Scale, c.Tx * (1 << _coarse), c.Ty * (1 << _coarse), 1, 0);
            }

            if (stopLevel > 0)
            {
                best = Refine(best, 0, 20);
            }

            double match = Score(best, 0);
            (Vector3 gain, Vector3 offset) = FitColour(best);
            double scale = best.Scale;
            return new ZoomStep(1, scale, best.Tx + (_width / 2.0 / scale), best.Ty + (_height / 2.0 / scale)) { Gain = gain, Offset = offset, Match = match };
        }

        private bool IsPlausible(Params p, double? factor)
        {
            if (!double.IsFinite(p.Scale) || p.Scale <= 1.02 || p.Scale > 4.5)
            {
                return false;
            }

            if (factor is { } f && Math.Abs((p.Scale / f) - 1) > _options.ScaleTolerance * 1.5)
            {
                return false;
            }

            double cx = p.Tx + (_width / 2.0 / p.Scale) - (_width / 2.0), cy = p.Ty + (_height / 2.0 / p.Scale) - (_height / 2.0);
            double limit = (_options.MaxShift * _width * 1.5) + 2;
            return Math.Abs(cx) <= limit && Math.Abs(cy) <= limit;
        }

        private List<Candidate> CoarseSearch(double? factor, CancellationToken cancellationToken) =>
            ZoomAligner.CoarseSearch(_inner, _outer[_coarse], _coarse, factor, _options, cancellationToken);

        private Template BuildTemplate(Plane source, double spacing) => ZoomAligner.BuildTemplate(source, spacing, _options);

        /// <summary>
        /// The inner image filtered to one outer pixel around (x, y): a box of the pixel's width smoothed once more by
        /// [¼ ½ ¼] at half-pixel spacing (close to a tent), which suppresses aliasing better than a plain box.
        /// </summary>
        internal static double Filtered(Plane source, double x, double y, double spacing)
        {
            {
                double half = spacing / 2, sum = 0;
                for (int j = -1; j <= 1; j++)
                {
                    double wy = j == 0 ? 0.5 : 0.25, cy = y + (j * half);
                    for (int i = -1; i <= 1; i++)
                    {
                        double wx = i == 0 ? 0.5 : 0.25, cx = x + (i * half);
                        sum += wx * wy * source.BoxMean(cx - half, cy - half, cx + half, cy + half);
                    }
                }

                return sum;
            }
        }

        /// <summary>
        /// Gauss-Newton (Lucas–Kanade) refinement at pyramid level <paramref name="l"/> of scale and shift, with a gain and
        /// offset per colour channel, Huber-weighted so repainted or changed areas count less.
        /// </summary>
        private Params Refine(Params p, int l, int iterations)
        {
            const int n = 9;
            int unit = 1 << l;
            var templates = new Template[3];
            for (int c = 0; c < 3; c++)
            {
                templates[c] = BuildTemplate(_innerC[c], p.Scale * unit);
            }

            Template t0 = templates[0];
            if (t0.Count < 16)
            {
                return p;
            }

            int ow = _outerC[0][l].Width, oh = _outerC[0][l].Height;
            // Warp in level-l pixels: y = tx/unit + s·(q + 0.5), s = template scale / true scale (starts at 1).
            double s = 1, tx = p.Tx / unit, ty = p.Ty / unit;
            Span<double> gain = stackalloc double[3];
            Span<double> offset = stackalloc double[3];
            gain.Fill(1);
            offset.Clear();
            double huber = 20;
            Span<double> h = stackalloc double[n * n];
            Span<double> g = stackalloc double[n];
            Span<double> d = stackalloc double[n];
            for (int it = 0; it < iterations; it++)
            {
                h.Clear();
                g.Clear();
                double sumSq = 0;
                int count = 0;
                for (int i = 0; i < t0.Count; i++)
                {
                    double u = t0.Qx[i] + 0.5, v = t0.Qy[i] + 0.5;
                    double x = tx + (s * u) - 0.5, y = ty + (s * v) - 0.5;
                    if (x < 0 || y < 0 || x > ow - 1 || y > oh - 1)
                    {
                        continue;
                    }

                    for (int c = 0; c < 3; c++)
                    {
                        double ov = _outerC[c][l].SampleCubic(x, y);
                        float tv = templates[c].Values[i];
                        if (ov >= 251 || ov <= 3 || tv >= 251 || tv <= 3)
                        {
                            // Clipped values break the gain-and-offset model (a gain above 1 saturates highlights).
                            continue;
                        }

                        double dx = _gxC[c][l].Sample(x, y), dy = _gyC[c][l].Sample(x, y);
                        double a = gain[c];
                        double r = (a * ov) + offset[c] - templates[c].Values[i];
                        double w = Math.Abs(r) <= huber ? 1 : huber / Math.Abs(r);
                        double j0 = a * ((dx * u) + (dy * v)), j1 = a * dx, j2 = a * dy;
                        int ja = 3 + (2 * c), jb = ja + 1;
                        // Accumulate the upper triangle of JᵀWJ for the non-zero entries: 0, 1, 2, ja, jb.
                        Accumulate(h, g, w, r, j0, j1, j2, ov, ja, jb, n);
                        sumSq += r * r;
                        count++;
                    }
                }

                if (count < 48)
                {
                    break;
                }

                for (int m = 0; m < n; m++)
                {
                    for (int k = 0; k < m; k++)
                    {
                        h[(m * n) + k] = h[(k * n) + m];
                    }

                    h[(m * n) + m] = (h[(m * n) + m] * 1.0001) + 1e-9;
                }

                if (!Solve(h, g, d, n))
                {
                    break;
                }

                s -= d[0];
                tx -= d[1];
                ty -= d[2];
                for (int c = 0; c < 3; c++)
                {
                    gain[c] -= d[3 + (2 * c)];
                    offset[c] -= d[4 + (2 * c)];
                }

                huber = Math.Max(3, 1.5 * Math.Sqrt(sumSq / count));
                double maxU = Math.Max(t0.MaxQx, t0.MaxQy) + 1;
                if (Math.Abs(d[0]) * maxU < 0.002 && Math.Abs(d[1]) < 0.002 && Math.Abs(d[2]) < 0.002)
                {
                    break;
                }
            }

            if (!double.IsFinite(s) || s <= 0 || !double.IsFinite(tx) || !double.IsFinite(ty))
            {
                return p;
            }

            return new Params(p.Scale / s, tx * unit, ty * unit, 1, 0);
        }

        private static void Accumulate(Span<double> h, Span<double> g, double w, double r, double j0, double j1, double j2, double ov, int ja, int jb, int n)
        {
            Span<int> idx = [0, 1, 2, ja, jb];
            Span<double> jv = [j0, j1, j2, ov, 1];
            for (int m = 0; m < 5; m++)
            {
                double wj = w * jv[m];
                g[idx[m]] += wj * r;
                for (int k = m; k < 5; k++)
                {
                    int a = idx[m], b = idx[k];
                    if (a <= b)
                    {
                        h[(a * n) + b] += wj * jv[k];
                    }
                    else
                    {
                        h[(b * n) + a] += wj * jv[k];
                    }
                }
            }
        }

        /// <summary>The zero-mean normalised correlation of the placed inner level with the outer one at level <paramref name="l"/>.</summary>
        private double Score(Params p, int l)
        {
            int unit = 1 << l;
            Template t = BuildTemplate(_inner, p.Scale * unit);
            if (t.Count < 16)
            {
                return 0;
            }

            Plane o = _outer[l];
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            int n = 0;
            for (int i = 0; i < t.Count; i++)
            {
                double x = (p.Tx / unit) + t.Qx[i], y = (p.Ty / unit) + t.Qy[i];
                if (x < 0 || y < 0 || x > o.Width - 1 || y > o.Height - 1)
                {
                    continue;
                }

                double va = t.Values[i], vb = o.Sample(x, y);
                sa += va;
                sb += vb;
                saa += va * va;
                sbb += vb * vb;
                sab += va * vb;
                n++;
            }

            if (n < 16)
            {
                return 0;
            }

            double cov = sab - (sa * sb / n), varA = saa - (sa * sa / n), varB = sbb - (sb * sb / n);
            return varA <= 1e-9 || varB <= 1e-9 ? 0 : cov / Math.Sqrt(varA * varB);
        }

        /// <summary>Least-squares gain and offset per channel: outer ≈ gain · inner + offset.</summary>
        private (Vector3 Gain, Vector3 Offset) FitColour(Params p)
        {
            Span<float> gain = stackalloc float[3];
            Span<float> offset = stackalloc float[3];
            for (int c = 0; c < 3; c++)
            {
                Plane inner = Plane.Channel(_innerFrame, c), outer = Plane.Channel(_outerFrame, c);
                Template t = BuildTemplate(inner, p.Scale);
                double sa = 0, sb = 0, saa = 0, sab = 0;
                int n = 0;
                for (int i = 0; i < t.Count; i++)
                {
                    double x = p.Tx + t.Qx[i], y = p.Ty + t.Qy[i];
                    if (x < 0 || y < 0 || x > outer.Width - 1 || y > outer.Height - 1)
                    {
                        continue;
                    }

                    double va = t.Values[i], vb = outer.Sample(x, y);
                    sa += va;
                    sb += vb;
                    saa += va * va;
                    sab += va * vb;
                    n++;
                }

                double varA = saa - (sa * sa / Math.Max(1, n));
                // Least squares, pulled towards a gain of 1 where a channel varies little (its slope is poorly determined).
                const double prior = 64;
                double k = n < 16 ? 1 : ((sab - (sa * sb / n)) + (prior * n)) / (varA + (prior * n));
                k = Math.Clamp(k, MinGain, MaxGain);
                gain[c] = (float)k;
                offset[c] = n == 0 ? 0 : (float)((sb - (k * sa)) / n);
            }

            return (new Vector3(gain[0], gain[1], gain[2]), new Vector3(offset[0], offset[1], offset[2]));
        }

        private static bool Solve(Span<double> a, Span<double> b, Span<double> x, int n)
        {
            Span<double> m = stackalloc double[n * (n + 1)];
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    m[(r * (n + 1)) + c] = a[(r * n) + c];
                }

                m[(r * (n + 1)) + n] = b[r];
            }

            for (int col = 0; col < n; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < n; r++)
                {
                    if (Math.Abs(m[(r * (n + 1)) + col]) > Math.Abs(m[(pivot * (n + 1)) + col]))
                    {
                        pivot = r;
                    }
                }

                if (Math.Abs(m[(pivot * (n + 1)) + col]) < 1e-12)
                {
                    return false;
                }

                if (pivot != col)
                {
                    for (int c = 0; c <= n; c++)
                    {
                        (m[(col * (n + 1)) + c], m[(pivot * (n + 1)) + c]) = (m[(pivot * (n + 1)) + c], m[(col * (n + 1)) + c]);
                    }
                }

                for (int r = 0; r < n; r++)
                {
                    if (r == col)
                    {
                        continue;
                    }

                    double f = m[(r * (n + 1)) + col] / m[(col * (n + 1)) + col];
                    for (int c = col; c <= n; c++)
                    {
                        m[(r * (n + 1)) + c] -= f * m[(col * (n + 1)) + c];
                    }
                }
            }

            for (int r = 0; r < n; r++)
            {
                x[r] = m[(r * (n + 1)) + n] / m[(r * (n + 1)) + r];
            }

            return true;
        }
    }

    /// <summary>
    /// The coarse exhaustive search: for each candidate scale, the best integer shift of <paramref name="inner"/>'s
    /// template (area-sampled, border band left out) on <paramref name="outerCoarse"/> (the outer luma reduced by
    /// 2^<paramref name="coarse"/>) by zero-mean normalised correlation; the local maxima over scale, best first, at most three.
    /// </summary>
    private static List<Candidate> CoarseSearch(Plane inner, Plane outerCoarse, int coarse, double? factor, ZoomAlignerOptions options, CancellationToken cancellationToken)
    {
        double lo, hi, ratio;
        if (factor is { } f)
        {
            lo = f * (1 - options.ScaleTolerance);
            hi = f * (1 + options.ScaleTolerance);
            ratio = 1.01;
        }
        else
        {
            lo = options.MinScale;
            hi = options.MaxScale;
            ratio = 1.02;
        }

        int unit = 1 << coarse, width = inner.Width, height = inner.Height;
        Plane o = outerCoarse;
        var perScale = new List<Candidate>();
        double maxShift = options.MaxShift * width;
        for (double s = lo; s <= hi * 1.0001; s *= ratio)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Template t = BuildTemplate(inner, s * unit, options);
            if (t.Count < 16)
            {
                continue;
            }

            t.ZeroMean();
            // t = c − M/S (outer px); candidates put t/unit on integers so the samples fall on pixel centres.
            double tx0 = ((width / 2.0) - (width / 2.0 / s)) / unit, ty0 = ((height / 2.0) - (height / 2.0 / s)) / unit;
            int rx = (int)Math.Ceiling(maxShift / unit) + 1;
            Candidate best = new(s, 0, 0, double.NegativeInfinity);
            for (int ty = (int)Math.Floor(ty0 - rx); ty <= (int)Math.Ceiling(ty0 + rx); ty++)
            {
                for (int tx = (int)Math.Floor(tx0 - rx); tx <= (int)Math.Ceiling(tx0 + rx); tx++)
                {
                    double ncc = t.CorrelateAt(o, tx, ty);
                    if (ncc > best.Score)
                    {
                        best = new Candidate(s, tx, ty, ncc);
                    }
                }
            }

            perScale.Add(best);
        }

        // Keep the local maxima over scale, best first, at most three.
        var peaks = new List<Candidate>();
        for (int i = 0; i < perScale.Count; i++)
        {
            bool left = i == 0 || perScale[i].Score >= perScale[i - 1].Score;
            bool right = i == perScale.Count - 1 || perScale[i].Score >= perScale[i + 1].Score;
            if (left && right)
            {
                peaks.Add(perScale[i]);
            }
        }

        peaks.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (peaks.Count == 0 && perScale.Count > 0)
        {
            peaks.Add(perScale.MaxBy(c => c.Score)!);
        }

        return peaks.Count > 3 ? peaks.GetRange(0, 3) : peaks;
    }

    /// <summary>The inner image area-sampled on a grid of spacing <paramref name="spacing"/> inner pixels, border band left out.</summary>
    private static Template BuildTemplate(Plane source, double spacing, ZoomAlignerOptions options)
    {
        int width = source.Width, height = source.Height;
        int nx = (int)Math.Floor(width / spacing), ny = (int)Math.Floor(height / spacing);
        double bx = options.BorderExclusion * width, by = options.BorderExclusion * height;
        var t = new Template(nx * ny);
        double half = spacing / 2;
        for (int qy = 0; qy < ny; qy++)
        {
            double y = (qy + 0.5) * spacing;
            if (y - half < by || y + half > height - by)
            {
                continue;
            }

            for (int qx = 0; qx < nx; qx++)
            {
                double x = (qx + 0.5) * spacing;
                if (x - half < bx || x + half > width - bx)
                {
                    continue;
                }

                t.Add(qx, qy, (float)PairAligner.Filtered(source, x, y, spacing));
            }
        }

        return t;
    }

    /// <summary>A placement: scale S (outer/inner), t = c − M/S in outer pixels, and luma gain/offset a·outer + b ≈ inner.</summary>
    private readonly record struct Params(double Scale, double Tx, double Ty, double A, double B);

    private sealed record Candidate(double Scale, int Tx, int Ty, double Score);

    private sealed class Template(int capacity)
    {
        public int[] Qx { get; } = new int[capacity];

        public int[] Qy { get; } = new int[capacity];

        public float[] Values { get; } = new float[capacity];

        public int Count { get; private set; }

        public int MaxQx { get; private set; }

        public int MaxQy { get; private set; }

        private double Norm { get; set; }

        public void Add(int qx, int qy, float value)
        {
            Qx[Count] = qx;
            Qy[Count] = qy;
            Values[Count] = value;
            MaxQx = Math.Max(MaxQx, qx);
            MaxQy = Math.Max(MaxQy, qy);
            Count++;
        }

        public void ZeroMean()
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                sum += Values[i];
            }

            float mean = (float)(sum / Count);
            double sq = 0;
            for (int i = 0; i < Count; i++)
            {
                Values[i] -= mean;
                sq += Values[i] * Values[i];
            }

            Norm = Math.Sqrt(sq);
        }

        /// <summary>ZNCC with the plane sampled at integer pixel (tx + qx, ty + qy); points outside count as misses.</summary>
        public double CorrelateAt(Plane o, int tx, int ty)
        {
            double so = 0, soo = 0, sto = 0;
            int n = 0;
            float[] p = o.Pixels;
            for (int i = 0; i < Count; i++)
            {
                int x = tx + Qx[i], y = ty + Qy[i];
                if ((uint)x >= (uint)o.Width || (uint)y >= (uint)o.Height)
                {
                    continue;
                }

                double v = p[(y * o.Width) + x];
                so += v;
                soo += v * v;
                sto += Values[i] * v;
                n++;
            }

            if (n < Count * 3 / 4)
            {
                return -1;
            }

            double var = soo - (so * so / n);
            return var <= 1e-9 || Norm <= 1e-9 ? 0 : sto / (Norm * Math.Sqrt(var));
        }
    }
}
