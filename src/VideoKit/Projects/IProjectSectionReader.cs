using System.Text.Json;

namespace VideoKit.Projects;

/// <summary>
/// Reads a top-level section of a project file that generates items (for example a beat-synced <c>edit</c> that cuts
/// clips on the song's bars). Runs after the <c>items</c> array, in registration order. To add one, implement this and
/// add one line to <see cref="ProjectFile.SectionReaders"/>.
/// </summary>
internal interface IProjectSectionReader
{
    /// <summary>The top-level field this reader handles.</summary>
    string Key { get; }

    /// <summary>Reads the section and adds items to the builder; problems go to <see cref="ProjectSectionContext.Reader"/>.</summary>
    Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken);
}

/// <summary>What a section reader gets.</summary>
internal sealed class ProjectSectionContext
{
    public required ProjectReader Reader { get; init; }

    /// <summary>The section's JSON value.</summary>
    public required JsonElement Section { get; init; }

    /// <summary>The whole project object (a section may read fields beside it, such as "edit" beside "clips").</summary>
    public JsonElement Root { get; init; }

    /// <summary>The section's JSON path (its key).</summary>
    public required string Path { get; init; }

    /// <summary>The song's full path, when the project has one.</summary>
    public string? SongPath { get; init; }

    public required ProjectTimelineBuilder Builder { get; init; }
}
