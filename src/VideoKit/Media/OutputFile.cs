using System.Diagnostics;
using System.Globalization;

namespace VideoKit.Media;

/// <summary>
/// The one rule for every file VideoKit writes (videos, images, beats files, JSON): an existing output is refused unless
/// overwriting was asked for; the output is never one of the inputs (full paths compared, symbolic links resolved);
/// the file is written under a short temporary name in the same folder and moved into place only when complete; stale
/// temporary files of killed runs (our own pattern, owner process gone) are swept first.
/// </summary>
internal static class OutputFile
{
    /// <summary>The prefix of our temporary names: <c>.vk-PID-RANDOM.tmp.EXT</c> (short, so any legal name fits).</summary>
    internal const string TempPrefix = ".vk-";

    private static readonly StringComparison s_pathComparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparison.OrdinalIgnoreCase
        : StringComparison.Ordinal;

    /// <summary>
    /// Checks an output before any work starts and returns its full path.
    /// </summary>
    /// <param name="path">The output as the user named it.</param>
    /// <param name="overwrite">Whether an existing file may be replaced.</param>
    /// <param name="inputs">The inputs of the command (never overwritten, even with <paramref name="overwrite"/>).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The output is a folder, exists without overwrite, or is one of the inputs.</exception>
    public static string Check(string path, bool overwrite, IEnumerable<string>? inputs = null)
    {
        string full = MediaPath.Output(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of the output '{path}' does not exist.");
        }

        if (Directory.Exists(full))
        {
            throw new IOException($"The output '{path}' is a folder.");
        }

        foreach (string input in inputs ?? [])
        {
            if (!string.IsNullOrWhiteSpace(input) && SameFile(full, input))
            {
                throw new IOException($"The output '{path}' is the input '{input}'; write to another file (VideoKit never writes over an input, even with --overwrite).");
            }
        }

        if (File.Exists(full) && !overwrite)
        {
            throw new IOException($"'{path}' already exists; set Overwrite (CLI: --overwrite) to replace it.");
        }

        CheckWritable(folder, full, path);
        SweepStale(folder);
        return full;
    }

    /// <summary>
    /// Creates (and at once deletes) a temporary file of our pattern in the output's folder, so a folder nobody may write
    /// to (read-only, a read-only file system, no permission) is refused before any work rather than when the output
    /// is opened seconds or minutes later.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to.</exception>
    /// <exception cref="IOException">Creating a file there failed otherwise (read-only file system, disk full, ...).</exception>
    private static void CheckWritable(string folder, string full, string path)
    {
        try
        {
            using var probe = new FileStream(TempPath(full), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new UnauthorizedAccessException($"The output '{path}' cannot be written: the folder '{folder}' is not writable (no permission).", ex);
        }
        catch (IOException ex) when (ex is not PathTooLongException)
        {
            throw new IOException($"The output '{path}' cannot be written: creating a file in the folder '{folder}' failed ({ex.Message.TrimEnd('.')}).", ex);
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="fullPath"/>, keeping its extension (FFmpeg picks the format by it).</summary>
    public static string TempPath(string fullPath)
    {
        string folder = Path.GetDirectoryName(fullPath)!;
        string extension = Path.GetExtension(fullPath);
        if (extension.Length > 16)
        {
            extension = string.Empty;
        }

        string name = string.Create(CultureInfo.InvariantCulture, $"{TempPrefix}{Environment.ProcessId:x}-{Guid.NewGuid().ToString("N")[..8]}.tmp{extension}");
        return Path.Combine(folder, name);
    }

    /// <summary>Moves a finished temporary file into place (refusing a target that appeared meanwhile unless overwriting).</summary>
    public static void Commit(string tempPath, string fullPath, bool overwrite, string displayPath)
    {
        try
        {
            File.Move(tempPath, fullPath, overwrite);
        }
        catch (IOException ex) when (!overwrite && File.Exists(fullPath))
        {
            throw new IOException($"'{displayPath}' already exists; set Overwrite (CLI: --overwrite) to replace it.", ex);
        }
    }

    /// <summary>Writes a whole file by the rule: check, write to a temporary file, move into place.</summary>
    public static async Task WriteAsync(string path, bool overwrite, IEnumerable<string>? inputs, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        string full = Check(path, overwrite, inputs);
        string temp = TempPath(full);
        try
        {
            await using (FileStream stream = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(temp, full, overwrite, path);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Whether two paths name the same file: full paths compared, then symbolic links resolved.</summary>
    public static bool SameFile(string a, string b)
    {
        string fa = Path.GetFullPath(a);
        string fb = Path.GetFullPath(b);
        if (string.Equals(fa, fb, s_pathComparison))
        {
            return true;
        }

        return File.Exists(fa) && File.Exists(fb) && string.Equals(Resolve(fa), Resolve(fb), s_pathComparison);
    }

    /// <summary>
    /// Deletes temporary files of our pattern in <paramref name="folder"/> whose owner process is gone (a killed run).
    /// Files of live processes, and anything not ours, are left alone.
    /// </summary>
    public static int SweepStale(string folder)
    {
        int swept = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, TempPrefix + "*.tmp*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (string file in candidates)
        {
            string name = Path.GetFileName(file);
            int dash = name.IndexOf('-', TempPrefix.Length);
            if (dash < 0 || !int.TryParse(name.AsSpan(TempPrefix.Length, dash - TempPrefix.Length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int pid)
                || pid == Environment.ProcessId || IsRunning(pid))
            {
                continue;
            }

            if (TryDelete(file))
            {
                swept++;
            }
        }

        return swept;
    }

    internal static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string Resolve(string fullPath)
    {
        try
        {
            string folder = Path.GetDirectoryName(fullPath)!;
            FileSystemInfo? folderTarget = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true);
            string resolvedFolder = folderTarget?.FullName ?? folder;
            string candidate = Path.Combine(resolvedFolder, Path.GetFileName(fullPath));
            FileSystemInfo? target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true);
            return target?.FullName ?? candidate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return fullPath;
        }
    }
}
