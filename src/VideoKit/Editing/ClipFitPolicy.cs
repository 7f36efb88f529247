namespace VideoKit.Editing;

/// <summary>
/// How a clip of length L is fitted into a segment of length D: trim a long clip (choosing the in-point), change the
/// speed of a slightly short one (capped, default ±25 %), retime a shorter one with motion-compensated interpolation,
/// and loop or hold one that is shorter still. Also how its picture is fitted to the output's aspect ratio.
/// </summary>
public sealed class ClipFitPolicy
{
    /// <summary>The default policy: start in-point, ±25 % speed, retiming down to half speed, then loop; cover.</summary>
    public static ClipFitPolicy Default { get; } = new();

    /// <summary>Where a trimmed clip starts (default: at its start).</summary>
    public InPointMode InPoint { get; init; } = InPointMode.Start;

    /// <summary>The largest speed change, as a fraction (0.25 allows 0.75× to 1.25×).</summary>
    public double MaxSpeedChange { get; init; } = 0.25;

    /// <summary>When a long clip is at most <see cref="MaxSpeedChange"/> too long, speed it up to show all of it instead of trimming.</summary>
    public bool SpeedUpToFit { get; init; }

    /// <summary>Whether a clip too short for a capped speed change may be slowed further by motion-compensated retiming.</summary>
    public bool AllowRetiming { get; init; } = true;

    /// <summary>The slowest speed retiming may reach (default 0.5×: twice as long); shorter clips loop or hold.</summary>
    public double MinRetimeSpeed { get; init; } = 0.5;

    /// <summary>What to do with a clip too short for speed change and retiming (default: loop).</summary>
    public ShortClipMode WhenTooShort { get; init; } = ShortClipMode.Loop;

    /// <summary>How a picture of another aspect ratio fills the output (default: cover, cropping the overflow); the
    /// timeline's <see cref="FitMode"/>, so a blurred fill is the same in a beat edit and a hand-placed item.</summary>
    public FitMode Fit { get; init; } = FitMode.Cover;

    internal void Validate()
    {
        if (!(MaxSpeedChange is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSpeedChange), $"MaxSpeedChange is {MaxSpeedChange}; use a fraction from 0 to below 1 (0.25 = ±25 %).");
        }

        if (!(MinRetimeSpeed is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinRetimeSpeed), $"MinRetimeSpeed is {MinRetimeSpeed}; use a speed above 0 and at most 1.");
        }
    }
}

/// <summary>Where a trimmed clip starts.</summary>
public enum InPointMode
{
    /// <summary>At the clip's start.</summary>
    Start,

    /// <summary>In the middle: the same amount is cut from both ends.</summary>
    Centre,

    /// <summary>Where the clip moves most (highest mean frame difference over the segment's length).</summary>
    MostActive,
}

/// <summary>What to do with a clip that stays too short after speed change and retiming.</summary>
public enum ShortClipMode
{
    /// <summary>Play it again from the in-point.</summary>
    Loop,

    /// <summary>Play it forwards, then backwards, and so on (no jump at the loop point).</summary>
    PingPong,

    /// <summary>Play it once and hold its last frame.</summary>
    Hold,
}

/// <summary>How a clip was fitted into its interval.</summary>
public enum FitMethod
{
    /// <summary>Played at normal speed from an in-point (the clip is long enough).</summary>
    Trim,

    /// <summary>Played whole at a speed within the cap.</summary>
    SpeedChange,

    /// <summary>Slowed beyond the cap with motion-compensated interpolation.</summary>
    Retime,

    /// <summary>Looped.</summary>
    Loop,

    /// <summary>Played forwards and backwards.</summary>
    PingPong,

    /// <summary>Played once, then its last frame held.</summary>
    Hold,

    /// <summary>A still picture (no duration of its own).</summary>
    Still,
}
