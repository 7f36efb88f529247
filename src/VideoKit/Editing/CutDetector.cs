using System.Collections.Immutable;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Editing;

/// <summary>
/// Finds hard cuts in a video: each frame gets a scene-change score (half the mean absolute luma difference to the
/// previous frame, half the distance of their luma histograms, both 0 to 1, measured on a small decode), and a frame is
/// a cut when its score is a local peak above <see cref="MinScore"/> and <see cref="Ratio"/> times the median score
/// around it (the lower of the medians before and after). The adaptive part ignores steady motion; the peak test ignores gradual transitions such as crossfades.
/// </summary>
internal sealed class CutDetector
{
    /// <summary>The size frames are decoded at for analysis (default 64×36).</summary>
    public Resolution AnalysisSize { get; init; } = new(64, 36);

    /// <summary>The smallest score a cut may have (default 0.12).</summary>
    public double MinScore { get; init; } = 0.12;

    /// <summary>How many times the median score of the surrounding frames a cut's score must be (default 3).</summary>
    public double Ratio { get; init; } = 3;

    /// <summary>Frames on each side whose median score is the local baseline (default 8).</summary>
    public int Window { get; init; } = 8;

    /// <summary>Decodes a video and scores every frame.</summary>
    /// <param name="path">The video.</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>One score per decoded frame (the first is 0).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot decode it.</exception>
    public async Task<ImmutableArray<double>> ScoreAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default) =>
        (await ProfileAsync(path, options, cancellationToken).ConfigureAwait(false)).Scores;

    /// <summary>Decodes a video and measures every frame: its scene-change score and its mean luma (0–255).</summary>
    internal async Task<(ImmutableArray<double> Scores, ImmutableArray<double> MeanLuma)> ProfileAsync(string path, VideoKitOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var means = ImmutableArray.CreateBuilder<double>();
        int pixels = AnalysisSize.Width * AnalysisSize.Height;
        byte[] previous = new byte[pixels], current = new byte[pixels];
        int[] previousBins = new int[SceneMetrics.HistogramBins], bins = new int[SceneMetrics.HistogramBins];
        var scores = ImmutableArray.CreateBuilder<double>();
        var decode = new VideoDecodeOptions { Size = AnalysisSize };
        await foreach (Frame frame in VideoDecoder.ReadFramesAsync(path, decode, options, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                SceneMetrics.Luma(frame, current);
            }

            means.Add(SceneMetrics.Mean(current));
            SceneMetrics.Histogram(current, bins);
            scores.Add(scores.Count == 0 ? 0 : Score(previous, current, previousBins, bins));
            (previous, current) = (current, previous);
            (previousBins, bins) = (bins, previousBins);
        }

        return (scores.ToImmutable(), means.ToImmutable());
    }

    /// <summary>Decodes a video and lists the frames that start a new shot.</summary>
    /// <param name="path">The video.</param>
    /// <param name="options">Where FFmpeg lives.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Cut frames, ascending.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">FFmpeg cannot decode it.</exception>
    public async Task<ImmutableArray<long>> DetectAsync(string path, VideoKitOptions? options = null, CancellationToken cancellationToken = default) =>
        Detect(await ScoreAsync(path, options, cancellationToken).ConfigureAwait(false));

    /// <summary>Picks cut frames from per-frame scores.</summary>
    /// <param name="scores">One score per frame.</param>
    /// <returns>Cut frames, ascending.</returns>
    public ImmutableArray<long> Detect(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var cuts = ImmutableArray.CreateBuilder<long>();
        double[] window = new double[2 * Window];
        for (int i = 1; i < scores.Count; i++)
        {
            double s = scores[i];
            if (s < MinScore || (i > 1 && scores[i - 1] > s) || (i + 1 < scores.Count && scores[i + 1] >= s))
            {
                continue;
            }

            // The baseline is the quieter side: a cut followed by a flash or fast motion still stands out from what
            // came before it, and a gradual ramp is busy on both sides. A peak must also clearly exceed what came before
            // (the last frame of a ramp is a local peak with quiet after it, but no jump).
            double before = Median(scores, Math.Max(1, i - Window), i - 1, window);
            double after = Median(scores, i + 1, Math.Min(scores.Count - 1, i + Window), window);
            if (s >= Ratio * Math.Min(before, after) && s >= 1.5 * before)
            {
                cuts.Add(i);
            }
        }

        return cuts.ToImmutable();
    }

    private static double Median(IReadOnlyList<double> scores, int from, int to, double[] buffer)
    {
        int n = 0;
        for (int k = from; k <= to; k++)
        {
            buffer[n++] = scores[k];
        }

        if (n == 0)
        {
            return 0;
        }

        Array.Sort(buffer, 0, n);
        return buffer[n / 2];
    }

    internal static double Score(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> current, ReadOnlySpan<int> previousBins, ReadOnlySpan<int> bins) =>
        (0.5 * SceneMetrics.MeanAbsoluteDifference(previous, current) / 255) + (0.5 * SceneMetrics.HistogramDistance(previousBins, bins, current.Length));
}
