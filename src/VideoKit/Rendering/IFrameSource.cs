using VideoKit.Imaging;

namespace VideoKit.Rendering;

/// <summary>
/// Anything the renderer can pull pictures from: a video clip, a still, a zoom-out sequence, a retimed clip. A timeline
/// item wraps a source; the renderer asks it for the picture at a time relative to the item's start, at the output size.
/// </summary>
/// <remarks>
/// The renderer calls <see cref="PrepareAsync"/> once, then <see cref="RenderFrameAsync"/> for increasing times, never
/// concurrently for the same source unless <see cref="SupportsConcurrentFrames"/> is true (different sources may render at
/// the same time). A source fits its pictures to the destination itself (its own fit mode), so the destination is always
/// the output size.
/// </remarks>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>A name for messages (usually the file or folder).</summary>
    string Name { get; }

    /// <summary>The natural length of the source, or <see langword="null"/> when it has none (a still, a generated picture).</summary>
    TimeSpan? Duration { get; }

    /// <summary>True when <see cref="RenderFrameAsync"/> may be called from several threads at once (a pure function of time).</summary>
    bool SupportsConcurrentFrames => false;

    /// <summary>Opens files or decoders for rendering at the given output size and frame rate.</summary>
    /// <param name="context">The output the frames are for.</param>
    /// <param name="cancellationToken">Stops the preparation.</param>
    /// <returns>A task that completes when the source is ready.</returns>
    ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken);

    /// <summary>Draws the source's picture at <paramref name="localTime"/> into <paramref name="destination"/>.</summary>
    /// <param name="localTime">The time from the start of the item (already mapped through any retiming).</param>
    /// <param name="destination">A frame of the output size to overwrite completely.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>A task that completes when the destination holds the picture.</returns>
    ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken);
}
