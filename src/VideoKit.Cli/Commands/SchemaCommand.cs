using System.CommandLine;
using VideoKit.Projects;

namespace VideoKit.Cli.Commands;

/// <summary><c>videokit schema</c>: prints the JSON Schema of project files.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema of project files (save it and point \"$schema\" at it for completion in editors).");
        command.SetAction((parse, ct) => CliRunner.RunAsync(token =>
        {
            Console.Out.WriteLine(ProjectFile.JsonSchema);
            return Task.FromResult(0);
        }, ct));
        return command;
    }
}
