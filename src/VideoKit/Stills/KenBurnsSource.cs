using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Rendering;

namespace VideoKit.Stills;

/// <summary>
/// A still that pans and zooms (a <see cref="KenBurnsMove"/>) over its item. The image is decoded once at full size;
/// each frame resamples a sub-pixel rectangle of it (<see cref="Resampler"/>, one filter for the whole move so nothing
/// shifts when the scale passes 1:1), so the move is smooth without jitter. Frames are a pure function of time.
/// </summary>
public sealed class KenBurnsSource : IFrameSource
{
    private readonly string _path;
    private Frame? _image;
    private (double X, double Y, double W, double H) _from, _to;
    private ResamplingFilter _filter;

    /// <summary>Creates the source.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="move">The pan and zoom.</param>
    /// <param name="duration">The item's length (the move's length).</param>
    public KenBurnsSource(string path, KenBurnsMove move, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        _path = path;
        Move = move;
        MoveDuration = duration;
    }

    /// <inheritdoc/>
    public string Name => _path;

    /// <summary>The move.</summary>
    public KenBurnsMove Move { get; }

    /// <summary>The move's length.</summary>
    public TimeSpan MoveDuration { get; }

    /// <summary>The framings used (after <c>auto</c> was resolved), known once prepared.</summary>
    public (Framing From, Framing To)? ResolvedFramings { get; private set; }

    /// <inheritdoc/>
    public TimeSpan? Duration => null;

    /// <inheritdoc/>
    public bool SupportsConcurrentFrames => true;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A framing reaches outside the image at the output's shape.</exception>
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await DisposeAsync().ConfigureAwait(false);
        Frame image = await ImageFile.LoadAsync(_path, context.Options, cancellationToken).ConfigureAwait(false);
        try
        {
            ImageSource.FlattenOverBlack(image.Span); // on the video track: transparent parts over black
            double aspect = (double)context.OutputSize.Width / context.OutputSize.Height;
            Framing from = Move.From ?? Framing.Cover(image.Width, image.Height, aspect);
            Framing to = Move.To ?? DetailFinder.Find(image, aspect, Math.Clamp(Move.AutoZoom, 0.05, 1));
            _from = Check(from, "from", image, aspect);
            _to = Check(to, "to", image, aspect);
            ResolvedFramings = (from, to);

            // Shrinking all the way: area; otherwise bicubic, for the whole move.
            _filter = Math.Min(_from.W, _to.W) >= context.OutputSize.Width ? ResamplingFilter.Area : ResamplingFilter.Bicubic;
        }
        catch
        {
            image.Dispose();
            throw;
        }

        _image = image;
    }

    /// <summary>The rectangle (image pixels) shown at <paramref name="localTime"/>.</summary>
    /// <param name="localTime">Time from the item's start.</param>
    /// <returns>The rectangle.</returns>
    public SampleRegion RegionAt(TimeSpan localTime)
    {
        (double x, double y, double w, double h) = KenBurnsMove.Interpolate(_from, _to, Move.ProgressAt(localTime, MoveDuration));
        return new SampleRegion(x, y, w, h);
    }

    /// <inheritdoc/>
    public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Frame image = _image ?? throw new InvalidOperationException($"The Ken Burns source '{_path}' was not prepared.");
        Resampler.Resample(image, RegionAt(localTime), destination, _filter, maxDegreeOfParallelism: 1);
        if (destination.Format == PixelFormat.Bgra32)
        {
            PixelConverter.SwapRedBlue(destination.Span);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _image, null)?.Dispose();
        return ValueTask.CompletedTask;
    }

    private (double X, double Y, double W, double H) Check(Framing f, string name, Frame image, double aspect)
    {
        (double x, double y, double w, double h) = f.ToPixels(image.Width, image.Height, aspect);
        const double Slack = 0.5;   // half a pixel of rounding
        if (!(f.Width > 0) || x < -Slack || y < -Slack || x + w > image.Width + Slack || y + h > image.Height + Slack)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"The Ken Burns framing '{name}' {{ x: {f.X:0.###}, y: {f.Y:0.###}, width: {f.Width:0.###} }} reaches outside '{_path}' ({image.Width}x{image.Height}): at the output's shape it covers x {x:0.#} to {x + w:0.#}, y {y:0.#} to {y + h:0.#} pixels; make it narrower or move it inside."));
        }

        return (x, y, w, h);
    }
}
