namespace VideoKit.Rendering;

/// <summary>How a timeline is rendered: codec preset and quality, overwriting, parallelism.</summary>
public sealed class RenderOptions
{
    /// <summary>H.264 with its defaults, no overwriting, all cores.</summary>
    public static RenderOptions Default { get; } = new();

    /// <summary>The encoder preset (H.264 by default).</summary>
    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>Constant rate factor, or <see langword="null"/> for the codec's default (see <see cref="VideoEncoderSettings.Crf"/>).</summary>
    public int? Crf { get; init; }

    /// <summary>The encoder speed preset, or <see langword="null"/> for the codec's default (see <see cref="VideoEncoderSettings.Preset"/>).</summary>
    public string? Preset { get; init; }

    /// <summary>The output pixel format, or <see langword="null"/> for the codec's default (yuv420p for H.264).</summary>
    public string? PixelFormat { get; init; }

    /// <summary>Replace an existing output file; when false (the default) an existing file is an error and is left untouched.</summary>
    public bool Overwrite { get; init; }

    /// <summary>How many frames may be composed ahead of the encoder (memory is about this many frames), or
    /// <see langword="null"/> for twice the degree of parallelism (at least 4).</summary>
    public int? MaxFramesInFlight { get; init; }

    /// <summary>Where FFmpeg lives, temporary folder, <see cref="VideoKitOptions.MaxDegreeOfParallelism"/> (frames composed at once).</summary>
    public VideoKitOptions Options { get; init; } = VideoKitOptions.Default;

    /// <summary>Files the video is made from beyond the timeline's own (a project file and what it names).</summary>
    internal IReadOnlyList<string> Inputs { get; init; } = [];

    internal int Window => MaxFramesInFlight ?? Math.Max(4, 2 * Options.MaxDegreeOfParallelism);

    /// <summary>Checks that the options make sense.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxFramesInFlight"/> is less than 1.</exception>
    public void Validate()
    {
        Options.Validate();
        if (MaxFramesInFlight is int n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(MaxFramesInFlight));
        }
    }
}
