namespace VideoKit.Zoom;

/// <summary>How <see cref="ZoomAligner"/> searches for the placement of each level inside the next.</summary>
public sealed class ZoomAlignerOptions
{
    /// <summary>The default options.</summary>
    public static ZoomAlignerOptions Default { get; } = new();

    /// <summary>The fraction of the inner image's width (left and right) and height (top and bottom) left out of the comparison because outpainting repaints it. Default 0.12.</summary>
    public double BorderExclusion { get; init; } = 0.12;

    /// <summary>The largest offset of the inner image's centre from the outer image's centre searched, as a fraction of the width. Default 0.08.</summary>
    public double MaxShift { get; init; } = 0.08;

    /// <summary>The smallest zoom factor tried when a step's factor is unknown. Default 1.15.</summary>
    public double MinScale { get; init; } = 1.15;

    /// <summary>The largest zoom factor tried when a step's factor is unknown. Default 2.4.</summary>
    public double MaxScale { get; init; } = 2.4;

    /// <summary>How far (as a fraction) the measured factor may differ from a given factor. Default 0.06.</summary>
    public double ScaleTolerance { get; init; } = 0.06;

    /// <summary>
    /// The lowest correlation (0–1) accepted as a match; below it alignment fails naming the two files. Default 0.85:
    /// true steps score 0.99–1 even shifted, recoloured and saved as JPEG, unrelated pictures up to about 0.75.
    /// </summary>
    public double MinimumMatch { get; init; } = 0.85;

    /// <summary>Checks the values, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        Collect(problems);
        problems.ThrowIfAny(nameof(ZoomAlignerOptions));
    }

    internal void Collect(OptionsProblems problems)
    {
        problems.Range(BorderExclusion, 0, 0.3, nameof(BorderExclusion));
        problems.Range(MaxShift, 0, 0.3, nameof(MaxShift));
        problems.AtLeast(MinScale, 1.05, nameof(MinScale));
        problems.If(!(MaxScale > MinScale && MaxScale <= 4.0), nameof(MaxScale), $"must be above MinScale ({MinScale}) and at most 4 (is {MaxScale})");
        problems.Range(ScaleTolerance, 0, 0.5, nameof(ScaleTolerance));
        problems.Range(MinimumMatch, 0, 1, nameof(MinimumMatch));
    }
}
