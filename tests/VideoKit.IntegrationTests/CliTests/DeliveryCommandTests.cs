using System.Text.Json;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>The first-class CLI: an example in every --help, --json output, completion, export.</summary>
[Trait("Category", "FFmpeg")]
public sealed class DeliveryCommandTests
{
    [Theory]
    [InlineData]
    [InlineData("probe")]
    [InlineData("render")]
    [InlineData("frame")]
    [InlineData("schema")]
    [InlineData("stitch")]
    [InlineData("export")]
    [InlineData("analyze")]
    [InlineData("interpolate")]
    [InlineData("retime")]
    [InlineData("zoom")]
    [InlineData("zoom", "frame")]
    [InlineData("zoom", "align")]
    [InlineData("zoom", "render")]
    [InlineData("completion")]
    public async Task Help_OfEveryCommand_ShowsAnExample(params string[] command)
    {
        Cli.Result result = await Cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Example:\s+videokit" + (command.Length == 0 ? " " : " " + string.Join(" ", command) + " "), result.StandardOutput);
    }

    [Fact]
    public async Task Probe_Json_IsOneParseableObject()
    {
        string clip = TestMedia.Clip("cli-json.mp4", 320, 240, 25, 1);

        Cli.Result result = await Cli.RunAsync("probe", clip, "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(result.StandardOutput);
        JsonElement video = doc.RootElement.GetProperty("video")[0];
        Assert.Equal((320, 240, 25.0), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32(), video.GetProperty("fps").GetDouble()));
    }

    [Fact]
    public async Task RenderJson_AndExport_AgreeOnTheFile()
    {
        string folder = TestMedia.NewFolder("cli-delivery");
        File.Copy(TestMedia.Image("cli-delivery.png", 160, 90), Path.Combine(folder, "still.png"));
        File.WriteAllText(Path.Combine(folder, "p.json"), """
            { "duration": 1, "output": { "width": 160, "height": 90, "fps": 25, "encoder": "auto" },
              "items": [ { "image": "still.png", "duration": 0.4 }, { "image": "still.png", "duration": 0.6 } ] }
            """);

        Cli.Result render = await Cli.RunAsync("render", Path.Combine(folder, "p.json"), "-o", Path.Combine(folder, "out.mp4"), "--json");
        Cli.Result export = await Cli.RunAsync("export", Path.Combine(folder, "p.json"), "-o", Path.Combine(folder, "edit.otio"));

        Assert.Equal(0, render.ExitCode);
        using JsonDocument doc = JsonDocument.Parse(render.StandardOutput);
        Assert.Equal(25, doc.RootElement.GetProperty("frames").GetInt32());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("encoder").GetString()));
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("cuts at frames 10", export.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "edit.otio")));
    }

    [Fact]
    public async Task Completion_Bash_AsksTheSuggestDirective_WhichAnswers()
    {
        Cli.Result script = await Cli.RunAsync("completion", "bash");
        Cli.Result suggest = await Cli.RunAsync("[suggest:12]", "videokit exp");

        Assert.Equal(0, script.ExitCode);
        Assert.Contains("[suggest:${COMP_POINT}]", script.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("export", suggest.StandardOutput, StringComparison.Ordinal);
    }
}
