namespace VideoKit.Text;

/// <summary>The timed-text formats <see cref="LyricSheet"/> reads.</summary>
public enum LyricFormat
{
    /// <summary>LRC: <c>[mm:ss.xx]line</c>, with the enhanced word-level <c>&lt;mm:ss.xx&gt;</c> form.</summary>
    Lrc,

    /// <summary>SubRip (.srt).</summary>
    Srt,

    /// <summary>WebVTT (.vtt), with inline word timestamps.</summary>
    WebVtt,

    /// <summary>Advanced SubStation Alpha (.ass, .ssa), as written by Aegisub; <c>\k</c> karaoke tags give word times.</summary>
    Ass,
}
