namespace VideoKit.Orleans;

/// <summary>Runs a render job on a cluster from a client (or a silo) and follows it to the end.</summary>
public static class ClusterRenderer
{
    /// <summary>Starts a job, reports its status as it goes, and returns when the video is in the store.</summary>
    /// <param name="grains">The cluster client's (or a silo's) grain factory.</param>
    /// <param name="request">What to render.</param>
    /// <param name="progress">Receives the job's status about 5 times a second (frames done over all workers).</param>
    /// <param name="jobId">The job's key; <see langword="null"/> for a new one.</param>
    /// <param name="cancellationToken">Cancels the job: every worker stops, nothing is written; the call returns once they have.</param>
    /// <returns>The final status.</returns>
    /// <exception cref="VideoKitException">The job failed; the message says why.</exception>
    /// <exception cref="OperationCanceledException">The job was cancelled.</exception>
    public static async Task<RenderJobStatus> RenderAsync(IGrainFactory grains, RenderJobRequest request, IProgress<RenderJobStatus>? progress = null, string? jobId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        IRenderJobGrain job = grains.GetGrain<IRenderJobGrain>(jobId ?? Guid.NewGuid().ToString("N"));
        await job.StartAsync(request).ConfigureAwait(false);
        while (true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await job.CancelAsync().ConfigureAwait(false);
                throw;
            }

            RenderJobStatus status = await job.GetStatusAsync().ConfigureAwait(false);
            progress?.Report(status);
            switch (status.State)
            {
                case RenderJobState.Completed:
                    return status;
                case RenderJobState.Failed:
                    throw new VideoKitException($"The render job failed: {status.Error}");
                case RenderJobState.Cancelled:
                    throw new OperationCanceledException("The render job was cancelled.");
            }
        }
    }
}
