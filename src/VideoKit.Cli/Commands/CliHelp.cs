using System.CommandLine;

namespace VideoKit.Cli.Commands;

/// <summary>An example for every command's <c>--help</c>, and the <c>completion</c> command that prints shell completion scripts.</summary>
internal static class CliHelp
{
    /// <summary>One example per command path (the words after <c>videokit</c>).</summary>
    internal static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        [""] = "videokit render video.json -o out.mp4 --preset youtube",
        ["probe"] = "videokit probe clip.mp4 --json",
        ["render"] = "videokit render video.json -o short.mp4 --preset shorts --overwrite",
        ["frame"] = "videokit frame video.json --at 12.5 -o frame.png",
        ["schema"] = "videokit schema > project.schema.json",
        ["stitch"] = "videokit stitch video.json part-1.mp4 part-2.mp4 --audio sound.m4a -o out.mp4",
        ["export"] = "videokit export video.json -o edit.fcpxml",
        ["analyze"] = "videokit analyze song.flac --out-dir beats/ -o song.json",
        ["interpolate"] = "videokit interpolate clip.mp4 --fps 60 -o clip60.mp4",
        ["retime"] = "videokit retime clip.mp4 --duration 4 -o clip4s.mp4",
        ["zoom"] = "videokit zoom render --levels levels/ --song song.flac -o zoom.mp4",
        ["zoom frame"] = "videokit zoom frame --levels levels/ --at 2.5 --size 1280x720 -o frame.png",
        ["zoom align"] = "videokit zoom align --levels levels/ --json align.json",
        ["zoom render"] = "videokit zoom render --levels levels/ --song song.flac --levels-per-bar 1 -o zoom.mp4",
        ["completion"] = "videokit completion bash >> ~/.bashrc",
    };

    /// <summary>Appends "Example:" to the description of every command that has one.</summary>
    public static void AddExamples(Command command, string path = "")
    {
        if (Examples.TryGetValue(path, out string? example))
        {
            command.Description = (command.Description ?? string.Empty) + Environment.NewLine + Environment.NewLine + "Example:" + Environment.NewLine + "  " + example;
        }

        foreach (Command sub in command.Subcommands)
        {
            AddExamples(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name);
        }
    }

    /// <summary><c>videokit completion bash|zsh|pwsh</c>: prints a script that asks videokit itself for completions.</summary>
    public static Command CompletionCommand()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print a tab-completion script for a shell (it asks videokit's [suggest] directive what fits).") { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(Script(parse.GetValue(shell)!));
            return 0;
        });
        return command;
    }

    internal static string Script(string shell) => shell switch
    {
        "bash" => """
            # videokit tab completion for bash: add this to ~/.bashrc (or: source <(videokit completion bash))
            _videokit_complete()
            {
                local IFS=$'\n'
                COMPREPLY=( $(videokit "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
            }
            complete -o default -F _videokit_complete videokit

            """,
        "zsh" => """
            # videokit tab completion for zsh: add this to ~/.zshrc (or: source <(videokit completion zsh))
            _videokit_complete()
            {
                local -a completions
                completions=("${(@f)$(videokit "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
                compadd -- $completions
            }
            compdef _videokit_complete videokit

            """,
        _ => """
            # videokit tab completion for PowerShell: add this to $PROFILE
            Register-ArgumentCompleter -Native -CommandName videokit -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                videokit "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
    };
}
