using System.CommandLine;

namespace VideoKit.Cli.Commands;

/// <summary>Every subcommand of <c>videokit</c>; each lives in its own file in this folder.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All()
    {
        yield return ProbeCommand.Create();
        yield return RenderCommand.Create();
        yield return FrameCommand.Create();
        yield return SchemaCommand.Create();
        yield return StitchCommand.Create();
        yield return InterpolateCommand.Create();
        yield return RetimeCommand.Create();
        yield return AnalyzeCommand.Create();
        yield return ZoomCommand.Create();
        yield return ExportCommand.Create();
    }
}
