using VideoKit.Rendering;

namespace VideoKit;

/// <summary>
/// What shows when: a song (the master clock), an output size and rate, and items placed at exact times. Immutable and
/// thread-safe; built by <see cref="TimelineBuilder"/>; render it with <see cref="RenderAsync"/> or a <see cref="Renderer"/>
/// as many times as you like.
/// </summary>
public sealed partial class Timeline
{
    private readonly TimelineItem[] _items;

    internal Timeline(Resolution resolution, FrameRate frameRate, string? songPath, TimeSpan? duration, TimelineItem[] items)
    {
        Resolution = resolution;
        FrameRate = frameRate;
        SongPath = songPath;
        Duration = duration;
        _items = items;
    }

    /// <summary>The output frame size.</summary>
    public Resolution Resolution { get; }

    /// <summary>The output frame rate.</summary>
    public FrameRate FrameRate { get; }

    /// <summary>The song (soundtrack and master clock), or <see langword="null"/> for a silent video.</summary>
    public string? SongPath { get; }

    /// <summary>The explicit video length, or <see langword="null"/> when the video lasts as long as the song (read when rendering).</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The items, ordered by start time.</summary>
    public IReadOnlyList<TimelineItem> Items => _items;

    /// <summary>The number of frames, round(<see cref="Duration"/> × fps), when the length is explicit.</summary>
    public long? FrameCount => Duration is { } d ? FrameRate.FrameCountFor(d) : null;

    /// <summary>The item on screen at <paramref name="time"/> (ignoring transitions), or <see langword="null"/> for a gap.</summary>
    /// <param name="time">A time from the start of the video.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    public TimelineItem? ItemAt(TimeSpan time)
    {
        long frame = FrameRate.FrameIndexAt(time);
        int k = TimelinePlan.LastStartingAtOrBefore(_items, frame);
        return k >= 0 && frame < _items[k].EndFrame ? _items[k] : null;
    }

    /// <summary>Renders the timeline to a video file (see <see cref="Renderer.RenderAsync"/>).</summary>
    /// <param name="outputPath">The video file to write; its extension picks the container (.mp4, .mov, .mkv, .webm).</param>
    /// <param name="options">Codec, quality, overwrite and VideoKit options; <see langword="null"/> for H.264 defaults.</param>
    /// <param name="progress">Receives progress at most 10 times a second.</param>
    /// <param name="cancellationToken">Stops the render; no partial file and no FFmpeg process is left behind.</param>
    /// <returns>What was written.</returns>
    public Task<RenderResult> RenderAsync(string outputPath, RenderOptions? options = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new Renderer(options).RenderAsync(this, outputPath, progress, cancellationToken);
}
