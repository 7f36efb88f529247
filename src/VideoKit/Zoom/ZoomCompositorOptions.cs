namespace VideoKit.Zoom;

/// <summary>How <see cref="ZoomCompositor"/> blends the levels of a zoom sequence.</summary>
public sealed class ZoomCompositorOptions
{
    /// <summary>The default options.</summary>
    public static ZoomCompositorOptions Default { get; } = new();

    /// <summary>
    /// The width of the band along each inner level's border over which it is feathered into the outer level, as a
    /// fraction of the level's shorter side. Default 0.05: wide enough to hide a repainted border (colours are matched
    /// too), narrow enough that the finer level's detail shows almost up to its edge.
    /// </summary>
    public double FeatherFraction { get; init; } = 0.05;

    /// <summary>
    /// The part of a step (in levels) over which the finer levels fade out before an integer zoom position k (so the
    /// frame shows level k exactly) and, for levels finer than the one just inside the outer level, fade back in after
    /// it. Default 0.1: the outer level, enlarged, stands in for the sharper finer levels only briefly.
    /// </summary>
    public double FadeFraction { get; init; } = 0.1;

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
