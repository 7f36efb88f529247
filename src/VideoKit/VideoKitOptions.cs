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
    /// and where the damage starts. When on, the input is used as far as it decodes and <see cref="Warning"/> is told.
    /// </summary>
    public bool AcceptDamagedInput { get; init; }

    /// <summary>Receives one-line warnings (a damaged input accepted, ...); <see langword="null"/> drops them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Checks that the options make sense.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxDegreeOfParallelism"/> is less than 1.</exception>
    /// <exception cref="DirectoryNotFoundException">A configured folder does not exist.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
        if (FFmpegFolder is not null && !Directory.Exists(FFmpegFolder))
        {
            throw new DirectoryNotFoundException($"The FFmpeg folder '{FFmpegFolder}' does not exist. Set VideoKitOptions.FFmpegFolder to the folder that holds ffmpeg and ffprobe, or leave it null to use PATH.");
        }

        if (TemporaryFolder is not null && !Directory.Exists(TemporaryFolder))
        {
            throw new DirectoryNotFoundException($"The temporary folder '{TemporaryFolder}' does not exist.");
        }
    }

    internal string GetTemporaryFolder() => TemporaryFolder ?? Path.GetTempPath();
}
