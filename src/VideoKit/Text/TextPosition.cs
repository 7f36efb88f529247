namespace VideoKit.Text;

/// <summary>Where text sits in the frame (horizontally centred, inside the safe margins).</summary>
public enum TextPosition
{
    /// <summary>Near the bottom edge (captions).</summary>
    Bottom,

    /// <summary>Near the top edge.</summary>
    Top,

    /// <summary>In the middle (titles).</summary>
    Middle,
}
