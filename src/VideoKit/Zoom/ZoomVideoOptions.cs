using VideoKit.Rendering;
using VideoKit.Rhythm;

namespace VideoKit.Zoom;

/// <summary>Options for <see cref="ZoomVideo.RenderAsync"/>.</summary>
public sealed class ZoomVideoOptions
{
    /// <summary>The default options: 1920×1080 at 30 fps, factor estimated, fitted to the song.</summary>
    public static ZoomVideoOptions Default { get; } = new();

    /// <summary>The zoom factor of every step, or <see langword="null"/> to estimate it.</summary>
    public double? ZoomFactor { get; init; }

    /// <summary>The output size. Default 1920×1080.</summary>
    public Resolution Size { get; init; } = Resolution.Hd1080;

    /// <summary>The output frame rate. Default 30.</summary>
    public FrameRate FrameRate { get; init; } = FrameRate.Fps30;

    /// <summary>The song's beats; <see langword="null"/> to analyse the song (or use a steady grid when <see cref="BeatsPerMinute"/> is set).</summary>
    public BeatGrid? Grid { get; init; }

    /// <summary>A steady tempo to use instead of analysing the song (when <see cref="Grid"/> is null), or <see langword="null"/> to analyse it.</summary>
    public double? BeatsPerMinute { get; init; }

    /// <summary>The first beat (a downbeat) of the steady grid. Default 0.</summary>
    public TimeSpan FirstBeat { get; init; }

    /// <summary>Beats per bar of the steady grid. Default 4.</summary>
    public int BeatsPerBar { get; init; } = 4;

    /// <summary>How the zoom follows the beats.</summary>
    public ZoomPathOptions Path { get; init; } = ZoomPathOptions.Default;

    /// <summary>Whether to align the levels from their pixels (true) or trust the nominal factor and centre (false). Default true.</summary>
    public bool Align { get; init; } = true;

    /// <summary>
    /// Whether to find the order of the levels from their pixels (<see cref="ZoomAligner.FindOrder"/>) instead of taking
    /// them in natural order of file names. Default false.
    /// </summary>
    public bool OrderLevels { get; init; }

    /// <summary>Alignment options.</summary>
    public ZoomAlignerOptions Aligner { get; init; } = ZoomAlignerOptions.Default;

    /// <summary>Compositing options.</summary>
    public ZoomCompositorOptions Compositor { get; init; } = ZoomCompositorOptions.Default;

    /// <summary>Encoding options.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;
}
