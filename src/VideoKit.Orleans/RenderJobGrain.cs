using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using VideoKit.Projects;
using VideoKit.Rendering.Segments;

namespace VideoKit.Orleans;

/// <summary>
/// Runs one render job. Reentrant: progress reports, status queries and cancellation interleave with the job's own
/// awaits (all state is touched on the grain's scheduler only; planning and stitching run on the thread pool).
/// </summary>
[Reentrant]
internal sealed partial class RenderJobGrain(IMediaStore store, IOptions<ClusterRenderOptions> options, ILocalSiloDetails silo, ILogger<RenderJobGrain> logger)
    : Grain, IRenderJobGrain, IDisposable
{
    private static readonly TimeProvider s_time = TimeProvider.System;
    private readonly ClusterRenderOptions _options = options.Value;
    private RenderJobRequest? _request;
    private RenderJobState _state;
    private string? _error;
    private IReadOnlyList<string> _warnings = [];
    private SegmentPlan? _plan;
    private SegmentProgress[] _segments = [];
    private SegmentProgress? _sound;
    private CancellationTokenSource? _cts;
    private Task? _run;

    public Task StartAsync(RenderJobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_state != RenderJobState.None)
        {
            throw new InvalidOperationException($"The job '{this.GetPrimaryKeyString()}' was already started.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Segments);
        _request = request;
        _state = RenderJobState.Planning;
        _cts = new CancellationTokenSource();
        _run = RunAsync(request, _cts.Token);
        return Task.CompletedTask;
    }

    public void Dispose() => _cts?.Dispose();

    public Task<RenderJobStatus> GetStatusAsync() => Task.FromResult(new RenderJobStatus
    {
        State = _state,
        TotalFrames = _plan?.TotalFrames ?? 0,
        FramesDone = _segments.Sum(s => s.Done ? s.Frames : s.FramesDone),
        Error = _error,
        JobSilo = silo.SiloAddress.ToString(),
        Segments = [.. _segments.Select(Status)],
        Sound = _sound is null ? null : Status(_sound),
        Warnings = _warnings,
    });

    private static SegmentStatus Status(SegmentProgress s) => new()
    {
        Number = s.Number, Frames = s.Frames, FramesDone = s.Done ? s.Frames : s.FramesDone, Attempts = s.Attempt,
        Silo = s.Silo, Done = s.Done, Retries = [.. s.Retries],
    };

    public async Task CancelAsync()
    {
        if (_cts is null || _run is null)
        {
            _state = RenderJobState.Cancelled;
            return;
        }

        await _cts.CancelAsync().ConfigureAwait(true);
        await _run.ConfigureAwait(true);
    }

    public Task ReportProgressAsync(int number, int attempt, long framesDone, string silo)
    {
        SegmentProgress? which = number == 0 ? _sound : number >= 1 && number <= _segments.Length ? _segments[number - 1] : null;
        if (which is { Done: false } s && s.Attempt == attempt)
        {
            s.FramesDone = Math.Max(s.FramesDone, framesDone);
            s.Silo = silo;
            s.LastReport = s_time.GetTimestamp();
        }

        return Task.CompletedTask;
    }

    private async Task RunAsync(RenderJobRequest request, CancellationToken token)
    {
        string jobId = this.GetPrimaryKeyString();
        string work = request.WorkFolderKey ?? ".videokit-jobs/" + jobId;
        this.DelayDeactivation(TimeSpan.FromDays(1));
        try
        {
            SegmentPlan plan = await Task.Run(() => RenderWork.PlanAsync(store, request, token), token).ConfigureAwait(true);
            _plan = plan;
            _segments = [.. plan.Segments.Select(s => new SegmentProgress(s.Number, s.Frames.Count))];
            _state = RenderJobState.Rendering;
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(token);
            // The sound is a job of its own beside the segments (number 0), so the stitch only remuxes it.
            _sound = RenderWork.HasSound(plan) ? new SegmentProgress(0, 0) : null;
            Task[] segments = [.. _segments.Select(s => RunSegmentAsync(jobId, request, plan, s, work, failed))];
            Task sound = _sound is null ? Task.CompletedTask : RunSegmentAsync(jobId, request, plan, _sound, work, failed);
            await Task.WhenAll([.. segments, sound]).ConfigureAwait(true);

            _state = RenderJobState.Stitching;
            string[] partKeys = [.. _segments.Select(s => s.PartKey!)];
            string? soundKey = _sound?.PartKey;
            _warnings = await Task.Run(() => RenderWork.StitchAsync(store, request, plan, partKeys, soundKey, token), token).ConfigureAwait(true);
            _state = RenderJobState.Completed;
            LogCompleted(jobId, plan.TotalFrames, plan.Segments.Count);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _state = RenderJobState.Cancelled;
            LogCancelled(jobId);
        }
#pragma warning disable CA1031 // Any failure ends the job with its message; the client reads it from the status.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _state = RenderJobState.Failed;
            _error = ex.Message;
            LogFailed(jobId, ex.Message);
        }
        finally
        {
            await store.DeleteFolderAsync(work, CancellationToken.None).ConfigureAwait(true);
            this.DelayDeactivation(TimeSpan.FromMinutes(10));
        }
    }

    /// <summary>Gives the segment (number 0: the sound) to workers until one finishes it; a worker that fails, is lost or
    /// stops reporting is replaced.</summary>
    private async Task RunSegmentAsync(string jobId, RenderJobRequest request, SegmentPlan plan, SegmentProgress segment, string work, CancellationTokenSource failed)
    {
        CancellationToken token = failed.Token;
        string last = "no attempt";
        for (int attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            segment.Attempt = attempt;
            segment.FramesDone = 0;
            segment.Silo = null;
            segment.LastReport = s_time.GetTimestamp();
            bool isSound = segment.Number == 0;
            string partKey = isSound ? $"{work}/sound-{attempt}{SegmentAudio.Extension(plan.RenderOptions.Codec)}" : $"{work}/part-{segment.Number}-{attempt}.mp4";
            var assignment = new SegmentAssignment
            {
                JobId = jobId, ProjectKey = request.ProjectKey, SegmentCount = plan.Segments.Count, Number = segment.Number,
                Attempt = attempt, Fingerprint = plan.Fingerprint, OutputKey = partKey, Parallelism = request.WorkerParallelism,
            };
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(token);
            ISegmentWorkerGrain worker = GrainFactory.GetGrain<ISegmentWorkerGrain>(isSound ? $"{jobId}/sound/{attempt}" : $"{jobId}/{segment.Number}/{attempt}");
            Task<long> call = isSound ? worker.EncodeSoundAsync(assignment, attemptCts.Token) : worker.RenderAsync(assignment, attemptCts.Token);
            string? lost = await WatchAsync(call, segment, token).ConfigureAwait(true);
            if (lost is null)
            {
                segment.Done = true;
                segment.PartKey = partKey;
                return;
            }

            await attemptCts.CancelAsync().ConfigureAwait(true);
            if (token.IsCancellationRequested)
            {
                // Wait (bounded) for the worker to stop its FFmpeg before the job reports that it was cancelled.
                await Task.WhenAny(call, Task.Delay(_options.StallTimeout, CancellationToken.None)).ConfigureAwait(true);
                token.ThrowIfCancellationRequested();
            }

            last = lost;
            segment.Retries.Add($"attempt {attempt}: {lost}");
            LogRetry(jobId, segment.Number, attempt, lost);
        }

        await failed.CancelAsync().ConfigureAwait(true);
        throw new VideoKitException($"{(segment.Number == 0 ? "The sound" : $"Segment {segment.Number}")} failed {_options.MaxAttempts} times; the last: {last}");
    }

    /// <summary>Waits for the worker; returns <see langword="null"/> when it finished, else why the attempt is abandoned.</summary>
    private async Task<string?> WatchAsync(Task<long> call, SegmentProgress segment, CancellationToken token)
    {
        while (true)
        {
            await Task.WhenAny(call, Task.Delay(_options.CheckInterval, CancellationToken.None)).ConfigureAwait(true);
            if (call.IsCompletedSuccessfully)
            {
                return null;
            }

            if (call.IsFaulted)
            {
                Exception ex = call.Exception!.GetBaseException();
                return ex is SiloUnavailableException ? $"silo {segment.Silo} was lost" : $"failed on {segment.Silo}: {ex.Message}";
            }

            if (call.IsCanceled || token.IsCancellationRequested)
            {
                return "cancelled";
            }

            if (s_time.GetElapsedTime(segment.LastReport) > _options.StallTimeout)
            {
                return $"no progress from {segment.Silo ?? "an unknown silo"} for {_options.StallTimeout.TotalSeconds:0} s";
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job}: {Frames} frames in {Segments} segments, stitched")]
    private partial void LogCompleted(string job, long frames, int segments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: segment {Number} attempt {Attempt} abandoned: {Why}")]
    private partial void LogRetry(string job, int number, int attempt, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} cancelled; every worker stopped")]
    private partial void LogCancelled(string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} failed: {Why}")]
    private partial void LogFailed(string job, string why);

    /// <summary>The job's view of one segment (grain state; touched on the grain scheduler only).</summary>
    private sealed class SegmentProgress(int number, long frames)
    {
        public int Number { get; } = number;

        public long Frames { get; } = frames;

        public int Attempt { get; set; }

        public long FramesDone { get; set; }

        public string? Silo { get; set; }

        public long LastReport { get; set; }

        public bool Done { get; set; }

        public string? PartKey { get; set; }

        public List<string> Retries { get; } = [];
    }
}
