using VideoKit.Imaging;
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

    private readonly TimelineItem[] _overlays;

    internal Timeline(Resolution resolution, FrameRate frameRate, string? songPath, TimeSpan? duration, TimelineItem[] items, TimelineItem[]? overlays = null)
    {
        _overlays = overlays ?? [];
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

    /// <summary>The items of the video track, ordered by start time (they never overlap; transitions join neighbours).</summary>
    public IReadOnlyList<TimelineItem> Items => _items;

    /// <summary>The items of the overlay tracks, in drawing order (by layer, then in the order added): each is drawn over the video
    /// track while it lasts, with its <see cref="TimelineItem.Overlay"/> placement.</summary>
    public IReadOnlyList<TimelineItem> Overlays => _overlays;

    /// <summary>A copy of this timeline rendered at another frame size (overlays keep their places as fractions of the
    /// frame; every source fits itself to the new size). Used for quarter-size previews.</summary>
    /// <param name="resolution">The new output size.</param>
    /// <returns>The timeline at that size.</returns>
    public Timeline WithResolution(Resolution resolution) => new(resolution, FrameRate, SongPath, Duration, _items, _overlays) { Text = Text, Audio = Audio, Effects = Effects, ItemPaths = ItemPaths };

    /// <summary>Composes the single frame shown at <paramref name="time"/> (see <see cref="Renderer.RenderFrameAsync"/>).</summary>
    /// <param name="time">A time from the start of the video.</param>
    /// <param name="options">VideoKit options (FFmpeg location); <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The frame, at the output size; the caller disposes it.</returns>
    public Task<Frame> RenderFrameAsync(TimeSpan time, RenderOptions? options = null, CancellationToken cancellationToken = default) =>
        new Renderer(options).RenderFrameAsync(this, time, cancellationToken);

    /// <summary>
    /// Every file the timeline reads: its items and overlays, the song, the mix's tracks and a ready-made ASS script. No
    /// output may be one of them (the write rule), whichever way the timeline is rendered (whole, in segments, stitched).
    /// </summary>
    internal IEnumerable<string> InputFiles()
    {
        IEnumerable<string?> all = [.. _items.Select(i => i.Path), .. _overlays.Select(i => i.Path), SongPath, .. Audio?.Tracks.Select(t => t.Path) ?? [], Text?.AssFile];
        return all.OfType<string>();
    }

    /// <summary>
    /// How each item is named in messages, by <see cref="TimelineItem.Index"/>: a project file's JSON paths
    /// (<c>items[2]</c>), or <see langword="null"/> for <see cref="TimelineItem.ToString"/> (<c>item #3 'end.png'</c>).
    /// </summary>
    internal IReadOnlyList<string>? ItemPaths { get; init; }

    /// <summary>A copy whose messages name the items by <paramref name="paths"/> (a project file's JSON paths).</summary>
    internal Timeline WithItemPaths(IReadOnlyList<string> paths) =>
        new(Resolution, FrameRate, SongPath, Duration, _items, _overlays) { Text = Text, Audio = Audio, Effects = Effects, ItemPaths = [.. paths] };

    /// <summary>The item's name in a message: its JSON path and file name (<c>items[2] 'end.png'</c>), or <c>item #3 'end.png'</c>.</summary>
    internal string Describe(TimelineItem item) =>
        ItemPaths is { } paths && item.Index < paths.Count ? $"{paths[item.Index]} '{System.IO.Path.GetFileName(item.Path ?? item.Name)}'" : item.ToString();

    /// <summary>
    /// One warning for every item (video track and overlays) that the video's end cuts: the rest of it is not shown, or,
    /// when it starts at or after the end, none of it. Rendering goes on (the song is the master clock); these say so.
    /// </summary>
    /// <param name="totalFrames">The video's frame count.</param>
    internal IEnumerable<string> ItemsPastTheEnd(long totalFrames)
    {
        TimeSpan end = FrameRate.TimeAt(totalFrames);
        string why = Duration is null ? "the song's length" : "the set duration";
        foreach (TimelineItem item in _items.Concat(_overlays).OrderBy(i => i.Index))
        {
            if (item.EndFrame <= totalFrames)
            {
                continue;
            }

            string span = $"{TimelineBuilder.Text(item.Start)} to {TimelineBuilder.Text(item.End)}";
            yield return item.StartFrame >= totalFrames
                ? $"{Describe(item)} ({span}) starts at or after the video's end at {TimelineBuilder.Text(end)} ({why}); it is not shown"
                : $"{Describe(item)} ({span}) runs past the video's end at {TimelineBuilder.Text(end)} ({why}); its last {TimelineBuilder.Text(item.End - end)} are not shown";
        }
    }

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
