namespace VideoKit.Text;

/// <summary>One timed line of lyrics (or one caption): its text, when it is sung, and its words when the file times them.</summary>
public sealed class LyricLine
{
    /// <summary>The line's position in the sheet, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>When the line starts on the song's clock.</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>When the line ends (the next line's start for LRC files without an end mark).</summary>
    public required TimeSpan End { get; init; }

    /// <summary>The text; line breaks inside a caption are <c>\n</c>.</summary>
    public required string Text { get; init; }

    /// <summary>The words with their own times (LRC enhanced <c>&lt;mm:ss.xx&gt;</c>, WebVTT inline timestamps, ASS
    /// <c>\k</c> tags), or empty when the file times whole lines only.</summary>
    public IReadOnlyList<LyricWord> Words { get; init; } = [];

    /// <summary>The line number in the source file (from 1), for messages.</summary>
    public int SourceLine { get; init; }

    /// <summary>How long the line lasts.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>"[12.5 s] text".</summary>
    /// <returns>A label for messages.</returns>
    public override string ToString() => FormattableString.Invariant($"[{Start.TotalSeconds:0.###} s] {Text}");
}
