namespace VideoKit.Zoom;

/// <summary>Work split into chunks run by <see cref="RowWorkers"/>.</summary>
internal interface IRowJob
{
    /// <summary>Runs chunk <paramref name="chunk"/> on worker <paramref name="worker"/> (0 = the calling thread).</summary>
    void Execute(int chunk, int worker);
}

/// <summary>
/// A small set of dedicated threads that run the chunks of one job at a time, with the calling thread helping.
/// Unlike Parallel.For it allocates nothing per run, so a frame can be composed with zero allocations.
/// </summary>
internal sealed class RowWorkers : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim _start = new(0);
    private readonly CountdownEvent _done = new(1);
    private IRowJob? _job;
    private int _next;
    private int _chunks;
    private volatile bool _stopping;
    private Exception? _error;

    public RowWorkers(int threads)
    {
        _threads = new Thread[Math.Max(0, threads - 1)];
        for (int i = 0; i < _threads.Length; i++)
        {
            int index = i + 1;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = "VideoKit zoom rows " + index };
            _threads[i].Start();
        }
    }

    /// <summary>The number of threads a job runs on, the caller included.</summary>
    public int Count => _threads.Length + 1;

    /// <summary>Runs every chunk of <paramref name="job"/> and returns when all are done. Not re-entrant.</summary>
    public void Run(IRowJob job, int chunks)
    {
        _job = job;
        _chunks = chunks;
        Volatile.Write(ref _next, 0);
        if (_threads.Length == 0 || chunks <= 1)
        {
            Drain(job, 0);
            return;
        }

        _done.Reset(_threads.Length);
        _start.Release(_threads.Length);
        Exception? error = null;
        try
        {
            Drain(job, 0);
        }
        catch (Exception ex)
        {
            error = ex;
            Volatile.Write(ref _next, int.MaxValue / 2);
        }

        _done.Wait();
        _job = null;
        error ??= Interlocked.Exchange(ref _error, null);
        if (error is not null)
        {
            throw error;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (_threads.Length > 0)
        {
            _start.Release(_threads.Length);
        }

        foreach (Thread t in _threads)
        {
            t.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void Drain(IRowJob job, int worker)
    {
        int chunks = _chunks;
        for (int c = Interlocked.Increment(ref _next) - 1; c < chunks; c = Interlocked.Increment(ref _next) - 1)
        {
            job.Execute(c, worker);
        }
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                IRowJob? job = _job;
                if (job is not null)
                {
                    Drain(job, index);
                }
            }
            catch (Exception ex)
            {
                // The caller rethrows the failure after every worker has stopped.
                Interlocked.CompareExchange(ref _error, ex, null);
                Volatile.Write(ref _next, int.MaxValue / 2);
            }
            finally
            {
                _done.Signal();
            }
        }
    }
}
