namespace VideoKit.Text;

/// <summary>How a text item moves in (and out, continuing the same way) during its fades.</summary>
public enum TextSlide
{
    /// <summary>No movement: fades only.</summary>
    None,

    /// <summary>Rises into place from below and leaves upwards.</summary>
    Up,

    /// <summary>Drops into place from above and leaves downwards.</summary>
    Down,

    /// <summary>Enters from the right and leaves to the left.</summary>
    Left,

    /// <summary>Enters from the left and leaves to the right.</summary>
    Right,
}
