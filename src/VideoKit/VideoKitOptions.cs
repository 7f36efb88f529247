namespace VideoKit;

/// <summary>
/// Settings shared by every VideoKit operation: where FFmpeg lives, where temporary files go, and how many cores to use.
/// Immutable; pass the same instance to every call, or use <see cref="Default"/>.
/// </summary>
public sealed class VideoKitOptions
{
    /// <summary>The options used when a call is given none: FFmpeg from PATH (or <c>VIDEOKIT_FFMPEG_DIR</c>), all cores.</summary>
    public static VideoKitOptions Default { get; } = new();

    /// <summary>
    /// The folder that holds the <c>ffmpeg</c> and <c>ffprobe</c> executables, or <see langword="null"/> to use the
    /// <c>VIDEOKIT_FFMPEG_DIR</c> environment variable and then PATH.
    /// </summary>
    public string? FFmpegFolder { get; init; }

    /// <summary>The folder for temporary files, or <see langword="null"/> for the system's temporary folder.</summary>
    public string? TemporaryFolder { get; init; }

    /// <summary>How many frames or rows are processed at once; defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether inputs FFmpeg reports decode errors in (a truncated song, a half-written JPEG, a cut-off clip) are used
    /// anyway. Off by default: such an input is refused with a <see cref="Media.DamagedMediaException"/> naming the file
    /// and where the damage starts. When on, the input is used as far as it decodes and <see cref="Log"/> is told.
    /// </summary>
    public bool AcceptDamagedInput { get; init; }

    /// <summary>
    /// Receives warnings and notes, one line each, as they happen (a zoom rate that does not fit the song, a hardware
    /// encoder that is not available and the software one used instead, ...); <see langword="null"/> to ignore them.
    /// The same lines are also in the results' <c>Warnings</c>.
    /// </summary>
    public Action<string>? Log { get; init; }

    /// <summary>Checks that the options make sense, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range or a configured folder does not exist; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        Collect(problems);
        problems.ThrowIfAny(nameof(VideoKitOptions));
    }

    internal void Collect(OptionsProblems problems)
    {
        problems.AtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        problems.If(FFmpegFolder is not null && !Directory.Exists(FFmpegFolder), nameof(FFmpegFolder),
            $"the folder '{FFmpegFolder}' does not exist; give the folder that holds ffmpeg and ffprobe, or leave it null to use PATH");
        problems.If(TemporaryFolder is not null && !Directory.Exists(TemporaryFolder), nameof(TemporaryFolder), $"the folder '{TemporaryFolder}' does not exist");
    }

    /// <summary>Sends a warning to <see cref="Log"/>, if set.</summary>
    internal void Warn(string message) => Log?.Invoke(message);

    internal string GetTemporaryFolder() => TemporaryFolder ?? Path.GetTempPath();
}
