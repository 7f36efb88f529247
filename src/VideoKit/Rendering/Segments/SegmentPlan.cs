using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// A timeline split into segments that render independently (on other cores, machines or cluster nodes) and join
/// without re-encoding. The split is deterministic: the same timeline, settings and split always give the same
/// segments and the same <see cref="Fingerprint"/>. Boundaries move to a nearby cut (an item's first frame) when
/// there is one within a quarter of a segment's length, so each segment decodes little outside its range.
/// </summary>
/// <example>
/// <code>
/// SegmentPlan plan = await SegmentPlan.CreateAsync(timeline, SegmentSplit.IntoCount(5));
/// foreach (Segment s in plan.Segments) await SegmentRenderer.RenderAsync(plan, s.Number, $"part-{s.Number}.mp4");
/// await SegmentStitcher.StitchAsync(plan, [.. plan.Segments.Select(s => $"part-{s.Number}.mp4")], "out.mp4");
/// </code>
/// </example>
public sealed class SegmentPlan
{
    private SegmentPlan(Timeline timeline, RenderOptions options, long totalFrames, TimeSpan duration, Segment[] segments, int keyframeInterval, string fingerprint)
    {
        Timeline = timeline;
        RenderOptions = options;
        TotalFrames = totalFrames;
        Duration = duration;
        Segments = segments;
        KeyframeInterval = keyframeInterval;
        Fingerprint = fingerprint;
    }

    /// <summary>The timeline the segments come from.</summary>
    public Timeline Timeline { get; }

    /// <summary>The codec and quality every segment is encoded with (and overwrite, parallelism).</summary>
    public RenderOptions RenderOptions { get; }

    /// <summary>Frames in the whole video.</summary>
    public long TotalFrames { get; }

    /// <summary>The whole video's length (the song's, or the timeline's explicit duration).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The segments in order; together they hold every frame once.</summary>
    public IReadOnlyList<Segment> Segments { get; }

    /// <summary>Frames per GOP in every segment (about two seconds); each segment's first frame is a key frame.</summary>
    public int KeyframeInterval { get; }

    /// <summary>A hash of the timeline, the encoder settings and the split, written into every segment so that the
    /// stitcher can check it was given this plan's segments.</summary>
    public string Fingerprint { get; }

    /// <summary>Segment <paramref name="number"/> (1-based).</summary>
    /// <param name="number">1 to the number of segments.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no such segment.</exception>
    public Segment Get(int number) => number >= 1 && number <= Segments.Count
        ? Segments[number - 1]
        : throw new ArgumentOutOfRangeException(nameof(number), number, $"Segment {number} does not exist: the plan has segments 1 to {Segments.Count}.");

    /// <summary>Plans the segments of <paramref name="timeline"/> (probing the song for the video's length).</summary>
    /// <param name="timeline">What to render.</param>
    /// <param name="split">How many segments, or how long each.</param>
    /// <param name="options">Codec and quality for every segment; <see langword="null"/> for the defaults.</param>
    /// <param name="identity">Extra text that identifies the source (for example the project file's contents), mixed
    /// into the fingerprint; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops probing.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The video has fewer frames than segments.</exception>
    public static async Task<SegmentPlan> CreateAsync(Timeline timeline, SegmentSplit split, RenderOptions? options = null, string? identity = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        options ??= RenderOptions.Default;
        options.Validate();
        TimeSpan duration = await new Renderer(options).ResolveDurationAsync(timeline, cancellationToken).ConfigureAwait(false);
        return Create(timeline, options, duration, split, identity);
    }

    /// <summary>
    /// Plans the segments of a project file, encoded with the project's output settings. The project file's contents
    /// are part of the fingerprint (not its path, so machines that mount the project elsewhere agree).
    /// </summary>
    /// <param name="project">The loaded project.</param>
    /// <param name="split">How many segments, or how long each.</param>
    /// <param name="overwrite">Whether segment files may replace existing files.</param>
    /// <param name="cancellationToken">Stops probing.</param>
    /// <returns>The plan.</returns>
    public static async Task<SegmentPlan> CreateAsync(Projects.ProjectFile project, SegmentSplit split, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        byte[] bytes = await File.ReadAllBytesAsync(project.Path, cancellationToken).ConfigureAwait(false);
        RenderOptions o = project.RenderOptions;
        var options = new RenderOptions { Codec = o.Codec, Crf = o.Crf, Preset = o.Preset, PixelFormat = o.PixelFormat, Options = o.Options, Overwrite = overwrite };
        return await CreateAsync(project.Timeline, split, options, Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans from a known length (no probing).</summary>
    internal static SegmentPlan Create(Timeline timeline, RenderOptions options, TimeSpan duration, SegmentSplit split, string? identity)
    {
        FrameRate rate = timeline.FrameRate;
        long total = rate.FrameCountFor(duration);
        int count = split.SegmentsFor(total, rate);
        if (total < count)
        {
            throw new ArgumentException($"The video has {total} frames; it cannot be split into {count} segments.", nameof(split));
        }

        long[] bounds = Boundaries(total, count, Cuts(timeline, total));
        var segments = new Segment[count];
        for (int i = 0; i < count; i++)
        {
            segments[i] = new Segment(i + 1, count, new FrameRange(bounds[i], bounds[i + 1] - bounds[i]));
        }

        int keyint = (int)Math.Max(1, Math.Round(2 * rate.FramesPerSecond));
        string fingerprint = Hash(timeline, options, total, segments, keyint, identity);
        return new SegmentPlan(timeline, options, total, duration, segments, keyint, fingerprint);
    }

    /// <summary>The frames where an item starts (a cut or the start of a transition's target), inside the video.</summary>
    internal static long[] Cuts(Timeline timeline, long totalFrames) =>
        [.. timeline.Items.Select(i => i.StartFrame).Concat(timeline.Items.Select(i => i.EndFrame))
            .Where(f => f > 0 && f < totalFrames).Distinct().Order()];

    /// <summary>
    /// Segment boundaries: 0, the even split points moved to the nearest cut within a quarter segment, total. Moves
    /// of at most a quarter of the spacing keep the boundaries in order and every segment at least half the average.
    /// </summary>
    internal static long[] Boundaries(long totalFrames, int count, long[] cuts)
    {
        var bounds = new long[count + 1];
        bounds[count] = totalFrames;
        long reach = totalFrames / count / 4;
        for (int i = 1; i < count; i++)
        {
            long ideal = (long)Math.Round((double)i * totalFrames / count, MidpointRounding.AwayFromZero);
            long best = ideal;
            int at = Array.BinarySearch(cuts, ideal);
            if (at < 0)
            {
                at = ~at;
                long? below = at > 0 ? cuts[at - 1] : null, above = at < cuts.Length ? cuts[at] : null;
                long? nearest = below is null ? above : above is null ? below : ideal - below.Value <= above.Value - ideal ? below : above;
                if (nearest is long n && Math.Abs(n - ideal) <= reach)
                {
                    best = n;
                }
            }

            bounds[i] = Math.Clamp(best, bounds[i - 1] + 1, totalFrames - (count - i));
        }

        return bounds;
    }

    private static string Hash(Timeline timeline, RenderOptions options, long total, Segment[] segments, int keyint, string? identity)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.Append(c, $"videokit-segments/1|{timeline.Resolution}|{timeline.FrameRate}|{total}|{Path.GetFileName(timeline.SongPath)}|");
        text.Append(c, $"{options.Codec}|{options.Crf}|{options.Preset}|{options.PixelFormat}|{keyint}|");
        foreach (TimelineItem item in timeline.Items)
        {
            text.Append(c, $"{item.Kind};{item.Name};{Path.GetFileName(item.Path)};{item.StartFrame};{item.EndFrame};{item.InPoint.Ticks};{item.Fit};{item.Transition.Kind};{item.Transition.Duration.Ticks}|");
        }

        foreach (Segment s in segments)
        {
            text.Append(c, $"{s.Frames.Start}+{s.Frames.Count},");
        }

        text.Append('|').Append(identity);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The metadata value written into segment <paramref name="segment"/>'s file.</summary>
    internal string Tag(Segment segment) => SegmentTag.Format(Fingerprint, segment);

    /// <summary>The encoder arguments for <paramref name="segment"/>.</summary>
    internal SegmentEncoding EncodingFor(Segment segment) => new(KeyframeInterval, Tag(segment));
}
