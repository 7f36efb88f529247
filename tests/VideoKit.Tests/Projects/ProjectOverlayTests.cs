using VideoKit.Projects;

namespace VideoKit.Tests.Projects;

/// <summary>The <c>overlays</c> section: beside hand-placed items, with keyframes, and every problem with its JSON path.</summary>
public sealed class ProjectOverlayTests
{
    private static async Task<ProjectFile> LoadAsync(string json, params string[] files)
    {
        string folder = Path.Combine(Path.GetTempPath(), "videokit-unit-" + Environment.ProcessId, "overlay-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        foreach (string f in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, f), [], TestContext.Current.CancellationToken);
        }

        string path = Path.Combine(folder, "project.json");
        await File.WriteAllTextAsync(path, json, TestContext.Current.CancellationToken);
        return await ProjectFile.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task LoadAsync_OverlaysBesideItems_AddOverlayItemsWithTheirPlacement()
    {
        const string json = """
            { "$schema": "project.schema.json", "song": "media/song.wav",
              "items": [ { "image": "media/a.png", "duration": 6, "fit": "blurredFill" },
                         { "image": "media/a.png", "duration": 2, "transition": { "type": "whip", "duration": 0.3 } } ],
              "overlays": [
                { "video": "media/pip.mp4", "start": 2, "duration": 4, "in": 1, "rect": { "x": 0.6, "y": 0.05, "width": 0.35 } },
                { "image": "media/logo.png", "start": 0, "duration": 6, "rect": { "x": 0.05, "y": 0.05, "width": 0.2 },
                  "opacity": 0.8, "fadeIn": 0.5, "fadeOut": 0.5,
                  "rotation": [ { "time": 0, "value": 0 }, { "time": 6, "value": 90, "easing": "easeInOut" } ] } ] }
            """;

        ProjectFile project = await LoadAsync(json, "media/song.wav", "media/a.png", "media/pip.mp4", "media/logo.png");

        VideoKit.Timeline t = project.Timeline;
        Assert.Equal(2, t.Items.Count);
        Assert.Equal(FitMode.BlurredFill, t.Items[0].Fit);
        Assert.Equal(Transition.Whip(TimeSpan.FromSeconds(0.3)), t.Items[1].Transition);
        Assert.Equal(2, t.Overlays.Count);
        TimelineItem pip = t.Overlays[0];
        Assert.Equal(TimelineItemKind.Video, pip.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), pip.InPoint);
        Assert.Equal(0.35, pip.Overlay!.Width);
        Assert.Equal(0.6, pip.Overlay.X.ValueAt(TimeSpan.Zero));
        OverlayPlacement logo = t.Overlays[1].Overlay!;
        Assert.Equal(0.8, logo.Opacity.ValueAt(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(0.5), logo.FadeOut);
        Assert.Equal(45, logo.Rotation.ValueAt(TimeSpan.FromSeconds(3)), 9);
    }

    [Fact]
    public async Task LoadAsync_BadOverlays_ReportEveryProblemWithItsJsonPath()
    {
        const string json = """
            { "song": "media/song.wav", "items": [ { "image": "media/a.png", "duration": 6 } ],
              "overlays": [
                { "image": "media/gone.png", "duration": 1 },
                { "image": "media/a.png", "video": "media/a.png", "duration": 1 },
                { "image": "media/a.png", "duration": 1, "rect": { "x": 0, "width": 0 }, "opacity": [ { "time": 0, "value": 1, "easing": "bounce" } ], "colour": 1 },
                { "image": "media/a.png" }
              ] }
            """;

        var ex = await Assert.ThrowsAsync<TimelineValidationException>(() => LoadAsync(json, "media/song.wav", "media/a.png"));

        Assert.Contains(ex.Errors, e => e.StartsWith("overlays[0].image: 'media/gone.png' does not exist", StringComparison.Ordinal));
        Assert.Contains("overlays[1]: has both \"image\" and \"video\"; give one", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("overlays[2]: unknown field \"colour\"", StringComparison.Ordinal) || e.StartsWith("overlays[2].colour", StringComparison.Ordinal));
        Assert.Contains("overlays[2].opacity[0].easing: 'bounce' is not an easing; use linear, easeIn, easeOut, easeInOut or hold", ex.Errors);
        Assert.Contains("overlays[2].rect.width: must be a fraction of the frame width above 0 and at most 4 (is 0)", ex.Errors);
        Assert.Contains("overlays[3].duration: is required: how long the overlay stays", ex.Errors);
    }
}
