using VideoKit.Rendering;

namespace VideoKit;

/// <summary>
/// One picture on the timeline: what it shows, when, for how long, how it is fitted and how it enters. Immutable;
/// created by <see cref="TimelineBuilder"/>, which also computes its exact frame range.
/// </summary>
public sealed class TimelineItem
{
    private readonly Func<IFrameSource> _createSource;

    internal TimelineItem(int index, TimelineItemDraft draft, FrameRate frameRate)
    {
        Index = index;
        Kind = draft.Kind;
        Name = draft.Name;
        Path = draft.Path;
        Start = draft.Start;
        Duration = draft.Duration;
        InPoint = draft.InPoint;
        Fit = draft.Fit;
        Transition = draft.Transition ?? Transition.Cut;
        OwnsSource = draft.OwnsSource;
        Overlay = draft.Overlay;
        Aspect = draft.Aspect;
        Playback = draft.Playback;
        Window = draft.Window;
        _createSource = draft.CreateSource;
        StartFrame = frameRate.NearestFrameAt(Start);
        EndFrame = frameRate.NearestFrameAt(Start + Duration);
    }

    /// <summary>The position in which the item was added (0-based), used in messages.</summary>
    public int Index { get; }

    /// <summary>What the item shows.</summary>
    public TimelineItemKind Kind { get; }

    /// <summary>A name for messages: the file name, or the source's name.</summary>
    public string Name { get; }

    /// <summary>The image or video file, or <see langword="null"/> for a <see cref="TimelineItemKind.Source"/> item.</summary>
    public string? Path { get; }

    /// <summary>When the item starts on the timeline (its cut point).</summary>
    public TimeSpan Start { get; }

    /// <summary>How long the item is on screen (transitions do not change it).</summary>
    public TimeSpan Duration { get; }

    /// <summary>When the item ends: <see cref="Start"/> + <see cref="Duration"/>.</summary>
    public TimeSpan End => Start + Duration;

    /// <summary>For a video: where in the file the item starts (the out point is <see cref="InPoint"/> + <see cref="Duration"/>).</summary>
    public TimeSpan InPoint { get; }

    /// <summary>How the picture is fitted to the frame (for image and video items).</summary>
    public FitMode Fit { get; }

    /// <summary>How the item enters (a cut or a crossfade centred on <see cref="Start"/>).</summary>
    public Transition Transition { get; }

    /// <summary>The first frame index of the item: round(<see cref="Start"/> × fps), computed once from the absolute time.</summary>
    public long StartFrame { get; }

    /// <summary>The frame index after the item's last frame: round(<see cref="End"/> × fps).</summary>
    public long EndFrame { get; }

    /// <summary>The number of frames the item owns (its crossfades borrow frames from its neighbours).</summary>
    public long FrameCount => EndFrame - StartFrame;

    /// <summary>
    /// Where the item sits when it is on an overlay track (drawn over the video track, anywhere in time, with position,
    /// scale, rotation and opacity), or <see langword="null"/> for an item of the video track.
    /// </summary>
    public OverlayPlacement? Overlay { get; }

    /// <summary>The track: 0 for the video track, else the overlay's <see cref="OverlayPlacement.Layer"/>.</summary>
    public int Track => Overlay?.Layer ?? 0;

    /// <summary>How a video item plays its file (speed, repetition, handles); <see cref="ClipPlayback.Normal"/> otherwise.</summary>
    public ClipPlayback Playback { get; }

    /// <summary>An explicit transition window in frames before and after the cut (a beat edit's plan), or <see langword="null"/>.</summary>
    internal (long Before, long After)? Window { get; }

    /// <summary>For an overlay drawn from a custom source: its picture's width / height (files are probed instead).</summary>
    internal double? Aspect { get; }

    /// <summary>True when the renderer creates the source for each render and disposes it afterwards.</summary>
    internal bool OwnsSource { get; }

    /// <summary>The source to render from: a new one per render when <see cref="OwnsSource"/>, else the caller's instance.</summary>
    internal IFrameSource CreateSource() => _createSource();

    /// <summary>"item #3 'intro.png'".</summary>
    /// <returns>A label for messages.</returns>
    public override string ToString() => Overlay is null ? $"item #{Index + 1} '{Name}'" : $"overlay #{Index + 1} '{Name}'";
}
