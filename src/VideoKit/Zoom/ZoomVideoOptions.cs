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

    /// <summary>Replace an existing output file (the one place to say so for this call; <c>Render.Overwrite</c> also counts).</summary>
    public bool Overwrite { get; init; }

    internal RenderOptions EffectiveRender => Render.WithOverwrite(Overwrite || Render.Overwrite);

    /// <summary>Checks these options and the options they hold, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        problems.If(ZoomFactor is { } f && !(f > 1 && f <= 16), nameof(ZoomFactor), $"must be above 1 and at most 16 (is {ZoomFactor})");
        problems.If(Size.Width < 2 || Size.Height < 2 || (Size.Width & 1) != 0 || (Size.Height & 1) != 0, nameof(Size), $"must be even and at least 2×2 (is {Size})");
        problems.If(FrameRate.IsEmpty, nameof(FrameRate), "is not set");
        problems.If(BeatsPerMinute is { } bpm && !(bpm >= 20 && bpm <= 400), nameof(BeatsPerMinute), $"must be from 20 to 400 (is {BeatsPerMinute})");
        problems.If(FirstBeat < TimeSpan.Zero, nameof(FirstBeat), $"must not be negative (is {FirstBeat})");
        problems.If(BeatsPerBar is < 1 or > 16, nameof(BeatsPerBar), $"must be from 1 to 16 (is {BeatsPerBar})");
        Nest(problems, nameof(Path), Path.Collect);
        Nest(problems, nameof(Aligner), Aligner.Collect);
        Nest(problems, nameof(Compositor), Compositor.Collect);
        Nest(problems, nameof(Render), Render.Collect);
        problems.ThrowIfAny(nameof(ZoomVideoOptions));
    }

    private static void Nest(OptionsProblems problems, string name, Action<OptionsProblems> collect)
    {
        OptionsProblems nested = problems.Nested(name);
        collect(nested);
        problems.Add(nested);
    }
}
