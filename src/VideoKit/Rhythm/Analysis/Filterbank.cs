using System.Numerics.Tensors;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Triangular filters on a logarithmic frequency axis (<c>bandsPerOctave</c> per octave), each normalised to unit
/// area; filters that would cover the same FFT bins at low frequencies are merged. Stored sparsely (start bin +
/// weights) so a frame costs one dot product per band.
/// </summary>
internal sealed class Filterbank
{
    private readonly int[] _start;
    private readonly float[][] _weights;

    private Filterbank(int[] start, float[][] weights, float[] centres)
    {
        _start = start;
        _weights = weights;
        CentreFrequencies = centres;
    }

    public int Count => _start.Length;

    public float[] CentreFrequencies { get; }

    public static Filterbank Create(int fftSize, int sampleRate, float minHz, float maxHz, int bandsPerOctave)
    {
        double binHz = (double)sampleRate / fftSize;
        int bins = (fftSize / 2) + 1;
        // Centre frequencies on a semitone-like grid, snapped to bins; duplicates removed.
        var centres = new List<int>();
        for (double f = minHz; f <= maxHz; f *= Math.Pow(2, 1.0 / bandsPerOctave))
        {
            int bin = (int)Math.Round(f / binHz);
            if (bin >= 1 && bin < bins - 1 && (centres.Count == 0 || bin > centres[^1]))
            {
                centres.Add(bin);
            }
        }

        var starts = new List<int>();
        var weights = new List<float[]>();
        var hz = new List<float>();
        for (int i = 1; i < centres.Count - 1; i++)
        {
            int lo = centres[i - 1], mid = centres[i], hi = centres[i + 1];
            float[] w = new float[hi - lo + 1];
            for (int b = lo; b <= hi; b++)
            {
                w[b - lo] = b <= mid
                    ? (mid == lo ? 1 : (float)(b - lo) / (mid - lo))
                    : (float)(hi - b) / (hi - mid);
            }

            // Triangles whose neighbours are adjacent bins are just the centre bin.
            if (mid - lo <= 1 && hi - mid <= 1)
            {
                Array.Clear(w);
                w[mid - lo] = 1;
            }

            float sum = TensorPrimitives.Sum(w);
            Elementwise.Divide(w, sum, w);
            starts.Add(lo);
            weights.Add(w);
            hz.Add((float)(mid * binHz));
        }

        return new Filterbank([.. starts], [.. weights], [.. hz]);
    }

    public void Apply(ReadOnlySpan<float> magnitudes, Span<float> bands)
    {
        for (int i = 0; i < _start.Length; i++)
        {
            float[] w = _weights[i];
            bands[i] = TensorPrimitives.Dot(magnitudes.Slice(_start[i], w.Length), w);
        }
    }
}
