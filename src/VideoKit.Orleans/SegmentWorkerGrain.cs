using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;

namespace VideoKit.Orleans;

/// <summary>
/// Renders one segment attempt. Placed round-robin over the silos (<see cref="SpreadPlacement"/>: a job's segments spread over the
/// cluster, a retry goes to another silo); the render itself runs on the thread pool (<see cref="Task.Run(Func{Task})"/>), never on the grain scheduler.
/// </summary>
[SpreadPlacement]
internal sealed partial class SegmentWorkerGrain(IMediaStore store, RenderWorkTracker tracker, ILocalSiloDetails silo, ILogger<SegmentWorkerGrain> logger)
    : Grain, ISegmentWorkerGrain
{
    public Task<long> RenderAsync(SegmentAssignment assignment, CancellationToken cancellationToken) =>
        RunAsync(assignment, RenderWork.RenderSegmentAsync, cancellationToken);

    public Task<long> EncodeSoundAsync(SegmentAssignment assignment, CancellationToken cancellationToken) =>
        RunAsync(assignment, RenderWork.EncodeSoundAsync, cancellationToken);

    private async Task<long> RunAsync(SegmentAssignment assignment, Func<IMediaStore, SegmentAssignment, IRenderJobGrain, string, CancellationToken, Task<long>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        IRenderJobGrain job = GrainFactory.GetGrain<IRenderJobGrain>(assignment.JobId);
        string where = silo.SiloAddress.ToString();
        await job.ReportProgressAsync(assignment.Number, assignment.Attempt, 0, where).ConfigureAwait(true);
        CancellationTokenSource cts = tracker.Begin(cancellationToken);
        try
        {
            CancellationToken token = cts.Token;
            long frames = await Task.Run(() => work(store, assignment, job, where, token), token).ConfigureAwait(true);
            LogDone(assignment.JobId, assignment.Number, assignment.Attempt, frames, where);
            return frames;
        }
        finally
        {
            tracker.End(cts);
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: segment {Number} (0: the sound; attempt {Attempt}) rendered, {Frames} frames, on {Silo}")]
    private partial void LogDone(string job, int number, int attempt, long frames, string silo);
}
