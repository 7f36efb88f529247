namespace VideoKit.Orleans;

/// <summary>A render job for the cluster: which project (in the <see cref="IMediaStore"/>), where the video goes, how many segments.</summary>
[GenerateSerializer, Immutable]
public sealed class RenderJobRequest
{
    /// <summary>The project file's key in the media store; its media resolve against its folder there.</summary>
    [Id(0)] public required string ProjectKey { get; init; }

    /// <summary>The finished video's key in the media store.</summary>
    [Id(1)] public required string OutputKey { get; init; }

    /// <summary>How many segments the video is split into (the same number always gives the same split).</summary>
    [Id(2)] public required int Segments { get; init; }

    /// <summary>The folder key for the job's segments, deleted when the job ends; <see langword="null"/> for <c>.videokit-jobs/JOB</c>.</summary>
    [Id(3)] public string? WorkFolderKey { get; init; }

    /// <summary>Replace an existing output.</summary>
    [Id(4)] public bool Overwrite { get; init; }

    /// <summary>Frames each worker composes at once (the renderer's parallelism); 0 for all of its silo's cores.</summary>
    [Id(5)] public int WorkerParallelism { get; init; }
}
