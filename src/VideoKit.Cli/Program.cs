using System.CommandLine;
using VideoKit.Cli.Commands;

namespace VideoKit.Cli;

/// <summary>The <c>videokit</c> command: a thin shell over the VideoKit library.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("videokit: beat-synced music videos from a song, clips and zoom-out image sequences.");
        foreach (Command command in CommandRegistry.All())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(CliHelp.CompletionCommand());
        CliHelp.AddExamples(root);

        // Ctrl+C and SIGTERM cancel the command's token (System.CommandLine 2.0.0 leaves this off unless a timeout is
        // set): a render then stops FFmpeg, deletes its temporary file and exits with 130. If it has not finished
        // cleaning up after the timeout, the process ends anyway.
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(15),
        };
        return root.Parse(args).InvokeAsync(configuration);
    }
}
