namespace VideoKit.Rhythm.Analysis;

/// <summary>
/// Onset features from a log-frequency spectrogram: a half-wave-rectified spectral flux against a frequency-max-filtered
/// earlier frame (SuperFlux style, robust to vibrato), over all bands and over the low bands (bass and kick, for
/// downbeats).
/// </summary>
internal sealed class OnsetFeatures
{
    private OnsetFeatures(float[] flux, float[] lowFlux, double framesPerSecond)
    {
        Flux = flux;
        LowFlux = lowFlux;
        FramesPerSecond = framesPerSecond;
    }

    /// <summary>The full-band flux, one value per frame.</summary>
    public float[] Flux { get; }

    /// <summary>The flux of the bands below about 250 Hz.</summary>
    public float[] LowFlux { get; }

    public double FramesPerSecond { get; }

    public static OnsetFeatures Compute(Spectrogram spectrogram, int lag = 2, float lowCutHz = 250)
    {
        int frames = spectrogram.Frames, bands = spectrogram.Bands;
        float[] flux = new float[frames];
        float[] low = new float[frames];
        int lowBands = 0;
        while (lowBands < bands && spectrogram.BandFrequencies[lowBands] < lowCutHz)
        {
            lowBands++;
        }

        float[] maxed = new float[bands];
        for (int t = lag; t < frames; t++)
        {
            ReadOnlySpan<float> previous = spectrogram.Row(t - lag);
            ReadOnlySpan<float> current = spectrogram.Row(t);
            // Maximum over three neighbouring bands of the earlier frame.
            maxed[0] = Math.Max(previous[0], bands > 1 ? previous[1] : previous[0]);
            for (int b = 1; b < bands - 1; b++)
            {
                maxed[b] = Math.Max(previous[b - 1], Math.Max(previous[b], previous[b + 1]));
            }

            if (bands > 1)
            {
                maxed[bands - 1] = Math.Max(previous[bands - 2], previous[bands - 1]);
            }

            float sum = 0, lowSum = 0;
            for (int b = 0; b < bands; b++)
            {
                float d = current[b] - maxed[b];
                if (d > 0)
                {
                    sum += d;
                    if (b < lowBands)
                    {
                        lowSum += d;
                    }
                }
            }

            flux[t] = sum;
            low[t] = lowSum;
        }

        return new OnsetFeatures(flux, low, spectrogram.FramesPerSecond);
    }
}
