namespace VideoKit.Rendering;

/// <summary>
/// Delivery presets for the places a music video goes: each fixes the codec, profile, pixel format, audio and
/// container flags the platform asks for, checks the frame size, and refuses a video longer than the platform takes
/// or a <see cref="RenderOptions.MaxBitrateKbps"/> above the platform's maximum bitrate.
/// The table is in <c>src/VideoKit/Rendering/README.md</c>.
/// </summary>
public enum PlatformPreset
{
    /// <summary>YouTube: 1920×1080 or 3840×2160 (16:9), H.264 high profile, yuv420p, CRF 18 capped at 12 Mbit/s (1080p)
    /// or 45 Mbit/s (4K), AAC 320 kbit/s 48 kHz, GOP of half a second, moov atom first (+faststart).</summary>
    YouTube = 1,

    /// <summary>YouTube Shorts: 1080×1920, at most 180 s, H.264 high, capped at 12 Mbit/s, AAC 320 kbit/s, +faststart.</summary>
    Shorts = 2,

    /// <summary>Instagram Reels: 1080×1920, at most 180 s, H.264 high, capped at 8 Mbit/s, AAC 320 kbit/s, +faststart.</summary>
    Reels = 3,

    /// <summary>TikTok: 1080×1920, at most 600 s, H.264 high, capped at 10 Mbit/s, AAC 320 kbit/s, +faststart.</summary>
    TikTok = 4,

    /// <summary>Square feed posts: 1080×1080, H.264 high, capped at 8 Mbit/s, AAC 320 kbit/s, +faststart.</summary>
    Square = 5,

    /// <summary>An animated GIF (.gif): the palette computed from the video (palettegen, paletteuse), at most 15 fps
    /// and 640 pixels wide, at most 60 s, no sound, and at most <see cref="RenderOptions.MaxFileBytes"/> (15 MiB unless
    /// set): a larger GIF is re-encoded with fewer frames per second, pixels and colours until it fits, or the render
    /// fails.</summary>
    Gif = 6,

    /// <summary>A master for editing or archiving: ProRes 422 HQ (yuv422p10le, PCM audio) in .mov, or lossless FFV1
    /// (FLAC audio) in .mkv.</summary>
    Master = 7,
}
