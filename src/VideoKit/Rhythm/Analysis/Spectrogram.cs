using System.Numerics.Tensors;

namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// A log-compressed, log-frequency (semitone-spaced triangular filters) magnitude spectrogram at a fixed frame rate:
/// frames × bands, row-major. Built with one FFT object and a few frame-sized buffers reused for every frame.
/// </summary>
internal sealed class Spectrogram
{
    private Spectrogram(float[] values, int frames, int bands, double framesPerSecond, float[] bandFrequencies)
    {
        Values = values;
        Frames = frames;
        Bands = bands;
        FramesPerSecond = framesPerSecond;
        BandFrequencies = bandFrequencies;
    }

    /// <summary>frames × bands, row-major, log(1 + magnitude).</summary>
    public float[] Values { get; }

    public int Frames { get; }

    public int Bands { get; }

    public double FramesPerSecond { get; }

    /// <summary>The centre frequency of each band in Hz.</summary>
    public float[] BandFrequencies { get; }

    public ReadOnlySpan<float> Row(int frame) => Values.AsSpan(frame * Bands, Bands);

    /// <summary>The number of bands whose centre is below <paramref name="hz"/>.</summary>
    public int BandsBelow(double hz)
    {
        int i = 0;
        while (i < BandFrequencies.Length && BandFrequencies[i] < hz)
        {
            i++;
        }

        return i;
    }

    /// <summary>Per frame, the positive change of bands <paramref name="first"/> to <paramref name="end"/> over 3 frames (a fast attack).</summary>
    public float[] BandFlux(int first, int end)
    {
        float[] result = new float[Frames];
        for (int g = 3; g < Frames; g++)
        {
            ReadOnlySpan<float> now = Row(g)[first..end], before = Row(g - 3)[first..end];
            float sum = 0;
            for (int i = 0; i < now.Length; i++)
            {
                sum += Math.Max(0, now[i] - before[i]);
            }

            result[g] = sum;
        }

        return result;
    }

    public static Spectrogram Compute(ReadOnlySpan<float> mono, int sampleRate, double framesPerSecond, float gain, CancellationToken cancellationToken = default)
    {
        int fftSize = sampleRate > 32_000 ? 2048 : 1024;
        var fft = new RealFft(fftSize);
        Filterbank bank = Filterbank.Create(fftSize, sampleRate, 30, Math.Min(16_000, sampleRate / 2f * 0.95f), 12);
        int frames = Math.Max(1, (int)Math.Ceiling(mono.Length / (double)sampleRate * framesPerSecond));
        float[] values = new float[frames * bank.Count];
        float[] window = new float[fftSize];
        for (int i = 0; i < fftSize; i++)
        {
            window[i] = gain * (0.5f - (0.5f * MathF.Cos(2 * MathF.PI * i / fftSize)));
        }

        float[] frame = new float[fftSize];
        float[] magnitudes = new float[fft.BinCount];
        double hop = sampleRate / framesPerSecond;
        for (int f = 0; f < frames; f++)
        {
            if ((f & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            long start = (long)Math.Round(f * hop) - (fftSize / 2);
            if (start >= 0 && start + fftSize <= mono.Length)
            {
                Elementwise.Multiply(mono.Slice((int)start, fftSize), window, frame);
            }
            else
            {
                for (int i = 0; i < fftSize; i++)
                {
                    long s = start + i;
                    frame[i] = s >= 0 && s < mono.Length ? mono[(int)s] * window[i] : 0;
                }
            }

            fft.Magnitudes(frame, magnitudes);
            Span<float> row = values.AsSpan(f * bank.Count, bank.Count);
            bank.Apply(magnitudes, row);
            // log(1 + x), vectorised: TensorPrimitives has LogP1 via Log of (x + 1).
            Elementwise.Add(row, 1f, row);
            TensorPrimitives.Log(row, row);
        }

        return new Spectrogram(values, frames, bank.Count, framesPerSecond, bank.CentreFrequencies);
    }
}
