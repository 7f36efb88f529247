namespace VideoKit.Rendering;

/// <summary>
/// What a clip's own picture needs before it is fitted (see <see cref="VideoClipSource.SourceFilters"/>): filters to put
/// first in the chain (each followed by a comma, or empty), whether to read the input with <c>-noautorotate</c>, and a
/// decoder to read it with (libvpx for VP8/VP9 alpha), or <see langword="null"/>.
/// </summary>
internal readonly record struct SourceCorrections(string Filters, bool NoAutorotate, string? Decoder)
{
    /// <summary>The input options, placed before <c>-i</c>.</summary>
    public IEnumerable<string> InputOptions()
    {
        if (NoAutorotate)
        {
            yield return "-noautorotate";
        }

        if (Decoder is not null)
        {
            yield return "-c:v";
            yield return Decoder;
        }
    }
}
