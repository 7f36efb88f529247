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

    /// <summary>The song's beats; <see langword="null"/> for a steady grid at <see cref="BeatsPerMinute"/>.</summary>
    public BeatGrid? Grid { get; init; }

    /// <summary>The tempo of the steady grid used when <see cref="Grid"/> is null. Default 120.</summary>
    public double BeatsPerMinute { get; init; } = 120;

    /// <summary>The first beat (a downbeat) of the steady grid. Default 0.</summary>
    public TimeSpan FirstBeat { get; init; }

    /// <summary>Beats per bar of the steady grid. Default 4.</summary>
    public int BeatsPerBar { get; init; } = 4;

    /// <summary>How the zoom follows the beats.</summary>
    public ZoomPathOptions Path { get; init; } = ZoomPathOptions.Default;

    /// <summary>Whether to align the levels from their pixels (true) or trust the nominal factor and centre (false). Default true.</summary>
    public bool Align { get; init; } = true;

    /// <summary>Alignment options.</summary>
    public ZoomAlignerOptions Aligner { get; init; } = ZoomAlignerOptions.Default;

    /// <summary>Compositing options.</summary>
    public ZoomCompositorOptions Compositor { get; init; } = ZoomCompositorOptions.Default;

    /// <summary>Encoding options.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;
}
