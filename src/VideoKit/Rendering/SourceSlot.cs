namespace VideoKit.Rendering;

/// <summary>
/// One timeline item's source during a render: opened just before its first frame, closed after its last use, and,
/// for sources that cannot render concurrently, used strictly in frame order (tickets handed out as frames are claimed).
/// A closed slot lets go of its source, so a render keeps only the sources on screen, however many items it has.
/// </summary>
internal sealed class SourceSlot(TimelineItem item, long uses, Func<TimelineItem, IFrameSource> createSource)
{
    private readonly object _gate = new();
    private readonly Dictionary<long, TaskCompletionSource> _waiters = [];
    private IFrameSource? _source;
    private Task? _prepared;
    private long _nextTicket;
    private long _serving;
    private long _remaining = uses;
    private bool _closed;

    public TimelineItem Item => item;

    public IFrameSource? Source => _source;

    /// <summary>Starts preparing the source (once); later calls return the same task.</summary>
    public Task PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromException(new ObjectDisposedException(item.Name, $"The source of '{item.Name}' was already closed."));
            }

            if (_prepared is null)
            {
                try
                {
                    _source = createSource(item);
                    _prepared = _source.PrepareAsync(context, cancellationToken).AsTask();
                }
                catch (Exception ex)
                {
                    _prepared = Task.FromException(ex);
                }
            }

            return _prepared;
        }
    }

    /// <summary>Takes the next ticket (called in frame order).</summary>
    public long TakeTicket()
    {
        lock (_gate)
        {
            return _nextTicket++;
        }
    }

    public Task WaitTurnAsync(long ticket, CancellationToken cancellationToken)
    {
        if (_source is { SupportsConcurrentFrames: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_serving == ticket)
            {
                return Task.CompletedTask;
            }

            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters[ticket] = tcs;
            return tcs.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Marks a use finished: lets the next ticket in; returns true when it was the last use.</summary>
    public bool FinishUse()
    {
        TaskCompletionSource? next = null;
        lock (_gate)
        {
            if (_source is not { SupportsConcurrentFrames: true })
            {
                _serving++;
                if (_waiters.Remove(_serving, out TaskCompletionSource? waiter))
                {
                    next = waiter;
                }
            }
        }

        next?.TrySetResult();
        return Interlocked.Decrement(ref _remaining) == 0;
    }

    /// <summary>
    /// Disposes the source if the renderer owns it (once), after waiting for its preparation to end, and drops the
    /// slot's references to it: the render holds every slot until it ends, and a closed source may still hold its
    /// buffers (a decoded frame of the clip), which would otherwise add up over a long timeline.
    /// </summary>
    public async ValueTask CloseAsync()
    {
        Task? prepared;
        IFrameSource? source;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            prepared = _prepared;
            source = _source;
            _prepared = null;
            _source = null;
        }

        if (prepared is not null)
        {
            try
            {
                await prepared.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure was reported by the frame that needed the source.
            }
        }

        if (source is not null && item.OwnsSource)
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
