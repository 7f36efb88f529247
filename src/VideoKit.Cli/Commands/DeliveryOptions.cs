using System.CommandLine;
using VideoKit.Rendering;

namespace VideoKit.Cli.Commands;

/// <summary>The <c>--preset</c> option shared by the rendering commands.</summary>
internal static class DeliveryOptions
{
    private static readonly string[] s_names = ["youtube", "shorts", "reels", "tiktok", "square", "gif", "master"];

    public static Option<string?> Preset()
    {
        var option = new Option<string?>("--preset")
        {
            Description = "Deliver for a platform: youtube, shorts, reels, tiktok, square, gif or master (replaces the project's output.preset; see the presets table).",
        };
        option.AcceptOnlyFromAmong(s_names);
        return option;
    }

    public static PlatformPreset? Platform(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "youtube" => PlatformPreset.YouTube,
        "shorts" => PlatformPreset.Shorts,
        "reels" => PlatformPreset.Reels,
        "tiktok" => PlatformPreset.TikTok,
        "square" => PlatformPreset.Square,
        "gif" => PlatformPreset.Gif,
        "master" => PlatformPreset.Master,
        _ => throw new ArgumentException($"'{name}' is not a preset; use {string.Join(", ", s_names)}."),
    };
}
