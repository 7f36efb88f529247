using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// <c>analyze -o</c> names the output file, as in every other command (the JSON); it meant <c>--out-dir</c> in 0.1, so
/// a folder or a name without <c>.json</c> is refused with a pointer to <c>--out-dir</c>, never written as JSON.
/// </summary>
[Collection(nameof(InProcessCliGroup))]
[Trait("Category", "FFmpeg")]
public sealed class AnalyzeOutputTests
{
    [Fact]
    public async Task Analyze_DashO_WritesTheJson_AndRefusesWhatLooksLikeTheOldOutDir()
    {
        string dir = TestMedia.NewFolder("analyze-output");
        string song = Path.Combine(dir, "song.wav");
        File.Copy(TestMedia.Tone("analyze-output-song.wav", 3), song);
        string beats = Directory.CreateDirectory(Path.Combine(dir, "beats")).FullName;
        string json = Path.Combine(dir, "song.json");

        Cli.Result written = await InProcessCli.RunAsync("analyze", song, "-o", json, "--out-dir", beats, "--bpm", "120");
        Cli.Result folder = await InProcessCli.RunAsync("analyze", song, "-o", beats, "--bpm", "120");
        Cli.Result noExtension = await InProcessCli.RunAsync("analyze", song, "-o", Path.Combine(dir, "grid"), "--bpm", "120");
        Cli.Result both = await InProcessCli.RunAsync("analyze", song, "-o", json, "--json", Path.Combine(dir, "other.json"), "--bpm", "120", "--overwrite");

        Assert.True(written.ExitCode == 0, written.StandardError);
        using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(json)))
        {
            JsonElement entry = Assert.Single(document.RootElement.EnumerateArray());
            Assert.Equal(song, entry.GetProperty("file").GetString());
            Assert.Equal(120, entry.GetProperty("tempo").GetDouble());
        }

        Assert.True(File.Exists(Path.Combine(beats, "song.beats")));
        Assert.Equal(1, folder.ExitCode);
        Assert.Equal($"videokit: error: -o/--output names the JSON file (FILE.json, or '-'), as -o does in every command; '{beats}' is not one. For NAME.beats and NAME.downbeats in a folder (what -o meant in 0.1), use --out-dir {beats}.", folder.StandardError.Trim());
        Assert.Equal(1, noExtension.ExitCode);
        Assert.Contains("use --out-dir " + Path.Combine(dir, "grid"), noExtension.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "grid")));
        Assert.Equal(1, both.ExitCode);
        Assert.Equal("videokit: error: -o/--output and --json both name the JSON file; give one of them.", both.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(dir, "other.json")));
    }

    // The CLI README's row for analyze lists options that --help knows, -o among them with its meaning, and the help says
    // what -o means.
    [Fact]
    public async Task AnalyzeHelp_AndTheCliReadme_AgreeOnDashO()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "VideoKit.Cli", "README.md"));
        string row = readme.Split('\n').Single(l => l.StartsWith("| `videokit analyze", StringComparison.Ordinal));

        Cli.Result help = await InProcessCli.RunAsync("analyze", "--help");

        Assert.Equal(0, help.ExitCode);
        string[] options = [.. Regex.Matches(row, @"(?<![\w-])--?[a-z][\w-]*").Select(m => m.Value).Distinct()];
        Assert.Contains("-o", options);
        Assert.Contains("--out-dir", options);
        Assert.All(options, o => Assert.Matches(@"(?<![\w-])" + Regex.Escape(o) + @"(?![\w-])", help.StandardOutput));
        Assert.Matches(@"-o, --output <output>\s+The output file, as in every other command: the JSON file", help.StandardOutput);
        Assert.Contains("`analyze -o` takes only `FILE.json` or `-`", readme, StringComparison.Ordinal);
    }

    private static string RepositoryRoot =>
        Path.GetFullPath(typeof(AnalyzeOutputTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);
}
