using System.Collections.Concurrent;
using System.Diagnostics;

namespace VideoKit.Text;

/// <summary>
/// Which font families libass can use: the installed ones (fontconfig's <c>fc-list</c>, the same catalogue libass
/// asks) and those in a fonts folder (<c>fc-scan</c>), by family, full or PostScript name (libass accepts each). A style naming a family that is in neither is refused before
/// FFmpeg starts, because libass would otherwise silently draw with a fallback font.
/// </summary>
internal static class FontCatalog
{
    // libass finds a font by its family, its full name or its PostScript name: the catalogue holds all three.
    private const string Names = "%{family}\n%{fullname}\n%{postscriptname}\n";
    private static readonly Lazy<HashSet<string>?> s_installed = new(() => Families("fc-list", ["--format", Names]));
    private static readonly ConcurrentDictionary<string, HashSet<string>?> s_folders = new(StringComparer.Ordinal);

    /// <summary>A problem line when <paramref name="family"/> cannot be found, else <see langword="null"/>. When fontconfig's tools
    /// are missing the check cannot be made and passes.</summary>
    public static string? Find(string family, string? fontsFolder)
    {
        HashSet<string>? installed = s_installed.Value;
        HashSet<string>? folder = fontsFolder is null ? null : s_folders.GetOrAdd(Path.GetFullPath(fontsFolder), f => Families("fc-scan", ["--format", Names, f]));
        if (installed is null && folder is null)
        {
            return null;
        }

        if ((installed?.Contains(family) ?? false) || (folder?.Contains(family) ?? false))
        {
            return null;
        }

        string where = fontsFolder is null ? "installed" : $"installed or in the fonts folder '{fontsFolder}'";
        return $"font: '{family}' is not {where}; install it (Debian: fonts-noto-core has Noto Sans, fonts-dejavu-core DejaVu Sans) or name an installed family (list them with: fc-list : family)";
    }

    /// <summary>Whether fontconfig lists <paramref name="family"/> as installed (false when its tools are missing).</summary>
    public static bool IsInstalled(string family) => s_installed.Value?.Contains(family) ?? false;

    /// <summary>The family fontconfig offers in place of <paramref name="family"/> (<c>fc-match</c>), or
    /// <see langword="null"/> when its tools are missing.</summary>
    public static string? Substitute(string family) =>
        Families("fc-match", ["--format", "%{family[0]}", family]) is { Count: > 0 } names ? names.First() : null;

    /// <summary>Every family name a fontconfig tool prints (comma-separated alternatives on each line).</summary>
    private static HashSet<string>? Families(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in output.Split('\n'))
            {
                foreach (string name in line.Split(','))
                {
                    string n = name.Replace("\\", string.Empty, StringComparison.Ordinal).Trim();
                    if (n.Length > 0)
                    {
                        set.Add(n);
                    }
                }
            }

            return set;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
