using System.Globalization;

namespace VideoKit.Rendering;

/// <summary>
/// The key-frame grid every software H.264, H.265 and VP9 render uses, whole or in segments: an IDR frame at every
/// multiple of <see cref="Interval"/> output frames (about two seconds), counted from the video's first frame, with
/// closed GOPs. Segment boundaries lie on the grid, so a segment starts with the same key frame as the whole render
/// has there, and nothing refers across it.
/// </summary>
internal static class KeyframeGrid
{
    /// <summary>Frames between grid key frames: two seconds, rounded (60 at 30 fps, 48 at 24 fps).</summary>
    public static int Interval(FrameRate rate) => (int)Math.Max(1, Math.Round(2 * rate.FramesPerSecond));

    /// <summary>
    /// The encoder options that put key frames on the grid (the encode's first frame must be a grid frame). The
    /// encoder may still add key frames at scene cuts between grid frames: they depend only on the frames since the
    /// last grid frame, so whole and segmented renders place them alike.
    /// </summary>
    public static IReadOnlyList<string> Arguments(VideoCodec codec, int interval)
    {
        string g = interval.ToString(CultureInfo.InvariantCulture);
        string force = "expr:eq(mod(n," + g + "),0)";
        return codec switch
        {
            // x264's threaded look-ahead (sync-lookahead, on by default with frame threads) makes the encode depend on
            // thread timing: the same frames, settings and thread count gave another picture now and then (about one
            // encode in twenty on a loaded 2-core machine, up to 0.9 dB on a frame), so a whole render and its
            // segments did not always agree. Without it the encode is repeatable; frame threads stay.
            // (-x264opts, not -x264-params, so that a platform preset's -x264-params does not replace it.)
            VideoCodec.H264 => ["-g", g, "-force_key_frames", force, "-x264opts", "sync-lookahead=0"],
            // x265 and libvpx-vp9 encode the same frames alike every time as they are (measured: Segments README).
            VideoCodec.Vp9 or VideoCodec.H265 => ["-g", g, "-force_key_frames", force],
            _ => [], // ProRes and FFV1 are intra-only.
        };
    }

    /// <summary>The x265 parameters of the grid: at most one GOP between key frames, closed GOPs.</summary>
    public static string X265Parameters(int interval) => string.Create(CultureInfo.InvariantCulture, $":keyint={interval}:open-gop=0");
}
