using VideoKit.Rendering;

namespace VideoKit.Zoom;

/// <summary>What <see cref="ZoomVideo.RenderAsync"/> wrote, and what it could not do as asked.</summary>
public sealed class ZoomVideoResult
{
    /// <summary>The encoded video: path, frames, size, rate, duration, speed.</summary>
    public required RenderResult Render { get; init; }

    /// <summary>The measured (or nominal) placement of each level inside the next.</summary>
    public required IReadOnlyList<ZoomStep> Steps { get; init; }

    /// <summary>The zoom position over time that was rendered.</summary>
    public required ZoomPath Path { get; init; }

    /// <summary>
    /// Where the video differs from what the options asked for, one sentence each: a levels-per-bar rate that does not
    /// fit the song (the levels were spread over it instead), or a song with no beat (the zoom runs at a steady speed).
    /// Empty when everything was as requested.
    /// </summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
