using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading.Channels;
using FFMpegCore.Pipes;

namespace VideoKit.Rendering;

/// <summary>
/// FFMpegCore's pipe input fed from a channel of finished frames (already in the transport layout). FFMpegCore owns the
/// pipe (a Unix domain socket on Linux, a named pipe on Windows); this writes the frames in order and widens the
/// socket's send buffer so a 1080p frame crosses in a few large writes instead of many small ones.
/// </summary>
internal sealed class EncoderPipeSource(string streamArguments, ChannelReader<SharedFrameBuffer> frames) : IPipeSource
{
    /// <summary>The send buffer asked for (Linux caps it at net.core.wmem_max).</summary>
    public const int SendBufferBytes = 4 << 20;

    private long _written;

    /// <summary>Frames handed to FFmpeg so far.</summary>
    public long FramesWritten => Interlocked.Read(ref _written);

    /// <summary>The socket send buffer in effect, or 0 when it could not be read.</summary>
    public int SendBufferSize { get; private set; }

    public string GetStreamArguments() => streamArguments;

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        Widen(outputStream);
        await foreach (SharedFrameBuffer frame in frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await outputStream.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                frame.Release();
            }

            Interlocked.Increment(ref _written);
        }
    }

    private void Widen(Stream stream)
    {
        if (stream is not PipeStream pipe || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var socket = new Socket(new SafeSocketHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false));
            socket.SendBufferSize = SendBufferBytes;
            SendBufferSize = socket.SendBufferSize;
        }
        catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            // Not a socket here: keep the default buffer.
        }
    }
}
