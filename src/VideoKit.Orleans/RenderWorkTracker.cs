using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace VideoKit.Orleans;

/// <summary>
/// The renders running on this silo. When the silo stops (or its host is disposed, as when it is killed in a test)
/// every render is cancelled, so FFmpeg stops and no partial file is left; the job grain gives the segments to other silos.
/// </summary>
internal sealed class RenderWorkTracker : IDisposable
{
    private readonly ConcurrentDictionary<CancellationTokenSource, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenRegistration _registration;

    public RenderWorkTracker(IHostApplicationLifetime lifetime) =>
        _registration = lifetime.ApplicationStopping.Register(static s => ((RenderWorkTracker)s!).CancelAll(), this);

    /// <summary>A token cancelled by <paramref name="cancellationToken"/> or when the silo stops.</summary>
    public CancellationTokenSource Begin(CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        _running.TryAdd(cts, 0);
        return cts;
    }

    public void End(CancellationTokenSource cts)
    {
        _running.TryRemove(cts, out _);
        cts.Dispose();
    }

    public int Running => _running.Count;

    private void CancelAll()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        CancelAll();
        _registration.Dispose();
    }
}
