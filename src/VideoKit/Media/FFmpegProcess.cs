using System.Diagnostics;

namespace VideoKit.Media;

/// <summary>
/// Runs FFmpeg or FFprobe with an argument list (never a joined string, so no file name can be read as an option or
/// broken by quoting), streams standard output, keeps the tail of standard error, and kills the process on cancellation.
/// </summary>
internal sealed class FFmpegProcess : IAsyncDisposable, IDisposable
{
    private const int StandardErrorLines = 20;
    private static readonly System.Buffers.SearchValues<char> s_needsQuoting = System.Buffers.SearchValues.Create(" \"'\\$`");
    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly Task _stderrPump;
    private readonly CancellationTokenRegistration _registration;
    private readonly Func<string, bool>? _divert;
    private int _killed;
    private int _errorLines;
    private string? _firstError;
    private long _firstErrorPosition = -1;

    private FFmpegProcess(string executable, IEnumerable<string>? arguments, string? argumentString, bool redirectInput, FFmpegProcessKind kind, CancellationToken cancellationToken, bool blockingStandardError = false, Func<string, bool>? divert = null, string? fontConfig = null)
    {
        _divert = divert;
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (fontConfig is not null)
        {
            startInfo.Environment[Text.FontConfiguration.Variable] = fontConfig;
        }

        if (argumentString is not null)
        {
            // Already quoted by ArgumentQuoting (the rules .NET splits by on every platform).
            startInfo.Arguments = argumentString;
            CommandLine = executable + " " + argumentString;
        }
        else
        {
            foreach (string argument in arguments!)
            {
                startInfo.ArgumentList.Add(argument);
            }

            CommandLine = executable + " " + string.Join(' ', startInfo.ArgumentList.Select(Quote));
        }

        Kind = kind;
        _process = new Process { StartInfo = startInfo };
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            _process.Dispose();
            throw new FFmpegNotFoundException($"Could not start '{executable}': {ex.Message}. Install FFmpeg 5.1 or newer or set VideoKitOptions.FFmpegFolder.", ex);
        }

        FFmpegProcessCount.Record(kind, CommandLine, _process.Id);
        // A blocking reader on a thread of its own costs one thread and no asynchronous machinery (no socket-engine
        // wake-ups, and none of the generic async code the runtime would otherwise compile at start); the asynchronous
        // pump costs no thread, which matters where many processes run at once.
        _stderrPump = blockingStandardError
            ? Task.Factory.StartNew(static state => ((FFmpegProcess)state!).PumpStandardError(), this, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : PumpStandardErrorAsync();
        _registration = cancellationToken.Register(static state => ((FFmpegProcess)state!).Kill(), this);
    }

    /// <summary>What the process was started for (counted by <see cref="FFmpegProcessCount"/>).</summary>
    public FFmpegProcessKind Kind { get; }

    /// <summary>The command line, quoted for display in logs and error messages.</summary>
    public string CommandLine { get; }

    /// <summary>The process's standard output.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>The process's standard input (only when started with input redirected).</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>True when the process was killed because of cancellation or disposal.</summary>
    public bool WasKilled => Volatile.Read(ref _killed) != 0;

    /// <summary>
    /// Reads where the caller is (frames or samples read so far) when FFmpeg reports its first error, so a damage
    /// report can say where the damage is. Set right after start.
    /// </summary>
    public Func<long>? Position { get; set; }

    /// <summary>
    /// How many lines FFmpeg wrote to standard error. Decoders run at <c>-v error</c>, so for them every line is a
    /// decode or demux error: damage in the input.
    /// </summary>
    public int ErrorLineCount => Volatile.Read(ref _errorLines);

    /// <summary>The first line FFmpeg wrote to standard error, or <see langword="null"/>.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>What <see cref="Position"/> returned when the first error line arrived, or -1.</summary>
    public long FirstErrorPosition => Interlocked.Read(ref _firstErrorPosition);

    /// <summary>The last lines of standard error.</summary>
    public IReadOnlyList<string> StandardErrorTail
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Starts FFmpeg or FFprobe with an argument list; cancelling the token kills it.</summary>
    /// <param name="executable">FFmpeg or FFprobe.</param>
    /// <param name="arguments">The arguments, one per item.</param>
    /// <param name="cancellationToken">Kills the process.</param>
    /// <param name="redirectInput">Whether standard input is a pipe.</param>
    /// <param name="kind">What the process is for; from the executable's name when <see langword="null"/>.</param>
    /// <param name="blockingStandardError">Read standard error with blocking reads on a thread of its own (for a caller
    /// that waits synchronously) instead of asynchronously.</param>
    /// <param name="divert">Sees each line of standard error first; a line it returns true for is its own (see
    /// <see cref="StartEncoder"/>).</param>
    /// <param name="fontConfig">A fontconfig configuration file for the process (<c>FONTCONFIG_FILE</c>), or <see langword="null"/>.</param>
    public static FFmpegProcess Start(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken, bool redirectInput = false, FFmpegProcessKind? kind = null, bool blockingStandardError = false, Func<string, bool>? divert = null, string? fontConfig = null) =>
        new(executable, arguments, null, redirectInput, kind ?? KindOf(executable), cancellationToken, blockingStandardError, divert, fontConfig);

    /// <summary>
    /// Starts an encode from an argument string already quoted by <c>ArgumentQuoting</c> (FFMpegCore builds the
    /// encoder's command as one string around its pipe input); cancelling the token kills it.
    /// </summary>
    /// <param name="executable">FFmpeg.</param>
    /// <param name="quotedArguments">The arguments, quoted.</param>
    /// <param name="cancellationToken">Kills the process.</param>
    /// <param name="divert">Sees each line of standard error first; a line it returns true for is its own (kept out of
    /// the tail and the error count), e.g. libass's missing-glyph reports.</param>
    /// <param name="fontConfig">A fontconfig configuration file for the process (<c>FONTCONFIG_FILE</c>), or <see langword="null"/>.</param>
    public static FFmpegProcess StartEncoder(string executable, string quotedArguments, CancellationToken cancellationToken, Func<string, bool>? divert = null, string? fontConfig = null) =>
        new(executable, null, quotedArguments, redirectInput: false, FFmpegProcessKind.Encoder, cancellationToken, divert: divert, fontConfig: fontConfig);

    private static FFmpegProcessKind KindOf(string executable) =>
        Path.GetFileNameWithoutExtension(executable).Contains("ffprobe", StringComparison.OrdinalIgnoreCase) ? FFmpegProcessKind.Probe : FFmpegProcessKind.Decoder;

    /// <summary>Waits for exit; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Waits for exit and for standard error to close, blocking the calling thread; returns the exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        _stderrPump.GetAwaiter().GetResult();
        return _process.ExitCode;
    }

    /// <summary>
    /// The line of FFmpeg's error output that says what went wrong: the last one that is not one of FFmpeg's generic
    /// closing lines ("Conversion failed!", "Invalid argument", ...), without its "[filter @ 0x…]" prefix; a missing
    /// libass filter is named as such. A fallback text when FFmpeg printed nothing.
    /// </summary>
    public string LastError() => Explain(StandardErrorTail);

    /// <summary>FFmpeg's closing lines that follow the real error and say nothing about the cause.</summary>
    private static readonly string[] s_genericLines =
    [
        "Conversion failed", "Invalid argument", "Error initializing complex filters", "Error reinitializing filters",
        "Failed to inject frame into filter network", "Error while processing the decoded data", "Error while filtering",
        "Error configuring filter", "Error opening filters", "Error opening output files: Invalid argument",
        "Error initializing output stream", "Exiting normally",
    ];

    /// <summary>The telling line of an FFmpeg error output (see <see cref="LastError"/>).</summary>
    internal static string Explain(IReadOnlyList<string> tail)
    {
        string? last = null;
        for (int i = tail.Count - 1; i >= 0; i--)
        {
            string line = WithoutContext(tail[i]);
            if (line.Length == 0)
            {
                continue;
            }

            if (IsMissingLibass(line))
            {
                return MissingLibass;
            }

            last ??= line;
            if (!s_genericLines.Any(g => line.StartsWith(g, StringComparison.Ordinal)))
            {
                // A more telling line may still sit above (the missing filter before "Error initializing ...").
                for (int j = i - 1; j >= 0; j--)
                {
                    if (IsMissingLibass(WithoutContext(tail[j])))
                    {
                        return MissingLibass;
                    }
                }

                return line;
            }
        }

        return last ?? "no error output";
    }

    private const string MissingLibass = "this FFmpeg has no 'ass' filter, which draws captions and text: install an FFmpeg built with libass (--enable-libass; the Debian/Ubuntu and Homebrew packages have it)";

    private static bool IsMissingLibass(string line) =>
        line.StartsWith("No such filter: 'ass'", StringComparison.Ordinal) || line.StartsWith("No such filter: 'subtitles'", StringComparison.Ordinal);

    /// <summary>The line without FFmpeg's "[name @ 0x55…] " context prefix.</summary>
    private static string WithoutContext(string line)
    {
        string text = line.Trim();
        while (text.StartsWith('[') && text.IndexOf(" @ ", StringComparison.Ordinal) is int at and > 0 && text.IndexOf("] ", at, StringComparison.Ordinal) is int close and > 0)
        {
            text = text[(close + 2)..].TrimStart();
        }

        return text;
    }

    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exiting while we asked.
        }
    }

    /// <summary>Kills the process if it has not exited; true if it had to (the caller then waits for the exit).</summary>
    private bool KillIfRunning()
    {
        try
        {
            if (_process.HasExited)
            {
                return false;
            }
        }
        catch (InvalidOperationException)
        {
            return false; // never started or already disposed: nothing runs
        }

        Kill();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _registration.DisposeAsync().ConfigureAwait(false);
        if (KillIfRunning())
        {
            try
            {
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
            }
        }

        try
        {
            await _stderrPump.ConfigureAwait(false);
        }
        catch (IOException)
        {
        }

        _process.Dispose();
    }

    /// <summary>Kills the process if it still runs and waits for it, blocking the calling thread.</summary>
    public void Dispose()
    {
        _registration.Dispose();
        if (KillIfRunning())
        {
            try
            {
                _process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }
        }

        try
        {
            _stderrPump.GetAwaiter().GetResult();
        }
        catch (IOException)
        {
        }

        _process.Dispose();
    }

    private async Task PumpStandardErrorAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Keep(line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void PumpStandardError()
    {
        try
        {
            while (_process.StandardError.ReadLine() is { } line)
            {
                Keep(line);
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Records a line of standard error: the first error, its position, and the tail.</summary>
    private void Keep(string line)
    {
        if (_divert?.Invoke(line) == true)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(line) && Interlocked.Increment(ref _errorLines) == 1)
        {
            Interlocked.Exchange(ref _firstErrorPosition, Position?.Invoke() ?? -1);
            Volatile.Write(ref _firstError, line.Trim());
        }

        lock (_stderr)
        {
            _stderr.Enqueue(line);
            if (_stderr.Count > StandardErrorLines)
            {
                _stderr.Dequeue();
            }
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.AsSpan().IndexOfAny(s_needsQuoting) < 0 ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
