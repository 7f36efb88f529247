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

    /// <summary>The same fit kept in yuv420p (no colour conversion): cover, contain and stretch.</summary>
    public static string BuildYuv(FitMode fit, Resolution size)
    {
        int w = size.Width, h = size.Height;
        return fit switch
        {
            FitMode.Cover => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h},format=yuv420p,setsar=1"),
            FitMode.Contain => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic,format=yuv420p,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1"),
            FitMode.Stretch => string.Create(CultureInfo.InvariantCulture, $"scale={w}:{h}:flags=bicubic,format=yuv420p,setsar=1"),
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit, "A blurred fill is composed in RGBA."),
        };
    }
}
