using System.Buffers;

namespace VideoKit.Imaging;

/// <summary>
/// The pool that backs <see cref="Frame"/> buffers. Frames rent from it and return to it on dispose, so a render
/// allocates frame memory once per in-flight frame, not once per frame.
/// </summary>
internal static class FramePool
{
    // Frames up to 8K RGBA (128 MiB) are pooled; 64 buffers per size class bound what the pool keeps.
    private static readonly ArrayPool<byte> s_pool = ArrayPool<byte>.Create(maxArrayLength: 1 << 27, maxArraysPerBucket: 64);
    private static long s_outstanding;

    /// <summary>The number of buffers rented and not yet returned (for leak checks in tests).</summary>
    public static long Outstanding => Interlocked.Read(ref s_outstanding);

    internal static byte[] Rent(int length)
    {
        Interlocked.Increment(ref s_outstanding);
        return s_pool.Rent(length);
    }

    internal static void Return(byte[] buffer)
    {
        Interlocked.Decrement(ref s_outstanding);
        s_pool.Return(buffer);
    }
}
