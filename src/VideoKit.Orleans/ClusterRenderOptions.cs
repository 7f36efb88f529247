namespace VideoKit.Orleans;

/// <summary>How a job grain watches its workers.</summary>
public sealed class ClusterRenderOptions
{
    /// <summary>A segment attempt that reports no progress for this long (its silo died, hangs or is cut off) is
    /// abandoned and the segment is given to a new worker. Default 60 s.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts per segment before the job fails. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How often the job checks its workers. Default 250 ms.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
