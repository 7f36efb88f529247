using VideoKit.Editing;
using VideoKit.Rendering;

namespace VideoKit.Export;

/// <summary>What an exported event shows.</summary>
internal enum EditMediaKind
{
    Video,
    Image,
}

/// <summary>
/// One event of the edit: a file shown from <see cref="RecordStart"/> to <see cref="RecordEnd"/> (output frames, cut
/// to cut), starting at <see cref="SourceInFrame"/> in the file and playing at <see cref="Speed"/>; it enters with a
/// transition that spans [<see cref="TransitionStart"/>, <see cref="TransitionEnd"/>) around its first cut.
/// </summary>
internal sealed record EditEvent(
    string Name,
    string Path,
    EditMediaKind Kind,
    long RecordStart,
    long RecordEnd,
    long SourceInFrame,
    double Speed,
    string? TransitionName,
    long TransitionStart,
    long TransitionEnd)
{
    public long Length => RecordEnd - RecordStart;

    public bool HasTransition => TransitionName is not null && TransitionEnd > TransitionStart;

    /// <summary>Frames of the transition before the cut (taken from the outgoing event's tail).</summary>
    public long TransitionBefore => HasTransition ? RecordStart - TransitionStart : 0;

    /// <summary>Frames of the transition after the cut.</summary>
    public long TransitionAfter => HasTransition ? TransitionEnd - RecordStart : 0;
}

/// <summary>
/// The timeline as editors see it: a frame rate, a size, a single track of events cut to cut (with transitions
/// around the cuts) and the song. The exporters (<see cref="OtioWriter"/>, <see cref="FcpxmlWriter"/>,
/// <see cref="MltWriter"/>) write this view, not the <see cref="Timeline"/> itself, so a richer timeline (tracks,
/// overlays) only changes <see cref="EditListBuilder"/>.
/// </summary>
internal sealed record EditList(string Name, FrameRate Rate, Resolution Size, long TotalFrames, string? SongPath, IReadOnlyList<EditEvent> Events)
{
    /// <summary>The output frames where one event ends and the next begins (the cut points), in order.</summary>
    public IReadOnlyList<long> Cuts => [.. Events.Skip(1).Select(e => e.RecordStart)];
}

/// <summary>Builds the <see cref="EditList"/> of a timeline: items by hand, or a beat montage expanded into its segments.</summary>
internal static class EditListBuilder
{
    public static Task<EditList> BuildAsync(Timeline timeline, string name, long totalFrames, VideoKitOptions options, CancellationToken cancellationToken)
    {
        _ = options;
        cancellationToken.ThrowIfCancellationRequested();
        var events = new List<EditEvent>();
        foreach (TimelineItem item in timeline.Items.OrderBy(i => i.StartFrame))
        {
            if (item.Path is null)
            {
                throw new VideoKitException($"{item} is generated in code ({item.Name}); only files and beat montages of files can be exported for an editor.");
            }

            events.Add(item.Window is null ? FromItem(item, timeline.FrameRate) : FromSegment(item, timeline.FrameRate));
        }

        long total = Math.Max(totalFrames, events.Count == 0 ? 0 : events[^1].RecordEnd);
        return Task.FromResult(new EditList(name, timeline.FrameRate, timeline.Resolution, total, timeline.SongPath, events));
    }

    private static EditEvent FromItem(TimelineItem item, FrameRate rate)
    {
        bool fade = item.Transition.Kind != TransitionKind.Cut && item.Transition.Duration > TimeSpan.Zero;
        long length = fade ? Math.Max(2, rate.NearestFrameAt(item.Transition.Duration)) : 0;
        long before = length / 2;
        return new EditEvent(
            System.IO.Path.GetFileName(item.Path!),
            System.IO.Path.GetFullPath(item.Path!),
            item.Kind == TimelineItemKind.Image ? EditMediaKind.Image : EditMediaKind.Video,
            item.StartFrame,
            item.EndFrame,
            item.Kind == TimelineItemKind.Video ? rate.NearestFrameAt(item.InPoint) : 0,
            1.0,
            fade ? TransitionName(item.Transition.Kind.ToString()) : null,
            item.StartFrame - before,
            item.StartFrame - before + length);
    }

    /// <summary>A beat edit's segment: the clip from its in point past the lead-in handle, at its speed, with the planned window.</summary>
    private static EditEvent FromSegment(TimelineItem item, FrameRate rate)
    {
        bool image = item.Kind == TimelineItemKind.Image;
        double speed = item.Playback.Speed;
        // The item's in point is where the visible part (lead-in included) starts; the cut is the lead-in later.
        long sourceIn = rate.NearestFrameAt(item.InPoint) + (long)Math.Round(rate.NearestFrameAt(item.Playback.LeadIn) * speed);
        (long before, long after) = item.Window!.Value;
        bool fade = !item.Transition.IsHardCut && before + after > 0;
        return new EditEvent(
            System.IO.Path.GetFileName(item.Path!),
            System.IO.Path.GetFullPath(item.Path!),
            image ? EditMediaKind.Image : EditMediaKind.Video,
            item.StartFrame,
            item.EndFrame,
            image ? 0 : sourceIn,
            image ? 1.0 : speed,
            fade ? TransitionName(item.Transition.Kind.ToString()) : null,
            fade ? item.StartFrame - before : 0,
            fade ? item.StartFrame + after : 0);
    }

    /// <summary>Every dissolve-like transition is exported as a cross dissolve (editors have no beat flash or whip).</summary>
    private static string TransitionName(string kind) => kind.ToLowerInvariant() switch
    {
        "crossfade" or "dissolve" => "Cross Dissolve",
        var other => "Cross Dissolve (" + other + ")",
    };
}
