using System.Runtime.InteropServices;
using VideoKit.Cli.Commands;

namespace VideoKit.Cli;

/// <summary>
/// Turns SIGINT (Ctrl+C) and SIGTERM into a cancellation of the command, from the first line of <c>Main</c> on.
/// </summary>
/// <remarks>
/// System.CommandLine's own handler (<c>ProcessTerminationTimeout</c>) is registered only after the command's action
/// has returned its task, that is after the action's first asynchronous wait. On a loaded machine the main thread
/// reached that point 160-350 ms after the render had already created its first temporary file (the output folder's
/// write probe), and a SIGTERM in that window took the runtime's default path: the process died by the signal (exit
/// status 143) without cleanup or the "cancelled" line. Registering here, before any work, closes that window.
/// </remarks>
internal sealed class ProcessTermination : IDisposable
{
    /// <summary>The exit code when the command has not finished cleaning up after a SIGTERM within the timeout (128 + 15).</summary>
    public const int ForcedAfterSigterm = 143;

    private readonly CancellationTokenSource _cancel = new();
    private readonly TimeSpan _timeout;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _signalled;

    /// <param name="timeout">How long a cancelled command may take to clean up before the process ends anyway.</param>
    public ProcessTermination(TimeSpan timeout)
    {
        _timeout = timeout;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process keeps running: the command sees its token cancelled, stops FFmpeg, deletes temporary files and
        // returns 130 itself.
        context.Cancel = true;
        if (Interlocked.Exchange(ref _signalled, 1) != 0)
        {
            return;
        }

        // Environment.Exit, not a result for Main: the command may hold the main thread itself (a blocking open of a
        // FIFO or a hung network file before its first await), and the bound must hold then too.
        int forced = context.Signal == PosixSignal.SIGINT ? CliRunner.Cancelled : ForcedAfterSigterm;
        _ = Task.Delay(_timeout, CancellationToken.None).ContinueWith(_ => Force(forced), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            // Runs the token's callbacks on this (the runtime's signal) thread: FFmpeg processes are killed here.
            _cancel.Cancel();
        }
        catch (AggregateException)
        {
            // A callback failed; the token is cancelled all the same and the command reports how it ended.
        }
    }

    private void Force(int exitCode)
    {
        Console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"videokit: stopped: the cancelled command had not finished {_timeout.TotalSeconds:0} s later; temporary files left behind are swept by the next run in that folder."));
        Environment.Exit(exitCode);
    }
}
