using System.Text;

namespace VideoKit.Text;

/// <summary>The FFmpeg <c>ass</c> filter that burns a script in, with its file and fonts folder escaped for both levels
/// FFmpeg parses (the option value, then the filter graph), so any path works.</summary>
internal static class SubtitleFilter
{
    public static string Build(string assPath, string? fontsFolder)
    {
        var sb = new StringBuilder("ass=filename=").Append(Escape(Path.GetFullPath(assPath)));
        if (fontsFolder is not null)
        {
            sb.Append(":fontsdir=").Append(Escape(Path.GetFullPath(fontsFolder)));
        }

        return sb.ToString();
    }

    /// <summary>Escapes a value for an option string, then for the filter graph.</summary>
    internal static string Escape(string value) => Backslash(Backslash(value, "\\':"), "\\'[],;");

    private static string Backslash(string value, string special)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
