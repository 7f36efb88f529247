using System.CommandLine;
using VideoKit.Cli.Commands;

namespace VideoKit.Cli;

/// <summary>The <c>videokit</c> command: a thin shell over the VideoKit library.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C and SIGTERM cancel the command's token (a render then stops FFmpeg, deletes its temporary file and
        // exits with 130); if it has not finished cleaning up after the timeout, the process ends anyway. Registered
        // before any work: System.CommandLine's own handler would only be in place after the command's first await.
        using var termination = new ProcessTermination(TimeSpan.FromSeconds(15));
        var root = new RootCommand("videokit: beat-synced music videos from a song, clips and zoom-out image sequences.");
        foreach (Command command in CommandRegistry.All())
        {
            root.Subcommands.Add(command);
        }

        root.Options.Add(CliRunner.AcceptDamaged);
        root.Subcommands.Add(CliHelp.CompletionCommand());
        CliHelp.AddExamples(root);

        // No ProcessTerminationTimeout: the signals are ours (above), not System.CommandLine's.
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            // A usage mistake is one line too (System.CommandLine would print each error and the whole help).
            string command = parse.CommandResult.Command == root ? "videokit" : "videokit " + string.Join(' ', Path(parse.CommandResult));
            Console.Error.WriteLine($"videokit: error: {string.Join(" ", parse.Errors.Select(e => e.Message.TrimEnd('.') + "."))} See '{command} --help'.");
            return CliRunner.Failure;
        }

        if (parse.Errors.Count == 0 && EmptyValue(parse) is { } empty)
        {
            // An empty file name ("-o ''", an unset shell variable) would otherwise reach .NET's argument checks, whose
            // message names no option ("The value cannot be an empty string ...").
            string command = "videokit " + string.Join(' ', Path(parse.CommandResult));
            Console.Error.WriteLine($"videokit: error: {empty} is empty; give a value. See '{command} --help'.");
            return CliRunner.Failure;
        }

        return await parse.InvokeAsync(configuration, termination.Token).ConfigureAwait(false);
    }

    /// <summary>The first option or argument of the command given an empty or blank value, by its name; or null.</summary>
    private static string? EmptyValue(ParseResult parse)
    {
        foreach (System.CommandLine.Parsing.SymbolResult child in parse.CommandResult.Children)
        {
            string? name = child switch
            {
                System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                System.CommandLine.Parsing.ArgumentResult a => a.Argument.Name,
                _ => null,
            };
            if (name is not null && child.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                return name;
            }
        }

        return null;
    }

    private static Stack<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is System.CommandLine.Parsing.CommandResult c && c.Parent is not null; r = r.Parent)
        {
            names.Push(c.Command.Name);
        }

        return names;
    }
}
