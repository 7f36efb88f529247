using System.Text;

namespace VideoKit.Rendering;

/// <summary>
/// Quotes one argument for a command-line string that .NET splits back into an argument list (the rules of
/// <c>CommandLineToArgvW</c>, which .NET also applies on Linux and macOS): wrapped in double quotes, a double quote
/// becomes <c>\"</c> and backslashes are doubled only where they precede a quote. FFMpegCore takes one argument string,
/// so every file name goes through here: spaces, quotes, unicode and a leading '-' survive intact.
/// </summary>
internal static class ArgumentQuoting
{
    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var sb = new StringBuilder(argument.Length + 8);
        sb.Append('"');
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                sb.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                sb.Append('\\', backslashes);
            }

            backslashes = 0;
            sb.Append(c);
        }

        sb.Append('\\', backslashes * 2);
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Joins plain tokens (codec names, numbers, filter text without quotes), quoting any that need it.</summary>
    public static string Join(IEnumerable<string> tokens) =>
        string.Join(' ', tokens.Select(t => t.Length > 0 && t.AsSpan().IndexOfAny(" \t\"\\'") < 0 ? t : Quote(t)));
}
