using VideoKit.Rendering;

namespace VideoKit.Projects;

/// <summary>A <see cref="TimelineBuilder"/> that remembers the JSON path of every item it adds, so the builder's
/// problems can be reported as <c>items[2].duration: ...</c>.</summary>
internal sealed class ProjectTimelineBuilder(TimelineBuilder builder)
{
    private readonly List<string> _paths = [];

    public TimelineBuilder Inner => builder;

    public IReadOnlyList<string> ItemPaths => _paths;

    /// <summary>The beat-synced edit plan, when the project has "clips" (set by the editing section reader).</summary>
    public Editing.EditPlan? EditPlan { get; set; }

    public void AddImage(string jsonPath, string path, TimeSpan start, TimeSpan duration, FitMode fit, Transition? transition)
    {
        builder.AddImage(path, start, duration, fit, transition);
        _paths.Add(jsonPath);
    }

    public void AddVideo(string jsonPath, string path, TimeSpan start, TimeSpan duration, TimeSpan inPoint, FitMode fit, Transition? transition)
    {
        builder.AddVideo(path, start, duration, inPoint, fit, transition);
        _paths.Add(jsonPath);
    }

    public void AddSource(string jsonPath, string name, Func<IFrameSource> factory, TimeSpan start, TimeSpan duration, Transition? transition)
    {
        builder.AddSource(name, factory, start, duration, transition);
        _paths.Add(jsonPath);
    }

    public void Add(string jsonPath, TimelineItemDraft draft)
    {
        builder.Add(draft);
        _paths.Add(jsonPath);
    }

    public void AddOverlayImage(string jsonPath, string path, TimeSpan start, TimeSpan duration, OverlayPlacement placement)
    {
        builder.AddOverlayImage(path, start, duration, placement);
        _paths.Add(jsonPath);
    }

    public void AddOverlayVideo(string jsonPath, string path, TimeSpan start, TimeSpan duration, OverlayPlacement placement, TimeSpan inPoint)
    {
        builder.AddOverlayVideo(path, start, duration, placement, inPoint);
        _paths.Add(jsonPath);
    }
}
