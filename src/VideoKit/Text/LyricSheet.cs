using System.Text;

namespace VideoKit.Text;

/// <summary>
/// Timed lyrics (or captions): lines in time order, each with its words when the file times them. Reads LRC (with the
/// enhanced word-level form), SRT, WebVTT and ASS/SSA; a bad timestamp or an overlapping line is a
/// <see cref="LyricParseException"/> naming the file and the line number.
/// </summary>
/// <example>
/// <code>
/// LyricSheet lyrics = LyricSheet.Load("song.lrc");
/// foreach (LyricLine line in lyrics.Lines) Console.WriteLine($"{line.Start} {line.Text}");
/// </code>
/// </example>
public sealed class LyricSheet
{
    private LyricSheet(string name, LyricFormat format, IReadOnlyList<LyricLine> lines)
    {
        Name = name;
        Format = format;
        Lines = lines;
    }

    /// <summary>The file (or name) the sheet was read from.</summary>
    public string Name { get; }

    /// <summary>The format it was read as.</summary>
    public LyricFormat Format { get; }

    /// <summary>The lines, in time order, never overlapping.</summary>
    public IReadOnlyList<LyricLine> Lines { get; }

    /// <summary>True when every line has word times (karaoke is possible).</summary>
    public bool HasWordTimes => Lines.Count > 0 && Lines.All(l => l.Words.Count > 0);

    /// <summary>Reads a timed-lyrics file; the format follows the extension (.lrc, .srt, .vtt, .ass, .ssa).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sheet.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="LyricParseException">The file cannot be read, its extension is not a known format, or it is malformed
    /// (the message names the line).</exception>
    public static LyricSheet Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(Directory.Exists(path) ? $"The lyrics file '{path}' is a folder." : $"The lyrics file '{path}' does not exist.", path);
        }

        LyricFormat format = FormatOf(path) ?? throw new LyricParseException($"'{path}' is not a lyrics file VideoKit reads; use .lrc, .srt, .vtt, .ass or .ssa.") { FileName = path };
        string text;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            string why = ex is DecoderFallbackException ? "it is not UTF-8 text" : ex.Message;
            throw new LyricParseException($"The lyrics file '{path}' cannot be read: {why}.", ex) { FileName = path };
        }

        return Parse(text, format, path);
    }

    /// <summary>Parses timed lyrics from text.</summary>
    /// <param name="text">The file's contents.</param>
    /// <param name="format">The format.</param>
    /// <param name="name">A name for messages.</param>
    /// <returns>The sheet.</returns>
    /// <exception cref="LyricParseException">The text is malformed; the message names the line.</exception>
    public static LyricSheet Parse(string text, LyricFormat format, string name = "lyrics")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        List<LyricLine> lines = format switch
        {
            LyricFormat.Lrc => LrcReader.Read(text, name),
            LyricFormat.Srt => SrtReader.Read(text, name),
            LyricFormat.WebVtt => WebVttReader.Read(text, name),
            LyricFormat.Ass => AssReader.Read(text, name),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown lyrics format."),
        };
        if (lines.Count == 0)
        {
            throw new LyricParseException($"'{name}' holds no timed lines.") { FileName = name };
        }

        return new LyricSheet(name, format, lines);
    }

    /// <summary>The format an extension stands for, or <see langword="null"/>.</summary>
    /// <param name="path">A file name.</param>
    /// <returns>The format.</returns>
    public static LyricFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".lrc" => LyricFormat.Lrc,
        ".srt" => LyricFormat.Srt,
        ".vtt" => LyricFormat.WebVtt,
        ".ass" or ".ssa" => LyricFormat.Ass,
        _ => null,
    };
}
