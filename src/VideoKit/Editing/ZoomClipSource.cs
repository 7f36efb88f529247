using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Rhythm;
using VideoKit.Zoom;

namespace VideoKit.Editing;

/// <summary>A project file's <c>{ "zoom": "levels/", "factor": 2, "levelsPerBar": 1 }</c> clip, as read.</summary>
/// <param name="Folder">The folder of levels, innermost first by name.</param>
/// <param name="Factor">The zoom factor of each step, or null to estimate it.</param>
/// <param name="LevelsPerBar">How many levels to pass per bar, or null to spread the levels over the clip's bars.</param>
internal sealed record ZoomClipSpec(string Folder, double? Factor, double? LevelsPerBar);

/// <summary>
/// A zoom clip in a beat montage: loads and aligns the levels when prepared, then zooms through all of them over
/// <see cref="Duration"/> (the longest segment it fills) on that segment's beats — level boundaries on downbeats, a push
/// on each beat that follows the onset strength (<see cref="ZoomPath.FromBeats"/>). A segment with less than a bar, or
/// with fewer beats than steps, zooms steadily instead. Owned and disposed by the montage.
/// </summary>
internal sealed class ZoomClipSource : IFrameSource
{
    private readonly ZoomClipSpec _spec;
    private readonly BeatGrid _grid;
    private readonly TimeSpan _songStart;
    private readonly TimeSpan _margin;
    private ZoomSource? _source;
    private TimeSpan _offset;

    /// <summary>Creates the clip.</summary>
    /// <param name="spec">The project's zoom clip.</param>
    /// <param name="grid">The song's beat grid.</param>
    /// <param name="songStart">The song time of the clip's first frame in its longest segment.</param>
    /// <param name="rate">The output frame rate.</param>
    /// <param name="frames">The length of that segment, in frames.</param>
    public ZoomClipSource(ZoomClipSpec spec, BeatGrid grid, TimeSpan songStart, FrameRate rate, long frames)
    {
        _spec = spec;
        _grid = grid;
        _songStart = songStart;
        Duration = rate.TimeAt(frames);

        // Cuts sit on the frame nearest their beat, so the segment's first and closing beats may lie half a frame outside it.
        _margin = TimeSpan.FromTicks(rate.FrameDuration.Ticks / 2);
        Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(spec.Folder));
    }

    public string Name { get; }

    public TimeSpan? Duration { get; }

    public bool SupportsConcurrentFrames => true;

    /// <summary>Whether the prepared zoom follows the beats (false: a steady zoom). For tests.</summary>
    internal bool IsBeatDriven { get; private set; }

    /// <summary>The prepared zoom's path, in the clip's local time shifted by <see cref="PathOffset"/>. For tests.</summary>
    internal ZoomPath? PreparedPath { get; private set; }

    /// <summary>What is added to local time to get the path's time.</summary>
    internal TimeSpan PathOffset => _offset;

    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_source is not null)
        {
            return;
        }

        using ZoomSequence sequence = await ZoomSequence.LoadForOutputAsync(_spec.Folder, _spec.Factor, context.OutputSize, context.Options, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ZoomStep> steps = await Task.Run(() => ZoomAligner.Align(sequence, null, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        ZoomPath path;
        if (BeatPath(sequence.Count) is { } beatPath)
        {
            path = beatPath;
            _offset = _margin;
            IsBeatDriven = true;
        }
        else
        {
            // A short hold on each end so the innermost and outermost levels are seen whole.
            TimeSpan duration = Duration!.Value;
            TimeSpan hold = TimeSpan.FromTicks(Math.Min(duration.Ticks / 10, TimeSpan.TicksPerSecond / 2));
            path = ZoomPath.Steady(sequence.Count - 1, duration, ZoomDirection.Out, hold, hold);
            _offset = TimeSpan.Zero;
        }

        PreparedPath = path;
        _source = new ZoomSource(sequence, steps, path);
    }

    public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken) =>
        (_source ?? throw new InvalidOperationException($"The zoom clip '{_spec.Folder}' was not prepared.")).RenderFrameAsync(localTime + _offset, destination, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
            _source = null;
        }
    }

    private ZoomPath? BeatPath(int levelCount)
    {
        if (_grid.Beats.Count < 2)
        {
            return null;
        }

        BeatGrid section = _grid.Slice(_songStart - _margin, Duration!.Value + _margin + _margin);
        try
        {
            return ZoomPath.FromBeats(section, levelCount, new ZoomPathOptions { LevelsPerBar = _spec.LevelsPerBar });
        }
        catch (ArgumentException)
        {
            return null;   // less than a bar, or more steps than beats: a steady zoom reads better than none
        }
    }
}
