using VideoKit.Rendering;

namespace VideoKit;

/// <summary>An item as the builder collected it, before validation.</summary>
internal sealed class TimelineItemDraft
{
    public required TimelineItemKind Kind { get; init; }

    public required string Name { get; init; }

    public string? Path { get; init; }

    public TimeSpan Start { get; init; }

    public TimeSpan Duration { get; init; }

    public TimeSpan InPoint { get; init; }

    public FitMode Fit { get; init; }

    public Transition? Transition { get; init; }

    public bool OwnsSource { get; init; }

    /// <summary>Set for an item on an overlay track; <see langword="null"/> for the video track.</summary>
    public OverlayPlacement? Overlay { get; init; }

    /// <summary>For an overlay drawn from a custom source: the picture's width / height.</summary>
    public double? Aspect { get; init; }

    /// <summary>Speed, repetition and handles (video items; a source item's handles only).</summary>
    public ClipPlayback Playback { get; init; } = ClipPlayback.Normal;

    /// <summary>An explicit transition window in frames (before, after the cut), as a beat edit planned it; else placed by the transition.</summary>
    public (long Before, long After)? Window { get; init; }

    public required Func<IFrameSource> CreateSource { get; init; }
}
