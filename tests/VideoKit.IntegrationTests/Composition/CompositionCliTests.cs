using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Composition;

/// <summary><c>videokit frame</c>, <c>render --preview</c> and <c>schema</c> on a project using the new model: a blurred
/// fill, a dip to black between hand-placed items, and an overlay.</summary>
[Trait("Category", "FFmpeg")]
public sealed class CompositionCliTests
{
    private static async Task<string> ProjectAsync(string folder)
    {
        File.Copy(TestMedia.Tone("comp-song.wav", 2), Path.Combine(folder, "song.wav"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0xe0e0e0:size=48x96", "-frames:v", "1", Path.Combine(folder, "tall.png"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", "color=c=0x3080ff:size=160x90", "-frames:v", "1", Path.Combine(folder, "wide.png"));
        string project = Path.Combine(folder, "video.json");
        await File.WriteAllTextAsync(project, """
            {
              "song": "song.wav",
              "output": { "width": 320, "height": 180, "fps": 25, "preset": "ultrafast" },
              "items": [
                { "image": "tall.png", "duration": 1, "fit": "blurredFill" },
                { "image": "wide.png", "duration": 1, "transition": { "type": "dipToBlack", "duration": 0.4 } }
              ],
              "overlays": [ { "image": "wide.png", "start": 1.2, "duration": 0.8, "rect": { "x": 0.75, "y": 0.75, "width": 0.25 } } ]
            }
            """, TestContext.Current.CancellationToken);
        return project;
    }

    [Fact]
    public async Task Frame_AtTimes_WritesTheComposedPictures()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string folder = TestMedia.NewFolder("cli-frame");
        string project = await ProjectAsync(folder);

        Cli.Result fill = await Cli.RunAsync("frame", project, "--at", "0.4", "-o", Path.Combine(folder, "fill.png"));
        Cli.Result dip = await Cli.RunAsync("frame", project, "--at", "0:01", "-o", Path.Combine(folder, "dip.png"));
        Cli.Result late = await Cli.RunAsync("frame", project, "--at", "1.5", "-o", Path.Combine(folder, "late.png"));
        Cli.Result bad = await Cli.RunAsync("frame", project, "--at", "soon", "-o", Path.Combine(folder, "bad.png"));

        Assert.Equal(0, fill.ExitCode);
        Assert.Contains("320x180", fill.StandardOutput, StringComparison.Ordinal);
        using Frame a = await ImageFile.LoadAsync(Path.Combine(folder, "fill.png"), cancellationToken: ct);
        using Frame b = await ImageFile.LoadAsync(Path.Combine(folder, "dip.png"), cancellationToken: ct);
        using Frame c = await ImageFile.LoadAsync(Path.Combine(folder, "late.png"), cancellationToken: ct);
        Assert.InRange(a.GetRow(90)[(160 * 4) + 0], 210, 240);     // the contained picture in the middle
        Assert.InRange(a.GetRow(90)[(10 * 4) + 0], 60, 180);       // blurred, dimmed copy at the sides, not black bars
        Assert.True(b.GetRow(90)[(160 * 4) + 2] < 8, "the cut frame of a dip to black is black");
        Assert.InRange(c.GetRow(90)[(100 * 4) + 2], 240, 255);     // the wide picture
        Assert.InRange(c.GetRow(170)[(300 * 4) + 2], 240, 255);    // the overlay in the corner is the same colour
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--at", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderPreview_QuarterSizeSameFrames()
    {
        string folder = TestMedia.NewFolder("cli-preview");
        string project = await ProjectAsync(folder);
        string output = Path.Combine(folder, "preview.mp4");

        Cli.Result result = await Cli.RunAsync("render", project, "-o", output, "--preview");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(output + ": 50 frames, 80x44 at 25 fps", result.StandardOutput, StringComparison.Ordinal);
        MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(80, info.PrimaryVideo!.Width);
    }

    [Fact]
    public async Task Schema_PrintsTheJsonSchema()
    {
        Cli.Result result = await Cli.RunAsync("schema");

        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        Assert.True(doc.RootElement.GetProperty("properties").TryGetProperty("overlays", out _));
    }
}
