using System.Globalization;
using VideoKit.Imaging;
using VideoKit.Media;

namespace VideoKit.Rendering;

/// <summary>
/// A stretch of a video file, decoded by FFmpeg from its in point, resampled to the output frame rate (<c>fps</c>
/// filter) and fitted to the output size (scale/crop/pad filters) at decode time, so VideoKit only copies frames.
/// Frames are read in order; asked past the end of the material it holds the last frame.
/// </summary>
public sealed class VideoClipSource : IFrameSource, IYuvFrameSource
{
    private readonly string _path;
    private FFmpegProcess? _process;
    private Frame? _current;
    private long _currentIndex = -1;
    private bool _ended;
    private FrameRate _rate;
    private VideoKitOptions? _options;
    private bool _damageChecked;
    private FrameSourceContext? _context;
    private string? _fullPath;
    private long _passFrames;
    private List<Frame>? _pingPong;
    private SharedFrameBuffer? _yuv; // the current picture (yuv mode); the encoder gets references to it, not copies
    private SharedFrameBuffer? _spare; // the next frame is read here, so a short read never spoils the current picture
    private int _yuvLength;
    private bool _decodeYuv;
    private bool _isStill;
    private FitFilter.YuvMatrix _matrix;

    /// <summary>The source's own corrections before the fit (see <see cref="SourceFilters"/>), set when prepared.</summary>
    private SourceCorrections _corrections = new(string.Empty, false, null);
    private ClipDecoderGroup? _group;
    private int _member = -1;
    private bool _grouped;
    private bool _prepared;

    /// <summary>Creates a source for <paramref name="duration"/> of a video file from <paramref name="inPoint"/>.</summary>
    /// <param name="path">The video file.</param>
    /// <param name="inPoint">Where in the file to start.</param>
    /// <param name="duration">How much of the file to play, or <see langword="null"/> for the rest of it.</param>
    /// <param name="fit">How the picture is fitted to the frame.</param>
    public VideoClipSource(string path, TimeSpan inPoint = default, TimeSpan? duration = null, FitMode fit = FitMode.Cover)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(inPoint, TimeSpan.Zero);
        _path = path;
        InPoint = inPoint;
        Duration = duration;
        Fit = fit;
    }

    /// <inheritdoc/>
    public string Name => _path;

    /// <summary>Where in the file the clip starts.</summary>
    public TimeSpan InPoint { get; }

    /// <inheritdoc/>
    public TimeSpan? Duration { get; }

    /// <summary>How the picture is fitted to the frame.</summary>
    public FitMode Fit { get; }

    /// <summary>How the clip plays: speed, repetition and the handles a transition may show.</summary>
    public ClipPlayback Playback { get; init; } = ClipPlayback.Normal;

    /// <summary>
    /// Decode to yuv420p (BT.709 as the encoder reads it) instead of RGBA, for cover, contain and stretch: a frame that
    /// only shows this clip goes to the encoder without any colour conversion, and one that needs RGBA (a transition,
    /// an effect, an overlay) is converted in memory. The filter chain converts the clip's matrix and range (BT.601 when
    /// untagged) to the output's BT.709 limited range, so both paths show the same colours. Set for video-track items (not overlays, which compose in RGBA).
    /// </summary>
    internal bool PreferYuv { get; init; }

    /// <summary>
    /// Whether the clip is shown on the (opaque) video track: transparent parts of a clip with alpha (QuickTime
    /// Animation, PNG or ProRes 4444 in MOV, a GIF) are then laid over black, as a still's are, instead of showing the
    /// colour stored under them. Overlays keep alpha.
    /// </summary>
    internal bool Opaque { get; init; }

    bool IYuvFrameSource.ProducesYuv => _decodeYuv;

    /// <summary>
    /// True when this span can be one of several spans of its file that a single decoder serves: it is decoded in
    /// yuv420p (see <see cref="PreferYuv"/>) for an even output size, plays once and has a length.
    /// </summary>
    internal bool CanShareDecoder(Resolution size) =>
        PreferYuv && Fit != FitMode.BlurredFill && Playback.Repeat == ClipRepeat.None && Duration is not null
        && size.Width % 2 == 0 && size.Height % 2 == 0;

    /// <summary>
    /// How many output frames this span is asked for when its last use is at <paramref name="lastLocalTime"/>: the
    /// frame index <see cref="SeekAsync"/> reads up to, plus one. A shared decoder makes exactly that many, so it
    /// decodes, converts and pipes no frame that is thrown away.
    /// </summary>
    internal long FramesThrough(TimeSpan lastLocalTime, FrameRate rate)
    {
        TimeSpan t = lastLocalTime + Playback.LeadIn;
        return Math.Max(0, rate.NearestFrameAt(t < TimeSpan.Zero ? TimeSpan.Zero : t)) + 1;
    }

    /// <summary>Makes this span member <paramref name="member"/> of <paramref name="group"/> (before it is prepared).</summary>
    internal void JoinGroup(ClipDecoderGroup group, int member)
    {
        _group = group;
        _member = member;
    }

    /// <inheritdoc/>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="UnsupportedMediaException">The file has no video, cannot be read, or the in point is past its end.</exception>
    public async ValueTask PrepareAsync(FrameSourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await CloseAsync(leaveGroup: false).ConfigureAwait(false);
        string full = MediaPath.ExistingInput(_path, "video");
        FFmpegTools.Locate(context.Options);
        MediaInfo info;
        try
        {
            info = await MediaProbe.ProbeAsync(full, context.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (UnsupportedMediaException ex)
        {
            throw new UnsupportedMediaException($"'{_path}' is not a video FFmpeg can read.", ex);
        }

        if (info.PrimaryVideo is null)
        {
            throw new UnsupportedMediaException($"'{_path}' has no video stream.");
        }

        // A still decodes to one frame (a looped one plays as a still); when frames run out, say what it is.
        _isStill = info.FormatName == "image2" || info.FormatName.EndsWith("_pipe", StringComparison.Ordinal);

        if (info.Duration > TimeSpan.Zero && InPoint >= info.Duration)
        {
            throw new UnsupportedMediaException(string.Create(CultureInfo.InvariantCulture,
                $"'{_path}': the in point {InPoint.TotalSeconds:0.###} s is at or after the end of the video ({info.Duration.TotalSeconds:0.###} s)."));
        }

        _rate = context.FrameRate;
        _context = context;
        _decodeYuv = PreferYuv && Fit != FitMode.BlurredFill && Playback.Repeat != ClipRepeat.PingPong
            && context.OutputSize.Width % 2 == 0 && context.OutputSize.Height % 2 == 0;
        _fullPath = full;
        _matrix = FitFilter.MatrixFor(info.PrimaryVideo);
        string? decoder = await AlphaDecoders.ForAsync(info.PrimaryVideo, context.Options, cancellationToken).ConfigureAwait(false);
        _corrections = SourceFilters(info.PrimaryVideo, Opaque, rgba: !_decodeYuv, decoder);
        _options = context.Options;
        _passFrames = 0;
        if (Playback.Repeat != ClipRepeat.None)
        {
            // One pass plays the file from the in point to its end at the playback speed.
            TimeSpan length = info.PrimaryVideo.Duration > TimeSpan.Zero ? info.PrimaryVideo.Duration : info.Duration;
            _passFrames = length > InPoint ? Math.Max(1, context.FrameRate.FrameCountFor(TimeSpan.FromTicks((long)((length - InPoint).Ticks / Playback.Speed)))) : 0;
        }

        if (_group is not null && _decodeYuv && Playback.Repeat == ClipRepeat.None
            && _group.TryStart(full, info.PrimaryVideo, info.Duration, context, _matrix, decoder, cancellationToken))
        {
            _yuvLength = YuvConverter.FrameSize(context.OutputSize.Width, context.OutputSize.Height);
            _currentIndex = -1;
            _ended = false;
            _grouped = true;
            _prepared = true;
            return;
        }

        await LeaveGroupAsync().ConfigureAwait(false); // not shareable after all: its own decoder
        Start(cancellationToken);
    }

    /// <summary>Starts (or restarts) the decoder at the in point: one FFmpeg process per pass over the clip.</summary>
    private void Start(CancellationToken cancellationToken)
    {
        FrameSourceContext context = _context!;
        if (_decodeYuv)
        {
            // Frames are read straight into pooled transport buffers: no RGBA frame is needed.
            _yuvLength = YuvConverter.FrameSize(context.OutputSize.Width, context.OutputSize.Height);
        }
        else
        {
            _current ??= new Frame(context.OutputSize.Width, context.OutputSize.Height);
        }

        _prepared = true;

        _currentIndex = -1;
        _ended = false;
        _damageChecked = false;
        TimeSpan? span = Playback.Repeat != ClipRepeat.None ? null
            : Duration is { } d ? Playback.LeadIn + d + Playback.Tail + context.FrameRate.FrameDuration
            : null;
        _process = FFmpegProcess.Start(FFmpegTools.Locate(context.Options).FFmpegPath,
            BuildArguments(_fullPath!, InPoint, span, Fit, context.OutputSize, context.FrameRate, Playback.Speed, _decodeYuv, _matrix, _corrections), cancellationToken);
        FFmpegProcess process = _process;
        process.Position = () => Math.Max(0, Interlocked.Read(ref _currentIndex));
    }

    /// <summary>Applies the damage policy once, as soon as FFmpeg has reported an error (or at the end).</summary>
    private void CheckDamage(FFmpegProcess process)
    {
        if (_damageChecked || process.ErrorLineCount == 0)
        {
            return;
        }

        _damageChecked = true;
        long frame = process.FirstErrorPosition;
        string where = frame < 0 ? string.Empty : DamagePolicy.NearSeconds(InPoint.TotalSeconds + _rate.SecondsAt(frame));
        DamagePolicy.Check(process, _path, where, _options);
    }

    /// <inheritdoc/>
    public async ValueTask RenderFrameAsync(TimeSpan localTime, Frame destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!_prepared)
        {
            throw new InvalidOperationException($"The video source '{_path}' was not prepared.");
        }

        if (_decodeYuv)
        {
            await SeekAsync(localTime, cancellationToken).ConfigureAwait(false);
            YuvConverter.ToRgba(_yuv!.Span, destination.Width, destination.Height, destination.Span, destination.Format == PixelFormat.Bgra32);
            return;
        }

        Frame current = _current!;

        TimeSpan t = localTime + Playback.LeadIn;
        long target = Math.Max(0, _rate.NearestFrameAt(t < TimeSpan.Zero ? TimeSpan.Zero : t));
        if (_passFrames > 0 && Playback.Repeat == ClipRepeat.PingPong)
        {
            long period = 2 * _passFrames, p = target % period;
            await RenderPingPongAsync(p < _passFrames ? p : period - p - 1, destination, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_passFrames > 0 && Playback.Repeat == ClipRepeat.Loop)
        {
            target %= _passFrames;
        }

        if (target < _currentIndex)
        {
            // Back to an earlier frame (the next pass of a loop): a new decoder from the in point.
            await CloseProcessAsync().ConfigureAwait(false);
            Start(cancellationToken);
            current = _current!;
        }

        await ReadUpToAsync(target, current, cancellationToken).ConfigureAwait(false);
        current.Span.CopyTo(destination.Span);
        if (destination.Format == PixelFormat.Bgra32)
        {
            PixelConverter.SwapRedBlue(destination.Span);
        }
    }

    /// <inheritdoc/>
    async ValueTask<SharedFrameBuffer> IYuvFrameSource.RenderYuvAsync(TimeSpan localTime, CancellationToken cancellationToken)
    {
        await SeekAsync(localTime, cancellationToken).ConfigureAwait(false);
        return _yuv!.AddReference(); // the frame as read from the decoder, handed on without a copy
    }

    /// <summary>The buffer the next frame is read into: the spare, or a new one from the pool.</summary>
    private SharedFrameBuffer NextYuvBuffer() => _spare ??= SharedFrameBuffer.Rent(_yuvLength);

    /// <summary>
    /// The frame just read becomes the current picture. The previous one becomes the spare when nothing else holds it
    /// (a later frame is then read into it); one still queued for the encoder is left to the encoder's reference.
    /// </summary>
    private void AcceptYuvBuffer()
    {
        SharedFrameBuffer? previous = _yuv;
        _yuv = _spare;
        _spare = null;
        if (previous is null)
        {
            return;
        }

        if (previous.IsShared)
        {
            previous.Release();
        }
        else
        {
            _spare = previous;
        }
    }

    /// <summary>Decodes up to the frame shown at <paramref name="localTime"/> (yuv mode: no ping-pong).</summary>
    private async ValueTask SeekAsync(TimeSpan localTime, CancellationToken cancellationToken)
    {
        TimeSpan t = localTime + Playback.LeadIn;
        long target = Math.Max(0, _rate.NearestFrameAt(t < TimeSpan.Zero ? TimeSpan.Zero : t));
        if (_passFrames > 0 && Playback.Repeat == ClipRepeat.Loop)
        {
            target %= _passFrames;
        }

        if (_grouped)
        {
            await ReadGroupedUpToAsync(target, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (target < _currentIndex)
        {
            await CloseProcessAsync().ConfigureAwait(false);
            Start(cancellationToken);
        }

        await ReadUpToAsync(target, _current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads this span's frames from the shared decoder up to <paramref name="target"/>; past its end it holds the last.</summary>
    private async ValueTask ReadGroupedUpToAsync(long target, CancellationToken cancellationToken)
    {
        ClipDecoderGroup group = _group!;
        ThrowIfEndedWithoutFrames();
        while (_currentIndex < target && !_ended)
        {
            if (await group.ReadAsync(_member, _currentIndex + 1, cancellationToken).ConfigureAwait(false) is { } frame)
            {
                // The group's buffer (shared with a replaying span, or the encoder's queue) becomes the current picture.
                _yuv?.Release();
                _yuv = frame;
                _currentIndex++;
                continue;
            }

            _ended = true;
            if (_currentIndex < 0)
            {
                throw NoFrames();
            }
        }
    }

    /// <summary>
    /// A span whose decoder ended before its first frame fails every later frame too, with the same message: the
    /// renderer's workers may ask for the next frame while the first failure is still on its way out.
    /// </summary>
    private void ThrowIfEndedWithoutFrames()
    {
        if (_ended && _currentIndex < 0)
        {
            throw NoFrames();
        }
    }

    private UnsupportedMediaException NoFrames() => new(_isStill
        ? $"'{_path}' is a still image, not a video; place it as an image (project: \"image\"; TimelineBuilder.AddImage)."
        : string.Create(CultureInfo.InvariantCulture, $"'{_path}' holds no video frames from {InPoint.TotalSeconds:0.###} s on."));

    private async ValueTask LeaveGroupAsync()
    {
        ClipDecoderGroup? group = Interlocked.Exchange(ref _group, null);
        _grouped = false;
        if (group is not null)
        {
            await group.ReleaseAsync(_member).ConfigureAwait(false);
        }
    }

    /// <summary>Ping-pong: one forward pass is decoded once and kept; later passes are played from memory.</summary>
    private async ValueTask RenderPingPongAsync(long index, Frame destination, CancellationToken cancellationToken)
    {
        _pingPong ??= [];
        while (_pingPong.Count <= index && !_ended)
        {
            await ReadUpToAsync(_currentIndex + 1, _current!, cancellationToken).ConfigureAwait(false);
            if (_currentIndex >= _pingPong.Count)
            {
                var copy = new Frame(_current!.Width, _current.Height);
                _current.CopyTo(copy);
                _pingPong.Add(copy);
            }
        }

        Frame picture = _pingPong[(int)Math.Min(index, _pingPong.Count - 1)];
        picture.Span.CopyTo(destination.Span);
        if (destination.Format == PixelFormat.Bgra32)
        {
            PixelConverter.SwapRedBlue(destination.Span);
        }
    }

    private async ValueTask ReadUpToAsync(long target, Frame? current, CancellationToken cancellationToken)
    {
        ThrowIfEndedWithoutFrames();
        while (_currentIndex < target && !_ended)
        {
            Memory<byte> into = _decodeYuv ? NextYuvBuffer().Array.AsMemory(0, _yuvLength) : current!.Memory;
            int read = await ImageSource.ReadFullyAsync(_process!.StandardOutput, into, cancellationToken).ConfigureAwait(false);
            if (read == into.Length)
            {
                if (_decodeYuv)
                {
                    AcceptYuvBuffer();
                }

                _currentIndex++;
                CheckDamage(_process);
                continue;
            }

            _ended = true;
            int exit = await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (exit != 0)
            {
                throw new UnsupportedMediaException($"'{_path}' could not be decoded as video: {_process.LastError()}.");
            }

            CheckDamage(_process);
            if (_currentIndex < 0)
            {
                throw NoFrames();
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => CloseAsync(leaveGroup: true);

    /// <summary>
    /// What a clip's own picture needs before it is fitted: a still's EXIF turn (FFmpeg 5.1 does not apply it to
    /// images; the input is then read with <c>-noautorotate</c>, so that a newer FFmpeg does not turn it twice), and on
    /// the opaque video track, for a pixel format with alpha, the transparent parts laid over black (colour scaled by
    /// alpha, then alpha dropped in the RGBA path; the yuv420p path drops it anyway).
    /// </summary>
    /// <param name="video">The clip's video stream.</param>
    /// <param name="opaque">Whether the clip is on the video track.</param>
    /// <param name="rgba">Whether it is decoded to RGBA (else yuv420p, which has no alpha).</param>
    /// <param name="decoder">A decoder that keeps alpha the default one drops (<see cref="AlphaDecoders"/>), or <see langword="null"/>.</param>
    internal static SourceCorrections SourceFilters(VideoStreamInfo video, bool opaque, bool rgba, string? decoder = null)
    {
        string? upright = ImageOrientation.Filter(video.Orientation);
        string flatten = opaque && (decoder is not null || HasAlpha(video.PixelFormat)) ? "premultiply=inplace=1," + (rgba ? "format=gbrp," : string.Empty) : string.Empty;
        return new SourceCorrections((upright is null ? string.Empty : upright + ",") + flatten, upright is not null, decoder);
    }

    /// <summary>Whether an FFmpeg pixel format carries alpha (or may, as a palette does).</summary>
    internal static bool HasAlpha(string pixelFormat) =>
        pixelFormat is "argb" or "rgba" or "abgr" or "bgra" or "pal8"
        || pixelFormat.StartsWith("yuva", StringComparison.Ordinal) || pixelFormat.StartsWith("gbrap", StringComparison.Ordinal)
        || pixelFormat.StartsWith("ya", StringComparison.Ordinal) || pixelFormat.StartsWith("rgba64", StringComparison.Ordinal)
        || pixelFormat.StartsWith("bgra64", StringComparison.Ordinal);

    internal static IReadOnlyList<string> BuildArguments(string fullPath, TimeSpan inPoint, TimeSpan? duration, FitMode fit, Resolution size, FrameRate rate, double speed = 1, bool yuv = false,
        FitFilter.YuvMatrix matrix = FitFilter.YuvMatrix.Convert, SourceCorrections corrections = default)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-v", "error" };
        if (inPoint > TimeSpan.Zero)
        {
            args.AddRange(["-ss", Seconds(inPoint)]);
        }

        args.AddRange(MediaPath.LiteralInputOptions(fullPath));
        args.AddRange(corrections.InputOptions());
        args.AddRange(["-i", fullPath]);
        if (duration is { } d)
        {
            args.AddRange(["-t", Seconds(d)]);
        }

        // A speed other than 1 rescales the timestamps before the frame-rate conversion, so frames repeat or drop evenly.
        string retime = Math.Abs(speed - 1) < 1e-9 ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"setpts=(PTS-STARTPTS)/{speed:0.#########},");
        args.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn", "-vf", (corrections.Filters ?? string.Empty) + retime + $"fps={rate}," + (yuv ? FitFilter.BuildYuv(fit, size, matrix) : FitFilter.Build(fit, size)),
            "-f", "rawvideo", "-pix_fmt", yuv ? "yuv420p" : "rgba", "pipe:1"]);
        return args;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private async ValueTask CloseProcessAsync()
    {
        FFmpegProcess? process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask CloseAsync(bool leaveGroup)
    {
        await CloseProcessAsync().ConfigureAwait(false);
        if (leaveGroup)
        {
            await LeaveGroupAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _current, null)?.Dispose();
        Interlocked.Exchange(ref _yuv, null)?.Release();
        Interlocked.Exchange(ref _spare, null)?.Release();
        _prepared = false;

        foreach (Frame f in _pingPong ?? [])
        {
            f.Dispose();
        }

        _pingPong = null;
    }
}
