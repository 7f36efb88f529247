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

    /// <summary>The absolute path for an output argument.</summary>
    public static string Output(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path);
    }
}
