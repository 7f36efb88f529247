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
    public static string OneLine(Exception ex) =>
        string.Join("; ", ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
