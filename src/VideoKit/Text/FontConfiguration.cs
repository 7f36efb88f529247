using System.Security;
using System.Text;

namespace VideoKit.Text;

/// <summary>
/// A fontconfig configuration that makes a fonts folder part of the catalogue libass falls back on. FFmpeg's
/// <c>ass</c> filter hands its <c>fontsdir</c> to libass, which uses those fonts only when a style names their family;
/// the fallback for a character the style's font lacks comes from fontconfig alone. The generated file includes the
/// configuration fontconfig would have read (so every installed font and rule stays) and adds the folder as a
/// <c>&lt;dir&gt;</c>; FFmpeg is started with <c>FONTCONFIG_FILE</c> pointing at it.
/// </summary>
internal static class FontConfiguration
{
    /// <summary>The environment variable fontconfig reads its configuration file from.</summary>
    public const string Variable = "FONTCONFIG_FILE";

    private static readonly string[] s_knownFiles = ["/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf", "/opt/homebrew/etc/fonts/fonts.conf"];

    /// <summary>The configuration file fontconfig reads when not told otherwise: <c>$FONTCONFIG_FILE</c>, else
    /// <c>fonts.conf</c> in <c>$FONTCONFIG_PATH</c>, else the usual system places; <see langword="null"/> when none
    /// exists (then there is nothing to extend, and no file is written).</summary>
    public static string? SystemFile()
    {
        string? file = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(file) && Path.IsPathFullyQualified(file) && File.Exists(file))
        {
            return file;
        }

        string? path = Environment.GetEnvironmentVariable("FONTCONFIG_PATH");
        IEnumerable<string> candidates = string.IsNullOrEmpty(path)
            ? s_knownFiles
            : path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "fonts.conf")).Concat(s_knownFiles);
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The text of a configuration that includes <paramref name="systemFile"/> and adds
    /// <paramref name="fontsFolder"/>.</summary>
    public static string Text(string systemFile, string fontsFolder)
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n");
        sb.Append("  <!-- Written by VideoKit for one render: the usual configuration, plus the project's fonts folder. -->\n");
        sb.Append("  <include ignore_missing=\"yes\">").Append(SecurityElement.Escape(Path.GetFullPath(systemFile))).Append("</include>\n");
        sb.Append("  <dir>").Append(SecurityElement.Escape(Path.GetFullPath(fontsFolder))).Append("</dir>\n");
        sb.Append("</fontconfig>\n");
        return sb.ToString();
    }

    /// <summary>Writes a configuration for <paramref name="fontsFolder"/> into <paramref name="temporaryFolder"/> and
    /// returns its path (the caller deletes it), or <see langword="null"/> when fontconfig's own configuration cannot
    /// be found.</summary>
    public static string? WriteTemporary(string fontsFolder, string temporaryFolder)
    {
        if (SystemFile() is not { } system)
        {
            return null;
        }

        string path = Path.Combine(temporaryFolder, "videokit-" + Guid.NewGuid().ToString("N")[..12] + ".fonts.conf");
        File.WriteAllText(path, Text(system, fontsFolder), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Deletes a file <see cref="WriteTemporary"/> wrote (nothing for <see langword="null"/>).</summary>
    public static void Delete(string? path)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
