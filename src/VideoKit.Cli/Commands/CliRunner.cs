using System.CommandLine;
using VideoKit.Media;

namespace VideoKit.Cli.Commands;

/// <summary>Runs a command body and turns every failure into a one-line error and a non-zero exit code.</summary>
internal static class CliRunner
{
    public const int Failure = 1;
    public const int Cancelled = 130;

    /// <summary>A fault in VideoKit itself (a bug): still one line, never a stack trace.</summary>
    public const int InternalError = 70;

    /// <summary><c>--accept-damaged</c>, on every command: use inputs FFmpeg reports decode errors in, with a warning.</summary>
    public static readonly Option<bool> AcceptDamaged = new("--accept-damaged")
    {
        Description = "Use inputs FFmpeg reports decode errors in (truncated or corrupt files) as far as they decode, with a warning, instead of refusing them.",
        Recursive = true,
    };

    /// <summary>The library options for a command line: the damage policy, warnings on standard error.</summary>
    public static VideoKitOptions Options(ParseResult parse) => new()
    {
        AcceptDamagedInput = parse.GetValue(AcceptDamaged),
        Log = static line => Console.Error.WriteLine("videokit: warning: " + Printable(line).ReplaceLineEndings(" ")),
    };

    public static async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("videokit: cancelled.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception ex) when (IsInputError(ex) || ex is InvalidOperationException or ArithmeticException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync("videokit: error: " + OneLine(ex)).ConfigureAwait(false);
            return Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Anything else is a bug in VideoKit: one line that says so, never a stack trace.
            await Console.Error.WriteLineAsync($"videokit: internal error ({ex.GetType().Name}): {OneLine(ex)} Please report it with the command line.").ConfigureAwait(false);
            return InternalError;
        }
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is a problem with what the user gave (a file, an option, a project): reported in one
    /// line rather than as a crash.
    /// </summary>
    public static bool IsInputError(Exception ex) =>
        ex is VideoKitException or IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or FormatException or System.Text.Json.JsonException;

    /// <summary>The message on one line (multi-line messages such as validation lists are joined with "; ").</summary>
    public static string OneLine(Exception ex)
    {
        // "Project 'p.json' is invalid (2 problems):\n- a: ...\n- b: ..." → "Project 'p.json' is invalid (2 problems): a: ...; b: ..."
        var line = new System.Text.StringBuilder();
        foreach (string part in Message(ex).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string text = Printable(part.StartsWith("- ", StringComparison.Ordinal) ? part[2..] : part);
            if (line.Length > 0)
            {
                line.Append(line[^1] == ':' ? " " : "; ");
            }

            line.Append(text);
        }

        return line.ToString();
    }

    /// <summary>
    /// The text with control characters shown as <c>\xNN</c>: a message may quote a binary file's bytes (a lyrics or
    /// beats file that is not text) or a file name, and raw escape codes would drive the user's terminal.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The message without .NET's " (Parameter 'name')" and "Actual value was …" additions, which name code, not input.</summary>
    private static string Message(Exception ex) =>
        // Also inside a message that quotes another (a cluster job's failure quotes the silo's ArgumentException).
        System.Text.RegularExpressions.Regex.Replace(ex.Message, @" \(Parameter '[A-Za-z_][A-Za-z0-9_.]*'\)", string.Empty);
}
