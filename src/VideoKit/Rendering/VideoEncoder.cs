using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Arguments;
using VideoKit.Imaging;
using VideoKit.Media;
using VideoKit.Text;

namespace VideoKit.Rendering;

/// <summary>
/// Writes frames to a video file through FFmpeg: frames go down FFMpegCore's raw pipe input (as yuv420p converted by
/// VideoKit, or RGBA for other pixel formats), an optional audio file is the second input. FFMpegCore builds the command
/// and owns the pipe; the process itself runs through VideoKit's one process layer (the same start, kill-on-cancel and
/// wait-for-exit path as every decoder and probe). The file is written to a
/// temporary name beside the target and moved into place by <see cref="CompleteAsync"/>; disposing an encoder that was
/// not completed stops FFmpeg and deletes the temporary file, so a failed or cancelled encode leaves nothing behind.
/// </summary>
/// <example>
/// <code>
/// await using VideoEncoder encoder = VideoEncoder.Open("out.mkv", new VideoEncoderSettings
///     { Size = new Resolution(640, 360), FrameRate = FrameRate.Fps30, Codec = VideoCodec.Ffv1 });
/// foreach (Frame frame in frames) await encoder.WriteFrameAsync(frame);
/// await encoder.CompleteAsync();
/// </code>
/// </example>
internal sealed class VideoEncoder : IAsyncDisposable, IDisposable
{
    private readonly Channel<SharedFrameBuffer> _channel;
    private readonly EncoderPipeSource _pipe;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<EncodeExit> _process;
    private readonly string _tempPath;
    private readonly TransportFormat _transport;
    private readonly int _frameBytes;
    private readonly MissingGlyphs _missingGlyphs = new();
    private long _enqueued;
    private int _state; // 0 open, 1 completing, 2 completed, 3 disposed

    private VideoEncoder(string outputPath, string fullPath, VideoEncoderSettings settings, string? audioFull)
    {
        OutputPath = fullPath;
        Settings = settings;
        _transport = EncoderArguments.Transport(settings);
        _frameBytes = EncoderArguments.FrameBytes(settings);
        string folder = Path.GetDirectoryName(fullPath)!;
        _tempPath = OutputFile.TempPath(fullPath);
        _ = folder;
        _channel = Channel.CreateBounded<SharedFrameBuffer>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
        _pipe = new EncoderPipeSource(EncoderArguments.PipeInput(settings), _channel.Reader);
        var pipeArgument = new InputPipeArgument(_pipe);
        FFMpegArgumentProcessor processor = EncoderArguments.Create(settings, pipeArgument, audioFull, _tempPath);
        Arguments = processor.Arguments;
        FFmpegTools tools = FFmpegTools.Locate(settings.Options);
        FFOptions ffOptions = tools.ToFFOptions(settings.Options.TemporaryFolder);
        // -progress on standard output: FFmpeg's own count of the frames it encoded, checked against what was sent.
        // With text burned in, the warning level too: libass reports there the characters no installed font has.
        string level = settings.Subtitles.Count > 0 ? "warning" : "error";
        string commandLine = $"-hide_banner -nostdin -loglevel {level} -progress pipe:1 " + Arguments;
        CancellationToken stop = _stop.Token;
        MissingGlyphs glyphs = _missingGlyphs;
        // A fonts folder joins fontconfig's catalogue too, so libass also falls back on its fonts (FontConfiguration).
        string? fontsFolder = settings.Subtitles.Count > 0 ? settings.FontsFolder : null;
        string temporary = settings.Options.GetTemporaryFolder();
        _process = Task.Run(() => RunAsync(tools.FFmpegPath, commandLine, pipeArgument, ffOptions, glyphs.Observe, fontsFolder, temporary, stop));

        // If FFmpeg exits while frames are still being written (an error), writers must not wait for room forever.
        _process.ContinueWith(static (_, state) => ((Channel<SharedFrameBuffer>)state!).Writer.TryComplete(new IOException("FFmpeg stopped reading frames.")),
            _channel, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _ = outputPath;
    }

    /// <summary>The full path of the file that appears when the encode completes.</summary>
    public string OutputPath { get; }

    /// <summary>The settings the encoder was opened with.</summary>
    public VideoEncoderSettings Settings { get; }

    /// <summary>The FFmpeg arguments (for logs and error reports).</summary>
    public string Arguments { get; }

    /// <summary>The characters libass found in no installed font (code points, in order), once FFmpeg has exited.</summary>
    public IReadOnlyList<int> MissingGlyphs => _missingGlyphs.CodePoints;

    /// <summary>Frames accepted by <see cref="WriteFrameAsync"/> so far.</summary>
    public long FramesWritten => Interlocked.Read(ref _enqueued);

    /// <summary>Frames handed to FFmpeg through the pipe so far.</summary>
    public long FramesEncoded => _pipe.FramesWritten;

    internal TransportFormat Transport => _transport;

    internal int FrameBytes => _frameBytes;

    internal int PipeSendBufferSize => _pipe.SendBufferSize;

    /// <summary>Starts FFmpeg writing <paramref name="outputPath"/> (the container follows the extension).</summary>
    /// <param name="outputPath">The video file to create.</param>
    /// <param name="settings">Size, rate, codec and soundtrack.</param>
    /// <returns>An encoder; dispose it (after <see cref="CompleteAsync"/>, or to abandon the file).</returns>
    /// <exception cref="ArgumentException">The settings are inconsistent (CRF out of range, unknown preset, ...), or the
    /// output's extension is not .mp4, .mov, .m4v, .mkv or .webm or cannot hold the codec.</exception>
    /// <exception cref="IOException">The output exists and <see cref="VideoEncoderSettings.Overwrite"/> is false.</exception>
    /// <exception cref="DirectoryNotFoundException">The output folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The audio file does not exist.</exception>
    /// <exception cref="FFmpegNotFoundException">FFmpeg is not installed.</exception>
    public static VideoEncoder Open(string outputPath, VideoEncoderSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(settings);
        EncoderArguments.Validate(settings);
        EncoderArguments.CheckContainer(outputPath, settings.Codec, settings.Platform);
        settings.Options.Validate();
        string full = CheckOutput(outputPath, settings.Overwrite, settings.AudioPath is null ? settings.Inputs : [settings.AudioPath, .. settings.Inputs]);
        string? audio = settings.AudioPath is null ? null : MediaPath.ExistingInput(settings.AudioPath, "audio file");
        FFmpegTools.Locate(settings.Options);
        return new VideoEncoder(outputPath, full, settings, audio);
    }

    /// <summary>Writes the next frame (converted on the calling thread).</summary>
    /// <param name="frame">A frame of <see cref="VideoEncoderSettings.Size"/>.</param>
    /// <param name="cancellationToken">Stops waiting for FFmpeg.</param>
    /// <returns>A task that completes when the frame is queued.</returns>
    /// <exception cref="ArgumentException">The frame has the wrong size.</exception>
    /// <exception cref="MediaProcessingException">FFmpeg failed.</exception>
    public ValueTask WriteFrameAsync(Frame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Settings.Size.Width || frame.Height != Settings.Size.Height)
        {
            throw new ArgumentException($"The frame is {frame.Width}x{frame.Height}; the encoder writes {Settings.Size}.", nameof(frame));
        }

        SharedFrameBuffer buffer = SharedFrameBuffer.Rent(_frameBytes);
        try
        {
            Encode(frame, buffer.Span);
        }
        catch
        {
            buffer.Release();
            throw;
        }

        return WriteEncodedAsync(buffer, cancellationToken);
    }

    /// <summary>Converts a frame into the transport layout (yuv420p or RGBA).</summary>
    internal void Encode(Frame frame, Span<byte> destination)
    {
        if (_transport == TransportFormat.Yuv420p)
        {
            YuvConverter.Convert(frame, destination);
        }
        else
        {
            frame.Span.CopyTo(destination);
            if (frame.Format == Imaging.PixelFormat.Bgra32)
            {
                PixelConverter.SwapRedBlue(destination[.._frameBytes]);
            }
        }
    }

    /// <summary>Queues a frame already in the transport layout; takes over the caller's reference to the buffer.</summary>
    internal async ValueTask WriteEncodedAsync(SharedFrameBuffer buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length != _frameBytes)
        {
            buffer.Release();
            throw new ArgumentException($"The frame holds {buffer.Length} bytes; the encoder takes {_frameBytes}.", nameof(buffer));
        }

        if (Volatile.Read(ref _state) != 0)
        {
            buffer.Release();
            throw new InvalidOperationException("The encoder is completed or disposed.");
        }

        try
        {
            await _channel.Writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            buffer.Release();
            EncodeExit result = await _process.ConfigureAwait(false);
            throw Failure(result);
        }
        catch
        {
            buffer.Release();
            throw;
        }

        Interlocked.Increment(ref _enqueued);
    }

    /// <summary>What the encoder changed to deliver the file (a GIF re-encoded under its size cap), or <see langword="null"/>.</summary>
    public string? Note { get; private set; }

    /// <summary>Ends the stream, waits for FFmpeg to finish the file, and moves it to <see cref="OutputPath"/>.</summary>
    /// <param name="cancellationToken">Abandons the file (FFmpeg is stopped, the temporary file deleted).</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="MediaProcessingException">FFmpeg failed; the message holds its last error line.</exception>
    /// <exception cref="IOException">The target appeared meanwhile and overwriting is off.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The encoder is already completed or disposed.");
        }

        _channel.Writer.TryComplete();
        EncodeExit result;
        using (cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _stop))
        {
            result = await _process.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (result.ExitCode != 0 || !File.Exists(_tempPath))
        {
            throw Failure(result);
        }

        if (FramesWritten == 0)
        {
            throw new MediaProcessingException($"No frames were written to '{OutputPath}'.");
        }

        // The GIF preset resamples the frame rate in its filter graph, so its count differs by design.
        if (result.FramesEncoded >= 0 && result.FramesEncoded != FramesWritten && Settings.Platform != PlatformPreset.Gif)
        {
            // Never announce frames the file does not hold (FFmpeg's raw demuxer drops some of a 2x2 stream).
            throw new MediaProcessingException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"FFmpeg encoded {result.FramesEncoded} of the {FramesWritten} frames sent for '{OutputPath}' ({Settings.Size}); nothing was written. Use a larger output size."));
        }

        if (Settings.Platform == PlatformPreset.Gif)
        {
            // The size cap: re-encode smaller from this first pass until it fits (or fail, leaving nothing behind).
            Note = await GifSizeFit.FitAsync(_tempPath, OutputPath, PlatformPresets.FirstGifShape(Settings.Size, Settings.FrameRate),
                Settings.MaxFileBytes ?? GifSizeFit.DefaultMaxBytes, Settings.Options, cancellationToken).ConfigureAwait(false);
            if (Note is not null)
            {
                Settings.Options.Warn(Note);
            }
        }

        OutputFile.Commit(_tempPath, OutputPath, Settings.Overwrite, OutputPath);

        Volatile.Write(ref _state, 2);
    }

    /// <summary>Stops FFmpeg if the encode was not completed and deletes the temporary file.</summary>
    /// <returns>A task that completes when FFmpeg has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 3) == 3)
        {
            return;
        }

        _channel.Writer.TryComplete();
        if (!_process.IsCompleted)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _process.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or MediaProcessingException)
        {
        }

        // RunAsync returns only after FFmpeg has exited (the process layer kills and waits), so the file can go.

        while (_channel.Reader.TryRead(out SharedFrameBuffer? pending))
        {
            pending.Release();
        }

        TryDelete(_tempPath);
        _stop.Dispose();
    }

    /// <summary>Stops FFmpeg if the encode was not completed and deletes the temporary file.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The write rule (<see cref="OutputFile.Check"/>): exists without overwrite, a folder, or one of the inputs → refused.</summary>
    internal static string CheckOutput(string outputPath, bool overwrite, IEnumerable<string>? inputs = null) =>
        OutputFile.Check(outputPath, overwrite, inputs);

    /// <summary>
    /// Opens FFMpegCore's pipe, starts FFmpeg through the process layer, feeds the pipe until FFmpeg exits, closes the
    /// pipe. Cancelling <paramref name="stop"/> kills FFmpeg; this returns only once it has exited.
    /// </summary>
    private static async Task<EncodeExit> RunAsync(string ffmpeg, string arguments, InputPipeArgument pipe, FFOptions options, Func<string, bool> divert, string? fontsFolder, string temporaryFolder, CancellationToken stop)
    {
        pipe.Pre(options);
        string? fontConfig = null;
        try
        {
            fontConfig = fontsFolder is null ? null : Text.FontConfiguration.WriteTemporary(fontsFolder, temporaryFolder);
            await using FFmpegProcess process = FFmpegProcess.StartEncoder(ffmpeg, arguments, stop, divert, fontConfig);
            using var feeding = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Task during = pipe.During(feeding.Token);
            Task<long> encoded = ReadProgressAsync(process.StandardOutput);
            int exitCode;
            try
            {
                exitCode = await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // FFmpeg is gone: stop waiting for frames or a connection.
                await feeding.CancelAsync().ConfigureAwait(false);
                try
                {
                    await during.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
                {
                }
            }

            long framesEncoded = await encoded.ConfigureAwait(false);
            return new EncodeExit(process.WasKilled && exitCode == 0 ? -1 : exitCode, process.StandardErrorTail, framesEncoded);
        }
        finally
        {
            pipe.Post();
            Text.FontConfiguration.Delete(fontConfig);
        }
    }

    private MediaProcessingException Failure(EncodeExit result)
    {
        IReadOnlyList<string> lines = result.StandardError;
        // FFmpeg writes the temporary file: name the user's file instead.
        lines = [.. lines.Select(l => NameTheOutput(l, _tempPath, OutputPath))];
        string last = FFmpegProcess.Explain(lines);
        return new MediaProcessingException($"FFmpeg could not write '{OutputPath}' (exit code {result.ExitCode}): {last}", result.ExitCode, lines);
    }

    /// <summary>A line of FFmpeg's log with the temporary file's path (and name) replaced by the output's.</summary>
    internal static string NameTheOutput(string line, string tempPath, string outputPath) =>
        line.Replace(tempPath, outputPath, StringComparison.Ordinal)
            .Replace(Path.GetFileName(tempPath), Path.GetFileName(outputPath), StringComparison.Ordinal);

    private sealed record EncodeExit(int ExitCode, IReadOnlyList<string> StandardError, long FramesEncoded = -1);

    /// <summary>The last <c>frame=N</c> of FFmpeg's <c>-progress</c> output (-1 if it printed none).</summary>
    private static async Task<long> ReadProgressAsync(Stream output)
    {
        long frames = -1;
        try
        {
            using var reader = new StreamReader(output, leaveOpen: true);
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith("frame=", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(6), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long n))
                {
                    frames = n;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }

        return frames;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
