namespace VideoKit.Orleans;

/// <summary>An <see cref="IMediaStore"/> on a folder that every silo mounts at <see cref="Root"/>; keys are paths under it.</summary>
public sealed class SharedFolderMediaStore : IMediaStore
{
    /// <summary>A store rooted at <paramref name="root"/>.</summary>
    /// <param name="root">The shared folder; it must exist.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public SharedFolderMediaStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The shared media folder '{root}' does not exist.");
        }

        Root = full;
    }

    /// <summary>The shared folder's full path.</summary>
    public string Root { get; }

    /// <summary>The full path of <paramref name="key"/>; a key that climbs out of <see cref="Root"/> is rejected.</summary>
    /// <param name="key">A relative key.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">The key is absolute or leaves the root.</exception>
    public string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (Path.IsPathRooted(key))
        {
            throw new ArgumentException($"The media key '{key}' must be relative to the store.", nameof(key));
        }

        string full = Path.GetFullPath(Path.Combine(Root, key));
        string rootWithSlash = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSlash, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The media key '{key}' leaves the store's folder.", nameof(key));
        }

        return full;
    }

    /// <summary>The key of a file under <see cref="Root"/>.</summary>
    /// <param name="path">A path under the root.</param>
    /// <returns>The relative key, '/'-separated.</returns>
    /// <exception cref="ArgumentException">The path is not under the root.</exception>
    public string KeyOf(string path)
    {
        string relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"'{path}' is not inside the shared media folder '{Root}'.", nameof(path));
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <inheritdoc/>
    public ValueTask<string> GetReadPathAsync(string key, CancellationToken cancellationToken)
    {
        string path = PathOf(key);
        return File.Exists(path)
            ? ValueTask.FromResult(path)
            : ValueTask.FromException<string>(new FileNotFoundException($"The media store has no '{key}' (looked for '{path}').", path));
    }

    /// <inheritdoc/>
    public string GetWritePath(string key)
    {
        string path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <inheritdoc/>
    public ValueTask CommitWriteAsync(string key, CancellationToken cancellationToken) =>
        File.Exists(PathOf(key)) ? ValueTask.CompletedTask : ValueTask.FromException(new FileNotFoundException($"Nothing was written to '{key}'."));

    /// <inheritdoc/>
    public ValueTask DeleteFolderAsync(string prefix, CancellationToken cancellationToken)
    {
        string path = PathOf(prefix);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
