namespace VideoKit.Projects;

/// <summary><c>"lyrics": "song.lrc"</c>: the timed lyrics that <c>captions</c> (<c>"from": "lyrics"</c>) and a lyric edit
/// (<c>"edit": { "cutAt": "lyrics" }</c>) use. Read (and checked, with line numbers) even when nothing uses it.</summary>
internal sealed class LyricsSectionReader : IProjectSectionReader
{
    public string Key => "lyrics";

    public Task ReadAsync(ProjectSectionContext context, CancellationToken cancellationToken)
    {
        _ = WordsValues.Lyrics(context.Reader, context.Root, "lyrics");
        return Task.CompletedTask;
    }
}
