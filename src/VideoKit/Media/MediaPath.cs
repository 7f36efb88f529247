namespace VideoKit.Media;

/// <summary>Turns user file names into arguments FFmpeg can never mistake for options or protocols.</summary>
internal static class MediaPath
{
    /// <summary>
    /// The absolute path of an input that must exist. An absolute path never starts with '-' (so FFmpeg does not read
    /// it as an option) and never looks like a protocol prefix.
    /// </summary>
    public static string ExistingInput(string path, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new FileNotFoundException($"The {what} '{path}' is a folder, not a file.", path);
        }

        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);
        }

        return full;
    }

    private static readonly HashSet<string> s_image2Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".bmp", ".dpx", ".exr", ".jpeg", ".jpg", ".jls", ".pam", ".pbm", ".pcx", ".pgm", ".png", ".ppm", ".sgi", ".tga",
        ".tif", ".tiff", ".jp2", ".j2k", ".xwd", ".sun", ".ras", ".xbm", ".xpm", ".pix", ".webp", ".qoi", ".hdr", ".jxl",
    };

    /// <summary>
    /// Options to put before <c>-i</c> so FFmpeg reads the file as named: a still whose name holds '%' (say
    /// <c>shot%d.png</c>) would otherwise be taken by the image2 demuxer as a numbered-sequence pattern. The demuxer is
    /// named too: when the '%' does not form a pattern (<c>50%off.png</c>), FFmpeg picks the single-image demuxer
    /// (<c>png_pipe</c>), which has no <c>-pattern_type</c>, and refuses the whole command ("Option pattern_type not found").
    /// </summary>
    public static IReadOnlyList<string> LiteralInputOptions(string fullPath) =>
        Path.GetFileName(fullPath).Contains('%') && s_image2Extensions.Contains(Path.GetExtension(fullPath))
            ? ["-f", "image2", "-pattern_type", "none"]
            : [];

    /// <summary>The absolute path for an output argument.</summary>
    public static string Output(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path);
    }
}
