using System.Collections.Immutable;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Editing;

/// <summary>
/// How much a clip moves over time: the mean absolute luma difference between consecutive frames, sampled at a fixed
/// rate on a small decode. Used to start a trimmed clip at its most active part.
/// </summary>
internal sealed class ClipActivity
{
    /// <summary>Creates a profile from values sampled at <paramref name="samplesPerSecond"/>.</summary>
    /// <param name="values">Activity per sample (any non-negative scale).</param>
    /// <param name="samplesPerSecond">The sampling rate, greater than 0.</param>
    public ClipActivity(IEnumerable<float> values, double samplesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(samplesPerSecond, 0);
        Values = [.. values];
        SamplesPerSecond = samplesPerSecond;
    }

    /// <summary>Activity per sample.</summary>
    public ImmutableArray<float> Values { get; }

    /// <summary>Samples per second.</summary>
    public double SamplesPerSecond { get; }

    /// <summary>Measures a clip's activity by decoding it at 64×36 and 10 frames per second.</summary>
    /// <param name="path">The clip.</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="FileNotFoundException">The clip does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot decode it.</exception>
    public static async Task<ClipActivity> MeasureAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default)
    {
        const int rate = 10;
        var decode = new VideoDecodeOptions { Size = new Resolution(64, 36), FrameRate = new FrameRate(rate) };
        var values = new List<float>();
        byte[] previous = new byte[64 * 36];
        byte[] current = new byte[64 * 36];
        bool first = true;
        await foreach (Frame frame in VideoDecoder.ReadFramesAsync(path, decode, options, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                SceneMetrics.Luma(frame, current);
            }

            values.Add(first ? 0 : (float)SceneMetrics.MeanAbsoluteDifference(previous, current));
            first = false;
            (previous, current) = (current, previous);
        }

        if (values.Count > 1)
        {
            values[0] = values[1];
        }

        return new ClipActivity(values, rate);
    }

    /// <summary>The in-point in [0, <paramref name="maxStart"/>] whose window of <paramref name="window"/> has the most activity.</summary>
    internal TimeSpan MostActiveStart(TimeSpan window, TimeSpan maxStart)
    {
        int n = Values.Length;
        int w = Math.Max(1, (int)Math.Round(window.TotalSeconds * SamplesPerSecond));
        int lastStart = Math.Min((int)Math.Floor(maxStart.TotalSeconds * SamplesPerSecond), n - w);
        if (lastStart <= 0)
        {
            return TimeSpan.Zero;
        }

        double sum = 0;
        for (int i = 0; i < w; i++)
        {
            sum += Values[i];
        }

        double best = sum;
        int bestStart = 0;
        for (int s = 1; s <= lastStart; s++)
        {
            sum += Values[s + w - 1] - Values[s - 1];
            if (sum > best + 1e-9)
            {
                best = sum;
                bestStart = s;
            }
        }

        TimeSpan start = TimeSpan.FromSeconds(bestStart / SamplesPerSecond);
        return start > maxStart ? maxStart : start;
    }
}
