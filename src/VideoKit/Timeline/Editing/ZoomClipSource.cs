using VideoKit.Imaging;
using VideoKit.Rendering;
using VideoKit.Zoom;

namespace VideoKit.Editing;

/// <summary>
/// A project file's <c>{ "zoom": "levels/" }</c> clip: loads and aligns the levels when prepared, then zooms out steadily
/// through all of them over <see cref="Duration"/> (the longest segment it fills). Owned and disposed by the montage.
/// </summary>
internal sealed class ZoomClipSource(string folder, double? factor, TimeSpan duration) : IFrameSource
{
    private ZoomSource? _source;

    public string Name { get; } = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));

    public TimeSpan? Duration => duration;

    public bool SupportsConcurrentFrames => true;

    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_source is not null)
        {
            return;
        }

        using ZoomSequence sequence = await ZoomSequence.LoadAsync(folder, factor, context.Options, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ZoomStep> steps = await Task.Run(() => ZoomAligner.Align(sequence, null, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        // A short hold on each end so the innermost and outermost levels are seen whole.
        TimeSpan hold = TimeSpan.FromTicks(Math.Min(duration.Ticks / 10, TimeSpan.TicksPerSecond / 2));
        ZoomPath path = ZoomPath.Steady(sequence.Count - 1, duration, ZoomDirection.Out, hold, hold);
        _source = new ZoomSource(sequence, steps, path);
    }

    public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken) =>
        (_source ?? throw new InvalidOperationException($"The zoom clip '{folder}' was not prepared.")).RenderFrameAsync(localTime, destination, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
            _source = null;
        }
    }
}
