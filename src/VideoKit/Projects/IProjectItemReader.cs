using System.Text.Json;

namespace VideoKit.Projects;

/// <summary>
/// Reads one kind of item in a project's <c>items</c> array, recognised by its key field (<c>"image"</c>,
/// <c>"video"</c>, ...). To add a kind (a zoom sequence, a beat-synced clip list), implement this and add one line to
/// <see cref="ProjectFile.ItemReaders"/>.
/// </summary>
internal interface IProjectItemReader
{
    /// <summary>The field that marks an item of this kind and names its material, e.g. <c>"image"</c>.</summary>
    string Key { get; }

    /// <summary>Every field this kind accepts (besides the common start, duration, transition).</summary>
    IReadOnlyCollection<string> Fields { get; }

    /// <summary>Adds the item(s) to the builder, reporting problems through <see cref="ProjectItemContext.Reader"/>.</summary>
    void Read(ProjectItemContext context);
}

/// <summary>What an item reader gets: the JSON object, its path, the common fields already read, and the builder.</summary>
internal sealed class ProjectItemContext
{
    public required ProjectReader Reader { get; init; }

    public required JsonElement Item { get; init; }

    /// <summary>The item's JSON path, e.g. <c>items[2]</c>.</summary>
    public required string Path { get; init; }

    /// <summary>When the item starts: its "start" field, or the end of the previous item.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>The "duration" field, if present.</summary>
    public TimeSpan? Duration { get; init; }

    public required Transition? Transition { get; init; }

    public required FitMode Fit { get; init; }

    public required ProjectTimelineBuilder Builder { get; init; }

    /// <summary>Whether the item has <paramref name="name"/> with a non-null value (so a problem with it is already reported when it could not be read).</summary>
    public bool HasField(string name) => Item.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;
}
