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
            _ => throw new ArgumentOutOfRangeException(nameof(fit), fit, "Unknown fit mode; use Cover, Contain or Stretch."),
        };
    }
}
