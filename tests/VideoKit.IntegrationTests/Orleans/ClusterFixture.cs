using System.Globalization;
using Orleans.TestingHost;
using VideoKit.Orleans;

namespace VideoKit.IntegrationTests.Orleans;

/// <summary>
/// Three in-process silos (Orleans' TestingHost) sharing one media folder (the test scratch folder), with a short
/// stall timeout so that a lost segment is given to another silo within seconds.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public SharedFolderMediaStore Store { get; } = new(TestMedia.Root);

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a project (lossless H.264, so frames compare exactly) with generated media into a new folder of the store.</summary>
    public static string Project(string name, int width, int height, double seconds)
    {
        string folder = TestMedia.NewFolder(name);
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        TestMedia.FFmpeg("-f", "lavfi", "-i", F($"sine=frequency=330:sample_rate=44100:duration={seconds}"), "-ac", "2", Path.Combine(folder, "song.wav"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", F($"testsrc2=size={width}x{height}:rate=30:duration={seconds}"), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", Path.Combine(folder, "a.mp4"));
        TestMedia.FFmpeg("-f", "lavfi", "-i", F($"smptebars=size={width}x{height}:rate=1"), "-frames:v", "1", "-update", "1", Path.Combine(folder, "bars.png"));
        double third = seconds / 3;
        string json = F($$"""
            {
              "song": "song.wav",
              "output": { "width": {{width}}, "height": {{height}}, "fps": 30, "crf": 0, "preset": "veryfast" },
              "items": [
                { "video": "a.mp4", "duration": {{third}} },
                { "image": "bars.png", "duration": {{third}}, "transition": { "type": "crossfade", "duration": 0.4 } },
                { "video": "a.mp4", "in": 0.5, "duration": {{seconds - (2 * third)}} }
              ]
            }
            """);
        string path = Path.Combine(folder, "project.json");
        File.WriteAllText(path, json);
        return path;
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddVideoKitRendering(new SharedFolderMediaStore(TestMedia.Root), o =>
        {
            o.StallTimeout = TimeSpan.FromSeconds(5);
            o.CheckInterval = TimeSpan.FromMilliseconds(100);
        });
    }
}

/// <summary>A second cluster for the test that kills a silo.</summary>
public sealed class KillableClusterFixture : ClusterFixture;
