using System.Text.RegularExpressions;

namespace VideoKit.Text;

/// <summary>
/// The font families a user's own ASS/SSA file asks for (each style's <c>Fontname</c> and each <c>\fn</c> override
/// in its events) that libass cannot find, as warnings. libass does not fail on such a family: it asks fontconfig for
/// a substitute and draws the text with that, so without a warning the user sees another font and no word of why.
/// </summary>
internal static partial class AssFonts
{
    /// <summary>The families <paramref name="text"/> (the file's contents) names, each with where it is first named
    /// (<c>style 'Default'</c> or <c>line 31 (\fn override)</c>), in file order.</summary>
    public static List<(string Family, string Where)> Named(string text)
    {
        var result = new List<(string Family, string Where)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string section = string.Empty;
        string[]? format = null;
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r').Trim().TrimStart('\uFEFF');
            if (line.StartsWith('['))
            {
                section = line.ToLowerInvariant();
                format = null;
                continue;
            }

            bool styles = section is "[v4+ styles]" or "[v4 styles]";
            if (styles && line.StartsWith("Format:", StringComparison.OrdinalIgnoreCase))
            {
                format = [.. line[7..].Split(',').Select(f => f.Trim().ToLowerInvariant())];
            }
            else if (styles && line.StartsWith("Style:", StringComparison.OrdinalIgnoreCase))
            {
                string[] columns = format ?? ["name", "fontname"];   // the order every ASS and SSA file uses
                string[] fields = line[6..].Split(',');
                int name = Array.IndexOf(columns, "name"), font = Array.IndexOf(columns, "fontname");
                if (name >= 0 && font >= 0 && font < fields.Length && name < fields.Length)
                {
                    Add(fields[font], $"style '{fields[name].Trim()}'");
                }
            }
            else if (section == "[events]" && line.StartsWith("Dialogue:", StringComparison.OrdinalIgnoreCase))
            {
                foreach (Match m in FontOverride().Matches(line))
                {
                    Add(m.Groups[1].Value, $"line {n + 1} (\\fn override)");
                }
            }
        }

        return result;

        void Add(string family, string where)
        {
            // A leading @ asks for the vertical form of the same family.
            string f = family.Trim().TrimStart('@').Trim();
            if (f.Length > 0 && seen.Add(f))
            {
                result.Add((f, where));
            }
        }
    }

    /// <summary>A warning for each family <paramref name="assFile"/> names that is neither installed nor in
    /// <paramref name="fontsFolder"/> (none when fontconfig's tools are missing and nothing can be checked).</summary>
    public static List<string> Warnings(string assFile, string? fontsFolder)
    {
        var warnings = new List<string>();
        foreach ((string family, string where) in Named(File.ReadAllText(assFile)))
        {
            if (FontCatalog.Find(family, fontsFolder) is null)
            {
                continue;
            }

            string place = fontsFolder is null ? "installed" : $"installed or in the fonts folder '{fontsFolder}'";
            string instead = FontCatalog.Substitute(family) is { } s ? $"'{s}', fontconfig's substitute" : "a substitute font";
            warnings.Add($"text: '{assFile}' {where} names the font '{family}', which is not {place}; libass draws that text with {instead}. Install the font, put it in the fonts folder, or name an installed family (list them with: fc-list : family)");
        }

        return warnings;
    }

    [GeneratedRegex(@"\\fn([^\\}]*)")]
    private static partial Regex FontOverride();
}
