namespace VideoKit.Stills;

/// <summary>How a Ken Burns move speeds up and slows down.</summary>
public enum KenBurnsEasing
{
    /// <summary>Starts gently, moves at a steady speed through the middle half, settles gently (a trapezoid speed profile: a quarter of the time to accelerate, a quarter to stop).</summary>
    Smooth,

    /// <summary>One steady speed from the first frame to the last.</summary>
    Linear,
}
