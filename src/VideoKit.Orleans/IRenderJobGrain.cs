using Orleans.Concurrency;

namespace VideoKit.Orleans;

/// <summary>
/// One render job on the cluster: plans the segments, hands them to <see cref="ISegmentWorkerGrain"/>s on any silo,
/// retries a segment whose silo dies or that stops reporting, collects progress, and stitches when all are done.
/// </summary>
public interface IRenderJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job and returns at once; follow it with <see cref="GetStatusAsync"/>.</summary>
    /// <param name="request">What to render.</param>
    /// <returns>A task that completes when the job has started.</returns>
    Task StartAsync(RenderJobRequest request);

    /// <summary>The job's state and progress.</summary>
    /// <returns>A snapshot.</returns>
    Task<RenderJobStatus> GetStatusAsync();

    /// <summary>Cancels the job: every worker is stopped, no output is written; completes when the job has ended.</summary>
    /// <returns>A task that completes when every worker has stopped.</returns>
    [ResponseTimeout("00:10:00")]
    Task CancelAsync();

    /// <summary>A worker's progress (frames of its segment encoded so far).</summary>
    /// <param name="number">The segment.</param>
    /// <param name="attempt">The attempt reporting; reports of abandoned attempts are ignored.</param>
    /// <param name="framesDone">Frames encoded.</param>
    /// <param name="silo">Where the worker runs.</param>
    /// <returns>A task that completes when the report is recorded.</returns>
    [OneWay]
    Task ReportProgressAsync(int number, int attempt, long framesDone, string silo);
}
