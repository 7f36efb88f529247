namespace VideoKit.Orleans;

/// <summary>What a worker renders: one segment of a job's plan, into a key of the media store.</summary>
[GenerateSerializer, Immutable]
public sealed class SegmentAssignment
{
    /// <summary>The job grain's key (progress goes there).</summary>
    [Id(0)] public required string JobId { get; init; }

    /// <summary>The project file's key.</summary>
    [Id(1)] public required string ProjectKey { get; init; }

    /// <summary>Segments in the plan.</summary>
    [Id(2)] public required int SegmentCount { get; init; }

    /// <summary>The segment to render, 1-based.</summary>
    [Id(3)] public required int Number { get; init; }

    /// <summary>Which attempt this is (1 first).</summary>
    [Id(4)] public required int Attempt { get; init; }

    /// <summary>The plan's fingerprint: the worker's own plan must match it.</summary>
    [Id(5)] public required string Fingerprint { get; init; }

    /// <summary>Where the segment goes.</summary>
    [Id(6)] public required string OutputKey { get; init; }

    /// <summary>Frames composed at once; 0 for all cores.</summary>
    [Id(7)] public int Parallelism { get; init; }
}
