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
    /// swscale's options that turn the clip's own matrix and range (its tags; BT.601 when untagged, as the RGBA path reads
    /// it) into the BT.709 limited range the encoder's output is tagged with.
    /// </summary>
    private const string ToBt709 = ":out_color_matrix=bt709:out_range=tv";

    /// <summary>The same fit kept in yuv420p, converted to BT.709 limited range as the output is tagged: cover, contain and stretch.</summary>
    public static string BuildYuv(FitMode fit, Resolution size)
    {
        int w = size.Width, h = size.Height;
        return fit switch
        {
            FitMode.Cover => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic{ToBt709},crop={w}:{h},format=yuv420p,setsar=1"),
            FitMode.Contain => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic{ToBt709},format=yuv420p,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1"),
            FitMode.Stretch => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:flags=bicubic{ToBt709},format=yuv420p,setsar=1"),
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit, "A blurred fill is composed in RGBA."),
        };
    }
}
