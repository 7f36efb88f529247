using VideoKit.Media;

namespace VideoKit.Cli.Commands;

/// <summary>Runs a command body and turns every failure into a one-line error and a non-zero exit code.</summary>
internal static class CliRunner
{
    public const int Failure = 1;
    public const int Cancelled = 130;

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
        catch (Exception ex) when (ex is VideoKitException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync("videokit: error: " + OneLine(ex)).ConfigureAwait(false);
            return Failure;
        }
    }

    /// <summary>The message on one line (multi-line messages such as validation lists are joined with "; ").</summary>
    public static string OneLine(Exception ex)
    {
        // "Project 'p.json' is invalid (2 problems):\n- a: ...\n- b: ..." → "Project 'p.json' is invalid (2 problems): a: ...; b: ..."
        var line = new System.Text.StringBuilder();
        foreach (string part in ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string text = part.StartsWith("- ", StringComparison.Ordinal) ? part[2..] : part;
            if (line.Length > 0)
            {
                line.Append(line[^1] == ':' ? " " : "; ");
            }

            line.Append(text);
        }

        return line.ToString();
    }
}
