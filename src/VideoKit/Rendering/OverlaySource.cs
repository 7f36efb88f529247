using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// An overlay item during a render: its picture's pixel size comes from the placement's width and the picture's aspect
/// (probed once, through the media-info cache); the item's own source (a still, a clip, anything) is prepared at that
/// size, and each frame draws it over the composed video track with the placement's position, scale, rotation and
/// opacity at that time.
/// </summary>
internal sealed class OverlaySource(TimelineItem item) : IFrameSource
{
    private IFrameSource? _inner;
    private Frame? _picture;
    private FrameSourceContext? _context;
    private bool _still;
    private bool _drawn;

    public string Name => item.Name;

    public TimeSpan? Duration => item.Duration;

    /// <summary>The overlay's picture size before scaling (after <see cref="PrepareAsync"/>).</summary>
    public Resolution PictureSize { get; private set; }

    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        OverlayPlacement placement = item.Overlay ?? throw new InvalidOperationException($"{item} is not an overlay.");
        double aspect = item.Aspect ?? await ProbeAspectAsync(context, cancellationToken).ConfigureAwait(false);
        PictureSize = SizeFor(placement.Width, aspect, context.OutputSize);
        _context = new FrameSourceContext { OutputSize = PictureSize, FrameRate = context.FrameRate, Options = context.Options };
        _inner = item.CreateSource();
        _still = item.Kind == TimelineItemKind.Image;
        await _inner.PrepareAsync(_context, cancellationToken).ConfigureAwait(false);
        _picture = new Frame(PictureSize.Width, PictureSize.Height);
    }

    /// <summary>The picture's pixel size: <paramref name="width"/> of the frame wide, the height from the aspect, both even.</summary>
    internal static Resolution SizeFor(double width, double aspect, Resolution output)
    {
        int w = Math.Clamp(2 * (int)Math.Round(width * output.Width / 2), 2, 16384);
        int h = Math.Clamp(2 * (int)Math.Round(w / aspect / 2), 2, 16384);
        return new Resolution(w, h);
    }

    /// <summary>Draws the overlay alone over transparent black (the contract of a frame source: the destination is overwritten).</summary>
    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Span.Clear();
        await DrawOverAsync(localTime, destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Draws the overlay at <paramref name="localTime"/> (from the item's start) over <paramref name="destination"/>.</summary>
    public async ValueTask DrawOverAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        Frame picture = _picture ?? throw new InvalidOperationException($"The overlay '{item.Name}' was not prepared.");
        OverlayPlacement p = item.Overlay!;
        double opacity = p.OpacityAt(localTime, item.Duration);
        if (opacity <= 0)
        {
            return;
        }

        if (!_still || !_drawn)
        {
            await _inner!.RenderFrameAsync(localTime, picture, cancellationToken).ConfigureAwait(false);
            _drawn = true;
        }

        double left = p.X.ValueAt(localTime) * destination.Width;
        double top = p.Y.ValueAt(localTime) * destination.Height;
        OverlayCompositor.Draw(picture, destination, left, top, p.Scale.ValueAt(localTime), p.Rotation.ValueAt(localTime), opacity);
    }

    public async ValueTask DisposeAsync()
    {
        if (_inner is not null)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
            _inner = null;
        }

        _picture?.Dispose();
        _picture = null;
    }

    private async Task<double> ProbeAspectAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        string path = item.Path ?? throw new InvalidOperationException($"The overlay '{item.Name}' has neither a file nor an aspect.");
        MediaInfo info = await MediaProbe.ProbeAsync(path, context.Options, cancellationToken).ConfigureAwait(false);
        VideoStreamInfo video = info.PrimaryVideo is { DisplayWidth: > 0, DisplayHeight: > 0 } v
            ? v
            : throw new UnsupportedMediaException($"'{path}' holds no picture to overlay.");
        return (double)video.DisplayWidth / video.DisplayHeight;
    }
}
