using NAudio.Wave;

namespace VideoKit.Media;

/// <summary>Decoded audio: interleaved 32-bit float samples at a known rate and channel count.</summary>
public sealed class AudioBuffer
{
    /// <summary>Wraps decoded samples.</summary>
    /// <param name="samples">Interleaved samples in [-1, 1].</param>
    /// <param name="sampleRate">Samples per second per channel.</param>
    /// <param name="channels">The number of channels.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate or channel count is not positive, or the sample count is not a whole number of frames.</exception>
    public AudioBuffer(float[] samples, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (samples.Length % channels != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), $"{samples.Length} samples is not a whole number of {channels}-channel frames.");
        }

        Samples = samples;
        SampleRate = sampleRate;
        Channels = channels;
    }

    /// <summary>The interleaved samples.</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>The number of channels.</summary>
    public int Channels { get; }

    /// <summary>The number of sample frames (samples per channel).</summary>
    public int FrameCount => Samples.Length / Channels;

    /// <summary>The length of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    /// <summary>The samples as an NAudio sample provider, for mixing and effects.</summary>
    /// <returns>A new provider that reads from the start.</returns>
    public ISampleProvider ToSampleProvider() => new BufferSampleProvider(this);

    private sealed class BufferSampleProvider(AudioBuffer buffer) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(buffer.SampleRate, buffer.Channels);

        public int Read(Span<float> buffer1)
        {
            int count = Math.Min(buffer1.Length, buffer.Samples.Length - _position);
            buffer.Samples.AsSpan(_position, count).CopyTo(buffer1);
            _position += count;
            return count;
        }
    }
}
