namespace VideoKit.Text;

/// <summary>One sung word (or syllable) of a lyric line, with the time it starts and ends on the song's clock.</summary>
/// <param name="Text">The word as written, including any trailing space.</param>
/// <param name="Start">When the word starts.</param>
/// <param name="End">When the word ends (the next word's start, or the line's end).</param>
public readonly record struct LyricWord(string Text, TimeSpan Start, TimeSpan End);
