using System.Globalization;

namespace VideoKit.Rendering;

/// <summary>The FFmpeg filter chain that fits a picture of any shape to the output size (and converts it to RGBA).</summary>
internal static class FitFilter
{
    public static string Build(FitMode fit, Resolution size)
    {
        int w = size.Width, h = size.Height;
        return fit switch
        {
            FitMode.Cover => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,format=rgba,crop={w}:{h},setsar=1"),
            FitMode.Contain => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic,format=rgba,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1"),
            FitMode.Stretch => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:flags=bicubic,format=rgba,setsar=1"),
            FitMode.BlurredFill => string.Create(CultureInfo.InvariantCulture,
                $"split=2[vkbg][vkfg];[vkbg]scale={w}:{h}:force_original_aspect_ratio=increase:flags=bilinear,crop={w}:{h},format=rgba,boxblur=luma_radius=min(w\\,h)/20:luma_power=2,colorchannelmixer=rr=0.6:gg=0.6:bb=0.6[vkb];[vkfg]scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic,format=rgba[vkf];[vkb][vkf]overlay=(W-w)/2:(H-h)/2:format=rgb,format=rgba,setsar=1"),
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit, "Unknown fit mode; use Cover, Contain, Stretch or BlurredFill."),
        };
    }

    /// <summary>
    /// How a clip's YUV samples become the output's BT.709 limited range, chosen from its tags (untagged is read as
    /// BT.601, as FFmpeg's RGBA conversion reads it).
    /// </summary>
    internal enum YuvMatrix
    {
        /// <summary>Already BT.709 limited range: only scaled.</summary>
        Keep,

        /// <summary>BT.601 (or untagged) limited-range planar YUV: FFmpeg's <c>colorspace</c> filter, matrix only.</summary>
        FromBt601,

        /// <summary>Anything else (full range, other matrices, other layouts): swscale converts while it scales.</summary>
        Convert,
    }

    /// <summary>The conversion a stream with these tags needs.</summary>
    public static YuvMatrix MatrixFor(Media.VideoStreamInfo video)
    {
        bool limited = video.ColorRange is "" or "tv" && !video.PixelFormat.StartsWith("yuvj", StringComparison.Ordinal);
        if (limited && video.ColorSpace == "bt709")
        {
            return YuvMatrix.Keep;
        }

        return limited && video.ColorSpace is "" or "smpte170m" or "bt470bg" && video.PixelFormat is "yuv420p" or "yuv422p" or "yuv444p"
            ? YuvMatrix.FromBt601
            : YuvMatrix.Convert;
    }

    /// <summary>
    /// The same fit kept in yuv420p and brought to the output's BT.709 limited range as <paramref name="matrix"/> says:
    /// cover, contain and stretch.
    /// </summary>
    public static string BuildYuv(FitMode fit, Resolution size, YuvMatrix matrix = YuvMatrix.Convert)
    {
        int w = size.Width, h = size.Height;
        // swscale converts the matrix only in a full (slow) pass; the colorspace filter does the common BT.601 case cheaply,
        // at the output size (even, as yuv420p needs; the scaled picture before crop or pad may be odd).
        string scale = matrix == YuvMatrix.Convert ? ":out_color_matrix=bt709:out_range=tv" : string.Empty;
        string colour = matrix == YuvMatrix.FromBt601 ? ",colorspace=all=bt709:iall=bt601-6-625:irange=tv:range=tv:fast=1" : string.Empty;
        return fit switch
        {
            FitMode.Cover => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic{scale},crop={w}:{h}{colour},format=yuv420p,setsar=1"),
            FitMode.Contain => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic{scale},format=yuv420p,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black{colour},setsar=1"),
            FitMode.Stretch => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:flags=bicubic{scale}{colour},format=yuv420p,setsar=1"),
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit, "A blurred fill is composed in RGBA."),
        };
    }
}
