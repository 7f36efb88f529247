using VideoKit.Imaging;

namespace VideoKit.Tests;

/// <summary>
/// The collection of tests that rent frames. It runs alone (after the parallel collections), so
/// <see cref="FramePool.Outstanding"/> moves only because of the test that is running.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PooledFrameTests
{
    /// <summary>The collection name.</summary>
    public const string Name = "Pooled frames";
}

/// <summary>
/// Base class of tests that rent frames: after each test it asserts that every frame the test rented went back to the
/// pool (the leak check ImageSharp does with its allocator validator).
/// </summary>
[Collection(PooledFrameTests.Name)]
public abstract class PooledFrameTest : IDisposable
{
    private readonly long _outstandingAtStart = FramePool.Outstanding;

    /// <summary>Asserts that the test returned every frame it rented.</summary>
    public void Dispose()
    {
        long leaked = FramePool.Outstanding - _outstandingAtStart;
        GC.SuppressFinalize(this);
        Assert.True(leaked == 0, $"{leaked} pooled frame buffer(s) were rented and not returned: dispose every Frame.");
    }
}
