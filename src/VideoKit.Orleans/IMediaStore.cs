namespace VideoKit.Orleans;

/// <summary>
/// Where a cluster's media lives: the project file and its media, the segments, the finished video. Every silo must
/// reach the same store. Keys are relative, '/'-separated paths. <see cref="SharedFolderMediaStore"/> implements it on
/// a folder every silo mounts (NFS, SMB, a Kubernetes volume); an object store (S3, Azure Blob) would download on
/// <see cref="GetReadPathAsync"/> and upload on <see cref="CommitWriteAsync"/>.
/// </summary>
public interface IMediaStore
{
    /// <summary>A local file holding the object <paramref name="key"/> (the file itself, or a downloaded copy).</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops a download.</param>
    /// <returns>A path this process can read.</returns>
    /// <exception cref="FileNotFoundException">There is no such object.</exception>
    ValueTask<string> GetReadPathAsync(string key, CancellationToken cancellationToken);

    /// <summary>A local path to write the object <paramref name="key"/> to; the write is published by <see cref="CommitWriteAsync"/>.</summary>
    /// <param name="key">The object's key.</param>
    /// <returns>A path this process can write (its folder exists).</returns>
    string GetWritePath(string key);

    /// <summary>Publishes what was written to <see cref="GetWritePath"/> (a no-op for a shared folder, an upload for an object store).</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops an upload.</param>
    /// <returns>A task that completes when every silo can read the object.</returns>
    ValueTask CommitWriteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/> (a job's work folder).</summary>
    /// <param name="prefix">A folder key.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>A task that completes when the objects are gone.</returns>
    ValueTask DeleteFolderAsync(string prefix, CancellationToken cancellationToken);
}
