using VideoKit.Projects;
using VideoKit.Rendering;
using VideoKit.Rendering.Segments;

namespace VideoKit.Orleans;

/// <summary>The long work of jobs and workers, run on the thread pool (never on a grain's scheduler).</summary>
internal static class RenderWork
{
    public static async Task<SegmentPlan> PlanAsync(IMediaStore store, RenderJobRequest request, CancellationToken token)
    {
        string projectPath = await store.GetReadPathAsync(request.ProjectKey, token).ConfigureAwait(false);
        string output = store.GetWritePath(request.OutputKey);
        if (File.Exists(output) && !request.Overwrite)
        {
            throw new IOException($"'{request.OutputKey}' already exists; set Overwrite (CLI: --overwrite) to replace it.");
        }

        ProjectFile project = await ProjectFile.LoadAsync(projectPath, cancellationToken: token).ConfigureAwait(false);
        return await SegmentPlan.CreateAsync(project, SegmentSplit.IntoCount(request.Segments), request.Overwrite, token).ConfigureAwait(false);
    }

    /// <summary>Joins the parts into the job's output and commits it; returns the stitch's warnings.</summary>
    public static async Task<IReadOnlyList<string>> StitchAsync(IMediaStore store, RenderJobRequest request, SegmentPlan plan, string[] partKeys, string? soundKey, CancellationToken token)
    {
        string? sound = soundKey is null ? null : await store.GetReadPathAsync(soundKey, token).ConfigureAwait(false);
        var parts = new string[partKeys.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = await store.GetReadPathAsync(partKeys[i], token).ConfigureAwait(false);
        }

        RenderResult result = await SegmentStitcher.StitchAsync(plan, parts, store.GetWritePath(request.OutputKey), sound, request.Overwrite, token).ConfigureAwait(false);
        await store.CommitWriteAsync(request.OutputKey, token).ConfigureAwait(false);
        return result.Warnings;
    }

    /// <summary>Whether the plan's video has sound (a song or an audio mix): then the job encodes it beside the segments.</summary>
    public static bool HasSound(SegmentPlan plan) => plan.Timeline.SongPath is not null || plan.Timeline.Audio is not null;

    public static async Task<long> RenderSegmentAsync(IMediaStore store, SegmentAssignment a, IRenderJobGrain job, string where, CancellationToken token)
    {
        SegmentPlan plan = await WorkerPlanAsync(store, a, where, token).ConfigureAwait(false);
        string path = store.GetWritePath(a.OutputKey);
        long frames = 0;
        var progress = new DirectProgress<RenderProgress>(p =>
        {
            Interlocked.Exchange(ref frames, p.FramesEncoded);
            job.ReportProgressAsync(a.Number, a.Attempt, p.FramesEncoded, where).Ignore();
        });

        // A heartbeat every second, frames or not (loading, probing, a slow first frame), so the job tells a slow
        // worker from a lost one.
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task heartbeat = HeartbeatAsync(() => job.ReportProgressAsync(a.Number, a.Attempt, Interlocked.Read(ref frames), where), beating.Token);
        RenderResult result;
        try
        {
            result = await SegmentRenderer.RenderAsync(plan, a.Number, path, progress, token).ConfigureAwait(false);
        }
        finally
        {
            await beating.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        await store.CommitWriteAsync(a.OutputKey, token).ConfigureAwait(false);
        return result.FrameCount;
    }

    /// <summary>Encodes the job's sound into the store (assignment number 0), with a heartbeat like a segment.</summary>
    public static async Task<long> EncodeSoundAsync(IMediaStore store, SegmentAssignment a, IRenderJobGrain job, string where, CancellationToken token)
    {
        SegmentPlan plan = await WorkerPlanAsync(store, a, where, token).ConfigureAwait(false);
        string path = store.GetWritePath(a.OutputKey);
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(token);
        Task heartbeat = HeartbeatAsync(() => job.ReportProgressAsync(a.Number, a.Attempt, 0, where), beating.Token);
        try
        {
            await SegmentAudio.EncodeAsync(plan, path, token).ConfigureAwait(false);
        }
        finally
        {
            await beating.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        await store.CommitWriteAsync(a.OutputKey, token).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The worker's own plan of the project, which must be the job's.</summary>
    private static async Task<SegmentPlan> WorkerPlanAsync(IMediaStore store, SegmentAssignment a, string where, CancellationToken token)
    {
        string projectPath = await store.GetReadPathAsync(a.ProjectKey, token).ConfigureAwait(false);
        VideoKitOptions options = a.Parallelism > 0 ? new VideoKitOptions { MaxDegreeOfParallelism = a.Parallelism } : VideoKitOptions.Default;
        ProjectFile project = await ProjectFile.LoadAsync(projectPath, options, token).ConfigureAwait(false);
        SegmentPlan plan = await SegmentPlan.CreateAsync(project, SegmentSplit.IntoCount(a.SegmentCount), overwrite: true, token).ConfigureAwait(false);
        if (plan.Fingerprint != a.Fingerprint)
        {
            throw new VideoKitException($"The project '{a.ProjectKey}' gives plan {plan.Fingerprint} on {where}, but the job planned {a.Fingerprint}: the project or its media differ between silos.");
        }

        return plan;
    }

    private static async Task HeartbeatAsync(Func<Task> beat, CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                beat().Ignore();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reports on the calling thread (no synchronization context hop).</summary>
    private sealed class DirectProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
