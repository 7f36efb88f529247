namespace VideoKit.Zoom;

/// <summary>How <see cref="ZoomCompositor"/> blends the levels of a zoom sequence.</summary>
public sealed class ZoomCompositorOptions
{
    /// <summary>The default options.</summary>
    public static ZoomCompositorOptions Default { get; } = new();

    /// <summary>
    /// The width of the band along each inner level's border over which it is feathered into the outer level, as a
    /// fraction of the level's shorter side. Default 0.1 (outpainting repaints about that much).
    /// </summary>
    public double FeatherFraction { get; init; } = 0.1;

    /// <summary>
    /// The part of a step (in levels) over which an inner level that has shrunk below the output resolution fades out,
    /// so that at an integer zoom position k the frame shows level k exactly. Default 0.35.
    /// </summary>
    public double FadeFraction { get; init; } = 0.35;

    /// <summary>
    /// The part of a step (in levels) over which the feather band of the level that just filled the frame opens up, so
    /// leaving an integer zoom position is continuous. Default 0.25.
    /// </summary>
    public double RevealFraction { get; init; } = 0.25;

    /// <summary>Whether each level's colours are matched to its neighbours with the gain and offset alignment measured. Default true.</summary>
    public bool MatchColors { get; init; } = true;

    /// <summary>The most threads one frame is composed on. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the values, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        Collect(problems);
        problems.ThrowIfAny(nameof(ZoomCompositorOptions));
    }

    internal void Collect(OptionsProblems problems)
    {
        problems.Range(FeatherFraction, 0, 0.45, nameof(FeatherFraction));
        problems.Range(FadeFraction, 0.01, 1, nameof(FadeFraction));
        problems.Range(RevealFraction, 0, 1, nameof(RevealFraction));
        problems.AtLeast(MaxDegreeOfParallelism, 1, nameof(MaxDegreeOfParallelism));
    }
}
