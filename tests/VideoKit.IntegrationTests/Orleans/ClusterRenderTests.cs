using Orleans.TestingHost;
using VideoKit.IntegrationTests.Rendering;
using VideoKit.IntegrationTests.Segments;
using VideoKit.Orleans;
using VideoKit.Projects;

namespace VideoKit.IntegrationTests.Orleans;

[Trait("Category", "FFmpeg")]
[Collection("cluster")] // one cluster busy at a time: the machine has 2 cores
public sealed class ClusterRenderTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Job_ThreeSilos_CompletesWithTheSingleRendersFrames()
    {
        string project = ClusterFixture.Project("cluster-ok", 160, 90, 4);
        string folder = Path.GetDirectoryName(project)!;
        string output = Path.Combine(folder, "cluster.mp4");
        var reports = new List<RenderJobStatus>();

        RenderJobStatus final = await ClusterRenderer.RenderAsync(fixture.Cluster.GrainFactory, Request(project, output, 5),
            new SyncProgress<RenderJobStatus>(reports.Add), cancellationToken: TestContext.Current.CancellationToken);

        string single = Path.Combine(folder, "single.mp4");
        await (await ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken)).RenderAsync(single, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(RenderJobState.Completed, final.State);
        Assert.Equal(120, final.TotalFrames);
        Assert.Equal(120, final.FramesDone);
        Assert.All(final.Segments, s => Assert.True(s.Done));
        // Progress over all workers only grows and ends at the whole count. (Whether a poll lands between two segments'
        // ends depends on the machine's speed; progress reported mid-job is what the cancellation test below acts on.)
        Assert.NotEmpty(reports);
        Assert.All(reports.Zip(reports.Skip(1)), p => Assert.True(p.Second.FramesDone >= p.First.FramesDone, $"progress went back from {p.First.FramesDone} to {p.Second.FramesDone}"));
        Assert.All(reports, r => Assert.InRange(r.FramesDone, 0, 120));
        Assert.Equal(120, reports[^1].FramesDone);
        Assert.Equal(SegmentMedia.FrameMd5(single), SegmentMedia.FrameMd5(output));
        Assert.True(final.Sound is { Done: true, Number: 0 }, "the sound is a job of its own beside the segments");
        Assert.Equal(SegmentMedia.AudioMd5(single), SegmentMedia.AudioMd5(output));
        Assert.False(Directory.Exists(Path.Combine(folder, "work")));
    }

    [Fact]
    public async Task Job_CancelledMidJob_LeavesNoOutputAndNoFFmpeg()
    {
        string project = ClusterFixture.Project("cluster-cancel", 320, 180, 8);
        string folder = Path.GetDirectoryName(project)!;
        string output = Path.Combine(folder, "cancelled.mp4");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SyncProgress<RenderJobStatus>(s =>
        {
            if (s.FramesDone > 0)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClusterRenderer.RenderAsync(fixture.Cluster.GrainFactory, Request(project, output, 5), progress, cancellationToken: cts.Token));

        Assert.False(File.Exists(output));
        Assert.False(Directory.Exists(Path.Combine(folder, "work")));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
        List<string> left = RenderFailureTests.ChildProcesses("cluster-cancel");
        for (int i = 0; i < 50 && left.Count > 0; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            left = RenderFailureTests.ChildProcesses("cluster-cancel");
        }

        Assert.Empty(left);
    }

    internal static RenderJobRequest Request(string project, string output, int segments)
    {
        var store = new SharedFolderMediaStore(TestMedia.Root);
        return new RenderJobRequest
        {
            ProjectKey = store.KeyOf(project),
            OutputKey = store.KeyOf(output),
            Segments = segments,
            WorkFolderKey = store.KeyOf(Path.Combine(Path.GetDirectoryName(project)!, "work")),
            WorkerParallelism = 1,
        };
    }
}

[Trait("Category", "FFmpeg")]
[Collection("cluster")] // one cluster busy at a time: the machine has 2 cores
public sealed class ClusterFailoverTests(KillableClusterFixture fixture) : IClassFixture<KillableClusterFixture>
{
    [Fact]
    public async Task Job_SiloKilledMidJob_CompletesWithLostSegmentsRenderedElsewhere()
    {
        string project = ClusterFixture.Project("cluster-kill", 160, 90, 4);
        string folder = Path.GetDirectoryName(project)!;
        string output = Path.Combine(folder, "survived.mp4");
        TestCluster cluster = fixture.Cluster;
        IRenderJobGrain job = cluster.GrainFactory.GetGrain<IRenderJobGrain>("kill-" + Guid.NewGuid().ToString("N"));
        await job.StartAsync(ClusterRenderTests.Request(project, output, 6));

        // Wait until a segment is being rendered on a silo that is neither the primary (it holds the test cluster's
        // membership) nor the job's own silo, then kill that silo.
        SiloHandle? victim = null;
        string? victimName = null;
        for (int i = 0; i < 600 && victim is null; i++)
        {
            RenderJobStatus s = await job.GetStatusAsync();
            Assert.False(s.IsFinished, "the job finished before a silo could be killed");
            foreach (SiloHandle silo in cluster.SecondarySilos)
            {
                string name = silo.SiloAddress.ToString();
                if (name != s.JobSilo && s.Segments.Any(seg => !seg.Done && seg.Silo == name))
                {
                    (victim, victimName) = (silo, name);
                    break;
                }
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.NotNull(victim);
        await cluster.KillSiloAsync(victim);

        RenderJobStatus final;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            final = await job.GetStatusAsync();
        }
        while (!final.IsFinished);

        Assert.True(final.State == RenderJobState.Completed, final.Error);
        SegmentStatus[] retried = [.. final.Segments.Where(s => s.Retries.Count > 0)];
        Assert.NotEmpty(retried);
        Assert.All(retried, s => Assert.NotEqual(victimName, s.Silo));
        string single = Path.Combine(folder, "single.mp4");
        await (await ProjectFile.LoadAsync(project, cancellationToken: TestContext.Current.CancellationToken)).RenderAsync(single, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(SegmentMedia.FrameMd5(single), SegmentMedia.FrameMd5(output));
    }
}
