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

        return root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
