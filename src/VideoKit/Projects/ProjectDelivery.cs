using System.Text.Json;
using VideoKit.Rendering;

namespace VideoKit.Projects;

/// <summary>
/// The delivery fields of a project's <c>output</c> section: <c>preset</c> naming a platform (youtube, shorts, reels,
/// tiktok, square, gif, master) and <c>encoder</c> (auto, x264, nvenc, vaapi, qsv).
/// </summary>
internal static class ProjectDelivery
{
    /// <summary>
    /// Reads the platform preset (a <c>preset</c> that names a platform; any other value stays the encoder's speed preset)
    /// and the encoder. A platform with a fixed frame size supplies it when the project gives none, and a size it
    /// cannot deliver is a problem.
    /// </summary>
    public static (PlatformPreset? Platform, EncoderBackend Encoder) Read(ProjectReader reader, JsonElement output, ref string? preset, ref Resolution size, bool sizeGiven)
    {
        PlatformPreset? platform = null;
        if (PlatformPresets.TryParse(preset, out PlatformPreset parsed))
        {
            platform = parsed;
            preset = null;
            if (PlatformPresets.DefaultSize(parsed) is { } fixedSize)
            {
                if (!sizeGiven)
                {
                    size = fixedSize;
                }
                else if (PlatformPresets.Check(parsed, "x.mp4", size, null) is [var problem, ..])
                {
                    reader.Problem("output.preset", problem);
                }
            }
        }

        EncoderBackend encoder = EncoderBackend.Software;
        string? name = reader.GetString(output, "output", "encoder");
        if (name is not null)
        {
            switch (name.ToLowerInvariant())
            {
                case "x264" or "x265" or "software":
                    encoder = EncoderBackend.Software;
                    break;
                case "auto":
                    encoder = EncoderBackend.Auto;
                    break;
                case "nvenc":
                    encoder = EncoderBackend.Nvenc;
                    break;
                case "vaapi":
                    encoder = EncoderBackend.Vaapi;
                    break;
                case "qsv":
                    encoder = EncoderBackend.Qsv;
                    break;
                default:
                    reader.Problem("output.encoder", $"unknown encoder \"{name}\"; use auto, x264, nvenc, vaapi or qsv");
                    break;
            }
        }

        return (platform, encoder);
    }
}
