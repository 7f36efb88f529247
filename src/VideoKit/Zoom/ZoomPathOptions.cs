namespace VideoKit.Zoom;

/// <summary>How <see cref="ZoomPath.FromBeats"/> drives the zoom from a beat grid.</summary>
public sealed class ZoomPathOptions
{
    /// <summary>The default options: fitted to the song, zooming out, a push on each beat.</summary>
    public static ZoomPathOptions Default { get; } = new();

    /// <summary>Levels per bar (1 = a level per bar, 0.5 = a level every two bars), or <see langword="null"/> to fit the whole sequence to the song.</summary>
    public double? LevelsPerBar { get; init; }

    /// <summary>Beats per level, instead of <see cref="LevelsPerBar"/> (for example 2 = a level every two beats).</summary>
    public int? BeatsPerLevel { get; init; }

    /// <summary>Out (innermost level first) or in.</summary>
    public ZoomDirection Direction { get; init; } = ZoomDirection.Out;

    /// <summary>How long the first level holds before the zoom starts (it then starts on the next downbeat).</summary>
    public TimeSpan HoldStart { get; init; }

    /// <summary>How long the last level holds before the song ends (the zoom ends on the downbeat before).</summary>
    public TimeSpan HoldEnd { get; init; }

    /// <summary>
    /// How much of each beat's motion is pushed to its start (0 = steady, 1 = the whole beat's step lands right after the
    /// beat and settles), scaled per beat by the onset strength. Default 0.5.
    /// </summary>
    public double BeatPush { get; init; } = 0.5;

    /// <summary>Whether the zoom eases in over its first level and out over its last. Default true.</summary>
    public bool Ease { get; init; } = true;

    /// <summary>Checks the values, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        Collect(problems);
        problems.ThrowIfAny(nameof(ZoomPathOptions));
    }

    internal void Collect(OptionsProblems problems)
    {
        problems.If(LevelsPerBar is { } l && (!double.IsFinite(l) || l <= 0 || l > 16), nameof(LevelsPerBar), $"must be above 0 and at most 16 (is {LevelsPerBar})");
        problems.If(BeatsPerLevel is < 1, nameof(BeatsPerLevel), $"must be at least 1 (is {BeatsPerLevel})");
        problems.If(LevelsPerBar is not null && BeatsPerLevel is not null, nameof(BeatsPerLevel), "give levels per bar or beats per level, not both");
        problems.If(HoldStart < TimeSpan.Zero, nameof(HoldStart), $"must not be negative (is {HoldStart})");
        problems.If(HoldEnd < TimeSpan.Zero, nameof(HoldEnd), $"must not be negative (is {HoldEnd})");
        problems.Range(BeatPush, 0, 1, nameof(BeatPush));
    }
}
