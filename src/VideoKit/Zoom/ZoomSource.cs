using VideoKit.Imaging;
using VideoKit.Rendering;

namespace VideoKit.Zoom;

/// <summary>
/// A zoom-out sequence as a timeline item: the picture at time t is the compositor's frame at the path's zoom position
/// z(t). A pure function of time, so the renderer may compose several frames at once.
/// </summary>
public sealed class ZoomSource : IFrameSource
{
    private readonly ZoomCompositor _compositor;
    private readonly ZoomPath _path;
    private readonly bool _ownsCompositor;

    /// <summary>Creates a source from a compositor (not disposed with the source) and a path.</summary>
    /// <param name="compositor">The prepared compositor.</param>
    /// <param name="path">The zoom position over time; its duration is the source's.</param>
    /// <param name="name">A name for messages (usually the levels folder).</param>
    public ZoomSource(ZoomCompositor compositor, ZoomPath path, string name = "zoom")
        : this(compositor, path, name, ownsCompositor: false)
    {
    }

    /// <summary>Creates a source that composes <paramref name="sequence"/> (copied; it may be disposed afterwards) along a path.</summary>
    /// <param name="sequence">The levels.</param>
    /// <param name="steps">Their alignment, from <see cref="ZoomAligner.Align"/> or <see cref="ZoomAligner.Nominal"/>.</param>
    /// <param name="path">The zoom position over time.</param>
    /// <param name="options">Blending options; <see langword="null"/> for the defaults.</param>
    public ZoomSource(ZoomSequence sequence, IReadOnlyList<ZoomStep> steps, ZoomPath path, ZoomCompositorOptions? options = null)
        : this(new ZoomCompositor(sequence, steps, options), path, NameOf(sequence), ownsCompositor: true)
    {
    }

    private ZoomSource(ZoomCompositor compositor, ZoomPath path, string name, bool ownsCompositor)
    {
        ArgumentNullException.ThrowIfNull(compositor);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Steps > compositor.LevelCount - 1)
        {
            throw new ArgumentException($"The path travels {path.Steps} steps but the sequence has only {compositor.LevelCount} levels.", nameof(path));
        }

        _compositor = compositor;
        _path = path;
        _ownsCompositor = ownsCompositor;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public TimeSpan? Duration => _path.Duration;

    /// <inheritdoc/>
    public bool SupportsConcurrentFrames => true;

    /// <summary>The zoom path.</summary>
    public ZoomPath Path => _path;

    /// <inheritdoc/>
    public ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _compositor.RenderFrame(_path.ZoomAt(localTime), destination);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_ownsCompositor)
        {
            _compositor.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string NameOf(ZoomSequence sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        string first = sequence.Names[0];
        return System.IO.Path.GetDirectoryName(first) is { Length: > 0 } folder ? folder : first;
    }
}
