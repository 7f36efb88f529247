namespace VideoKit.Orleans;

/// <summary>Where a cluster render job is.</summary>
public enum RenderJobState
{
    /// <summary>Not started.</summary>
    None,

    /// <summary>Loading the project and planning the segments.</summary>
    Planning,

    /// <summary>Workers are rendering segments.</summary>
    Rendering,

    /// <summary>Every segment is done; joining them and muxing the song.</summary>
    Stitching,

    /// <summary>The video is in the store.</summary>
    Completed,

    /// <summary>The job failed; see <see cref="RenderJobStatus.Error"/>. Nothing was written.</summary>
    Failed,

    /// <summary>The job was cancelled; every worker stopped and nothing was written.</summary>
    Cancelled,
}

/// <summary>A snapshot of a render job: state, frames done over all workers, and each segment.</summary>
[GenerateSerializer, Immutable]
public sealed class RenderJobStatus
{
    /// <summary>The job's state.</summary>
    [Id(0)] public RenderJobState State { get; init; }

    /// <summary>Frames in the video (0 until planned).</summary>
    [Id(1)] public long TotalFrames { get; init; }

    /// <summary>Frames encoded so far, over all segments (the current attempt of each).</summary>
    [Id(2)] public long FramesDone { get; init; }

    /// <summary>Each segment's state.</summary>
    [Id(3)] public IReadOnlyList<SegmentStatus> Segments { get; init; } = [];

    /// <summary>Why the job failed, or <see langword="null"/>.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>The silo the job grain runs on.</summary>
    [Id(5)] public string JobSilo { get; init; } = string.Empty;

    /// <summary>The sound, encoded as a job of its own beside the segments (number 0, no frames); <see langword="null"/>
    /// before planning or when the video has no sound.</summary>
    [Id(6)] public SegmentStatus? Sound { get; init; }

    /// <summary>What the finished render reported once for the whole video (for example items the video's end cuts),
    /// from the stitch; empty until the job completes.</summary>
    [Id(7)] public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Whether the job has ended (completed, failed or cancelled).</summary>
    public bool IsFinished => State is RenderJobState.Completed or RenderJobState.Failed or RenderJobState.Cancelled;

    /// <summary>The fraction done, 0–1.</summary>
    public double Fraction => TotalFrames <= 0 ? 0 : Math.Clamp((double)FramesDone / TotalFrames, 0, 1);
}

/// <summary>One segment of a job: its frames, how far its current attempt is, where it runs, and its history.</summary>
[GenerateSerializer, Immutable]
public sealed class SegmentStatus
{
    /// <summary>The segment's number, 1-based.</summary>
    [Id(0)] public int Number { get; init; }

    /// <summary>Frames in the segment.</summary>
    [Id(1)] public long Frames { get; init; }

    /// <summary>Frames the current attempt has encoded.</summary>
    [Id(2)] public long FramesDone { get; init; }

    /// <summary>Attempts started (1 when it never had to be retried).</summary>
    [Id(3)] public int Attempts { get; init; }

    /// <summary>The silo of the current (or finishing) attempt, once it reported.</summary>
    [Id(4)] public string? Silo { get; init; }

    /// <summary>Whether the segment is in the store.</summary>
    [Id(5)] public bool Done { get; init; }

    /// <summary>Why earlier attempts were abandoned (silo lost, timeout, error), oldest first.</summary>
    [Id(6)] public IReadOnlyList<string> Retries { get; init; } = [];
}
