using System.Numerics;
using System.Runtime.Intrinsics;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// An in-place radix-2 FFT of a real frame of length N (a power of two), computed as a complex FFT of N/2 points
/// (even samples as real parts, odd samples as imaginary parts) followed by the split step. Twiddles and the
/// bit-reversal table are computed once per size; <see cref="Magnitudes"/> allocates nothing.
/// </summary>
internal sealed class RealFft
{
    private readonly int _n;
    private readonly int _half;
    private readonly int[] _bitReverse;
    private readonly float[] _cos;   // per-stage twiddles of the N/2-point complex FFT: [h + k] = cos(-2πk/(2h)), k < h
    private readonly float[] _sin;
    private readonly float[] _splitCos; // split step: cos(2πk/N), k ≤ N/2
    private readonly float[] _splitSin;
    private readonly float[] _re;
    private readonly float[] _im;

    public RealFft(int size)
    {
        if (size < 4 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two, at least 4.");
        }

        _n = size;
        _half = size / 2;
        int bits = BitOperations.Log2((uint)_half);
        _bitReverse = new int[_half];
        for (int i = 0; i < _half; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
            {
                r |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReverse[i] = r;
        }

        // Stage twiddles stored contiguously per stage (half-length h at [h, 2h)) so the butterflies can load them as vectors.
        _cos = new float[Math.Max(2, _half)];
        _sin = new float[_cos.Length];
        for (int h = 1; h < _half; h <<= 1)
        {
            for (int k = 0; k < h; k++)
            {
                double a = -Math.PI * k / h;
                _cos[h + k] = (float)Math.Cos(a);
                _sin[h + k] = (float)Math.Sin(a);
            }
        }

        _splitCos = new float[_half + 1];
        _splitSin = new float[_half + 1];
        for (int k = 0; k <= _half; k++)
        {
            double a = -2 * Math.PI * k / _n;
            _splitCos[k] = (float)Math.Cos(a);
            _splitSin[k] = (float)Math.Sin(a);
        }

        _re = new float[_half];
        _im = new float[_half];
    }

    /// <summary>The frame length N.</summary>
    public int Size => _n;

    /// <summary>The number of magnitude bins, N/2 + 1.</summary>
    public int BinCount => _half + 1;

    /// <summary>Writes |X[k]| for k = 0..N/2 of the real frame <paramref name="frame"/>.</summary>
    public void Magnitudes(ReadOnlySpan<float> frame, Span<float> magnitudes)
    {
        if (frame.Length != _n || magnitudes.Length < _half + 1)
        {
            throw new ArgumentException($"Expected a frame of {_n} samples and room for {_half + 1} magnitudes.", nameof(frame));
        }

        Transform(frame);
        float[] re = _re, im = _im;
        // k = 0 and k = N/2: X[0] = Re Z0 + Im Z0, X[N/2] = Re Z0 - Im Z0.
        magnitudes[0] = MathF.Abs(re[0] + im[0]);
        magnitudes[_half] = MathF.Abs(re[0] - im[0]);
        for (int k = 1; k < _half; k++)
        {
            int m = _half - k;
            float zr = re[k], zi = im[k], cr = re[m], ci = -im[m]; // conj(Z[M-k])
            float er = 0.5f * (zr + cr), ei = 0.5f * (zi + ci);   // even part
            float dr = zr - cr, di = zi - ci;
            float or = 0.5f * di, oi = -0.5f * dr;                 // odd part: (Z - conj)/(2i)
            float wr = _splitCos[k], wi = _splitSin[k];
            float xr = er + (wr * or) - (wi * oi);
            float xi = ei + (wr * oi) + (wi * or);
            magnitudes[k] = MathF.Sqrt((xr * xr) + (xi * xi));
        }
    }

    private void Transform(ReadOnlySpan<float> frame)
    {
        float[] re = _re, im = _im;
        int[] rev = _bitReverse;
        for (int i = 0; i < _half; i++)
        {
            int j = rev[i];
            re[j] = frame[2 * i];
            im[j] = frame[(2 * i) + 1];
        }

        // First stage (length 2) without twiddles.
        for (int i = 0; i < _half; i += 2)
        {
            float ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }

        for (int len = 4; len <= _half; len <<= 1)
        {
            int h = len >> 1;
            for (int start = 0; start < _half; start += len)
            {
                int k = 0;
                if (Vector128.IsHardwareAccelerated && h >= Vector128<float>.Count)
                {
                    for (; k <= h - Vector128<float>.Count; k += Vector128<float>.Count)
                    {
                        int a = start + k, b = a + h;
                        Vector128<float> wr = Vector128.Create(_cos.AsSpan(h + k)), wi = Vector128.Create(_sin.AsSpan(h + k));
                        Vector128<float> xr = Vector128.Create(re.AsSpan(b)), xi = Vector128.Create(im.AsSpan(b));
                        Vector128<float> br = (xr * wr) - (xi * wi), bi = (xr * wi) + (xi * wr);
                        Vector128<float> ar = Vector128.Create(re.AsSpan(a)), ai = Vector128.Create(im.AsSpan(a));
                        (ar - br).CopyTo(re.AsSpan(b));
                        (ai - bi).CopyTo(im.AsSpan(b));
                        (ar + br).CopyTo(re.AsSpan(a));
                        (ai + bi).CopyTo(im.AsSpan(a));
                    }
                }

                for (; k < h; k++)
                {
                    float wr = _cos[h + k], wi = _sin[h + k];
                    int a = start + k, b = a + h;
                    float br = (re[b] * wr) - (im[b] * wi);
                    float bi = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }

    /// <summary>Scalar reference: a direct DFT, for tests.</summary>
    internal static void NaiveMagnitudes(ReadOnlySpan<float> frame, Span<float> magnitudes)
    {
        int n = frame.Length;
        for (int k = 0; k <= n / 2; k++)
        {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++)
            {
                double a = -2 * Math.PI * k * t / n;
                sr += frame[t] * Math.Cos(a);
                si += frame[t] * Math.Sin(a);
            }

            magnitudes[k] = (float)Math.Sqrt((sr * sr) + (si * si));
        }
    }
}
