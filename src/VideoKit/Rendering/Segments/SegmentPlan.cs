using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// A timeline split into segments that render independently (on other cores, machines or cluster nodes) and join
/// without re-encoding. The split is deterministic: the same timeline, settings and split always give the same
/// segments and the same <see cref="Fingerprint"/>. Boundaries lie on the key-frame grid every render uses (a key
/// frame every two seconds), at the grid point nearest a cut when one is within a quarter of a segment's length.
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

    /// <summary>Frames between the key frames of the grid every render uses (about two seconds); segments start on them.</summary>
    public int KeyframeInterval { get; }

    /// <summary>A hash of the timeline, the encoder settings and the split, written into every segment so that the
    /// stitcher can check it was given this plan's segments.</summary>
    public string Fingerprint { get; }

    /// <summary>A hash of the timeline and the encoder settings, without the split: written into the sound encoded by
    /// <see cref="SegmentAudio"/>, which is the same for every split, so that the stitcher can check it.</summary>
    public string SoundFingerprint { get; private init; } = "";

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
        if (project.RenderOptions.Platform is { } platform)
        {
            // A preset decides codec, GOP and container per output file; segments would silently drop it.
            throw new ArgumentException($"Project '{project.Path}': output.preset '{PlatformPresets.Get(platform).Name}' applies to a whole render; a render in segments (--segment, --workers, a cluster job) does not apply platform presets. Render it whole, or remove output.preset.", nameof(project));
        }

        byte[] bytes = await File.ReadAllBytesAsync(project.Path, cancellationToken).ConfigureAwait(false);
        // The project's files (and the project itself) are inputs no segment, sound or stitch may write over.
        RenderOptions options = project.RenderOptions.WithOverwrite(overwrite, Projects.ProjectInputs.Collect(project.Path));
        return await CreateAsync(project.Timeline, split, options, Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans from a known length (no probing).</summary>
    internal static SegmentPlan Create(Timeline timeline, RenderOptions options, TimeSpan duration, SegmentSplit split, string? identity)
    {
        FrameRate rate = timeline.FrameRate;
        long total = rate.FrameCountFor(duration);
        int count = split.SegmentsFor(total, rate);
        int keyint = KeyframeGrid.Interval(rate);
        (int warmUp, int tail) = Overlap(options, keyint);

        // With a lossy codec a segment must start where the whole render has a key frame (on the grid); a lossless or
        // intra-only codec's frames do not depend on their neighbours, so any frame can start a segment.
        int step = warmUp > 0 || tail > 0 ? keyint : 1;
        long cells = (total + step - 1) / step;
        if (cells < count)
        {
            throw new ArgumentException(step == 1
                ? $"The video has {total} frames; it cannot be split into {count} segments."
                : string.Create(CultureInfo.InvariantCulture, $"The video has {total} frames, {cells} key-frame interval(s) of {step} frames (with a lossy codec segments start on the key frames of the whole render); it cannot be split into {count} segments."),
                nameof(split));
        }

        long[] bounds = Boundaries(total, count, step, Cuts(timeline, total));
        var segments = new Segment[count];
        for (int i = 0; i < count; i++)
        {
            segments[i] = new Segment(i + 1, count, new FrameRange(bounds[i], bounds[i + 1] - bounds[i]));
        }

        string fingerprint = Hash(timeline, options, total, segments, keyint, identity);
        string sound = Hash(timeline, options, total, [], keyint, "sound|" + identity); // the same for every split
        return new SegmentPlan(timeline, options, total, duration, segments, keyint, fingerprint) { WarmUpFrames = warmUp, TailFrames = tail, SoundFingerprint = sound };
    }

    /// <summary>The frames where an item starts (a cut or the start of a transition's target), inside the video.</summary>
    internal static long[] Cuts(Timeline timeline, long totalFrames) =>
        [.. timeline.Items.Select(i => i.StartFrame).Concat(timeline.Items.Select(i => i.EndFrame))
            .Where(f => f > 0 && f < totalFrames).Distinct().Order()];

    /// <summary>
    /// Segment boundaries: 0, then for each even split point the grid point (a multiple of <paramref name="keyint"/>;
    /// 1 for any frame) within a quarter segment of it that lies nearest a cut (so a worker decodes little of the item
    /// before its range; the nearer the split point on a tie), counting only cuts within that quarter, or the grid point
    /// nearest the split point when no cut is that close; then total.
    /// Every segment keeps at least one grid interval.
    /// </summary>
    internal static long[] Boundaries(long totalFrames, int count, int keyint, long[] cuts)
    {
        var bounds = new long[count + 1];
        bounds[count] = totalFrames;
        long cells = (totalFrames + keyint - 1) / keyint;
        double reach = (double)totalFrames / count / 4;
        for (int i = 1; i < count; i++)
        {
            double ideal = (double)i * totalFrames / count;
            long best = (long)Math.Round(ideal / keyint, MidpointRounding.AwayFromZero);
            long[] near = [.. cuts.Where(c => Math.Abs(c - ideal) <= reach)]; // only cuts within reach count
            (double ToCut, double ToIdeal) bestScore = (double.PositiveInfinity, double.PositiveInfinity);
            for (long g = (long)Math.Ceiling((ideal - reach) / keyint); g * keyint <= ideal + reach; g++)
            {
                (double, double) score = (NearestDistance(near, g * keyint), Math.Abs((g * keyint) - ideal));
                if (score.Item1 <= reach && score.CompareTo(bestScore) < 0)
                {
                    (best, bestScore) = (g, score);
                }
            }

            long cell = Math.Clamp(best, (bounds[i - 1] / keyint) + 1, cells - (count - i));
            bounds[i] = cell * keyint;
        }

        return bounds;
    }

    private static double NearestDistance(long[] sorted, long value)
    {
        int at = Array.BinarySearch(sorted, value);
        if (at >= 0)
        {
            return 0;
        }

        at = ~at;
        double below = at > 0 ? value - sorted[at - 1] : double.PositiveInfinity;
        double above = at < sorted.Length ? sorted[at] - value : double.PositiveInfinity;
        return Math.Min(below, above);
    }

    /// <summary>
    /// How many frames a segment encodes before its first frame (warm-up) and after its last (tail), so that every frame
    /// of it is encoded as in a whole render. None for lossless and intra-only codecs: their frames do not depend on
    /// what came before. Otherwise the warm-up covers the memory of the encoder's rate control (x264 sets a key frame's
    /// quantiser from a running average of the P frames' that decays by 0.95 a frame: after 90 frames what came before
    /// weighs under 1 %), rounded up to whole key-frame intervals so the warm-up starts on a grid key frame as well; and
    /// the tail covers the encoder's look-ahead (frame types and macroblock-tree weights near the end of a GOP look
    /// that far ahead), so the segment's last frames see what follows as in a whole render.
    /// </summary>
    internal static (int WarmUp, int Tail) Overlap(RenderOptions options, int keyint)
    {
        bool lossless = options.Codec == VideoCodec.H264 && options.Crf == 0;
        if (lossless || options.Codec is VideoCodec.ProRes or VideoCodec.Ffv1)
        {
            return (0, 0);
        }

        const int rateControlMemory = 90;
        int warmUp = (rateControlMemory + keyint - 1) / keyint * keyint;
        int tail = options.Codec switch
        {
            // x264's rc-lookahead plus its B-frames, per preset.
            VideoCodec.H264 => (options.Preset ?? "medium") switch
            {
                "ultrafast" => 0,
                "superfast" => 3,
                "veryfast" => 13,
                "faster" => 23,
                "fast" => 33,
                "medium" => 43,
                "slow" => 53,
                _ => 76,
            },
            _ => 76, // x265's and libvpx's look-ahead stay within 60 frames (and B-frames within 16)
        };
        return (warmUp, tail);
    }

    private static string Hash(Timeline timeline, RenderOptions options, long total, Segment[] segments, int keyint, string? identity)
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.Append(c, $"videokit-segments/2|{timeline.Resolution}|{timeline.FrameRate}|{total}|{Path.GetFileName(timeline.SongPath)}|");
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
    internal SegmentEncoding EncodingFor(Segment segment) => new(Tag(segment));

    /// <summary>Frames encoded before each segment (except the first) to bring the encoder to the state a whole render
    /// has there; cut off afterwards. A multiple of <see cref="KeyframeInterval"/>; 0 for lossless and intra-only codecs.</summary>
    public int WarmUpFrames { get; private init; }

    /// <summary>Frames encoded after each segment (except the last) so the encoder's look-ahead sees what it sees in a
    /// whole render; cut off afterwards. 0 for lossless and intra-only codecs.</summary>
    public int TailFrames { get; private init; }

    /// <summary>The frames encoded for <paramref name="segment"/>: its own, with the warm-up before and the tail after
    /// (within the video). Starts on the key-frame grid.</summary>
    /// <param name="segment">A segment of this plan.</param>
    /// <returns>The frames to encode; the segment's own are cut out of them.</returns>
    public FrameRange EncodeRange(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        long start = Math.Max(0, segment.Frames.Start - WarmUpFrames);
        long end = Math.Min(TotalFrames, segment.Frames.End + TailFrames);
        return new FrameRange(start, end - start);
    }
}
