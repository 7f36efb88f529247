using VideoKit.Imaging;

namespace VideoKit.Rendering;

/// <summary>
/// Shares decoded stills within one render: items that show the same file with the same fit use one
/// <see cref="ImageSource"/> (decoded and converted once), and the last few stills that went off screen are kept
/// (<see cref="IdleCapacity"/>) so a montage that cycles through a handful of pictures does not decode them again.
/// </summary>
internal sealed class StillCache : IAsyncDisposable
{
    public const int IdleCapacity = 4;

    private readonly object _gate = new();
    private readonly Dictionary<(string Path, FitMode Fit), Entry> _entries = [];
    private readonly LinkedList<Entry> _idle = new();
    private bool _disposed;

    /// <summary>A source for one item; disposing it returns the still to the cache.</summary>
    public IFrameSource Lease(string path, FitMode fit) => new StillLease(this, (path, fit));

    public async ValueTask DisposeAsync()
    {
        List<Entry> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _entries.Values];
            _entries.Clear();
            _idle.Clear();
        }

        foreach (Entry entry in all)
        {
            await entry.CloseAsync().ConfigureAwait(false);
        }
    }

    private Entry Acquire((string Path, FitMode Fit) key)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(key, out Entry? entry))
            {
                entry = new Entry(new ImageSource(key.Path, key.Fit) { Opaque = true });
                _entries[key] = entry;
            }

            if (entry.IdleNode is not null)
            {
                _idle.Remove(entry.IdleNode);
                entry.IdleNode = null;
            }

            entry.Leases++;
            return entry;
        }
    }

    private async ValueTask ReleaseAsync((string Path, FitMode Fit) key)
    {
        Entry? evicted = null;
        lock (_gate)
        {
            if (_disposed || !_entries.TryGetValue(key, out Entry? entry) || --entry.Leases > 0)
            {
                return;
            }

            entry.IdleNode = _idle.AddLast(entry);
            if (_idle.Count > IdleCapacity)
            {
                evicted = _idle.First!.Value;
                _idle.RemoveFirst();
                evicted.IdleNode = null;
                _entries.Remove((evicted.Source.Name, evicted.Source.Fit));
            }
        }

        if (evicted is not null)
        {
            await evicted.CloseAsync().ConfigureAwait(false);
        }
    }

    private sealed class Entry(ImageSource source)
    {
        private Task? _prepared;

        public ImageSource Source => source;

        public int Leases { get; set; }

        public LinkedListNode<Entry>? IdleNode { get; set; }

        public Task PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
        {
            lock (this)
            {
                return _prepared ??= source.PrepareAsync(context, cancellationToken).AsTask();
            }
        }

        public async ValueTask CloseAsync()
        {
            Task? prepared;
            lock (this)
            {
                prepared = _prepared;
            }

            if (prepared is not null)
            {
                try
                {
                    await prepared.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Reported to the frame that needed the still.
                }
            }

            await source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One item's use of a shared still.</summary>
    private sealed class StillLease(StillCache cache, (string Path, FitMode Fit) key) : IFrameSource, IYuvStill
    {
        private Entry? _entry;

        public string Name => key.Path;

        public TimeSpan? Duration => null;

        public bool SupportsConcurrentFrames => true;

        public Task PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
        {
            _entry ??= cache.Acquire(key);
            return _entry.PrepareAsync(context, cancellationToken);
        }

        ValueTask IFrameSource.PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken) =>
            new(PrepareAsync(context, cancellationToken));

        public ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken) =>
            (_entry ?? throw new InvalidOperationException($"The still '{key.Path}' was not prepared.")).Source.RenderFrameAsync(localTime, destination, cancellationToken);

        public SharedFrameBuffer GetYuv420() =>
            (_entry ?? throw new InvalidOperationException($"The still '{key.Path}' was not prepared.")).Source.GetYuv420();

        public ValueTask DisposeAsync()
        {
            if (_entry is null)
            {
                return ValueTask.CompletedTask;
            }

            _entry = null;
            return cache.ReleaseAsync(key);
        }
    }
}

/// <summary>A still that can hand out its picture already converted to yuv420p.</summary>
/// <summary>A source that decodes straight to yuv420p at the output size, so a frame that only shows it skips RGBA.</summary>
internal interface IYuvFrameSource
{
    /// <summary>True when this source (as prepared) produces yuv420p frames.</summary>
    bool ProducesYuv { get; }

    /// <summary>
    /// The yuv420p picture at <paramref name="localTime"/>: a reference to the buffer the decoder's frame was read into
    /// (no copy), which the caller releases. The source never writes into a buffer someone else still holds.
    /// </summary>
    ValueTask<SharedFrameBuffer> RenderYuvAsync(TimeSpan localTime, CancellationToken cancellationToken);
}

internal interface IYuvStill
{
    /// <summary>The picture as yuv420p; the caller gets a reference to release.</summary>
    SharedFrameBuffer GetYuv420();
}
