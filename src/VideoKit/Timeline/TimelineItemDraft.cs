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

    public required Func<IFrameSource> CreateSource { get; init; }
}
