namespace VideoKit.Zoom;

/// <summary>Which way a zoom path travels through the levels.</summary>
public enum ZoomDirection
{
    /// <summary>From the innermost level (z = 0) out to the outermost: the view widens.</summary>
    Out = 0,

    /// <summary>From the outermost level in to the innermost: the view narrows.</summary>
    In = 1,
}
