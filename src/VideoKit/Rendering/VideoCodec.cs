namespace VideoKit.Rendering;

/// <summary>The video encoders VideoKit has presets for.</summary>
public enum VideoCodec
{
    /// <summary>H.264 (libx264), the default: plays everywhere. Defaults: preset medium, CRF 20, yuv420p, AAC audio.</summary>
    H264 = 0,

    /// <summary>H.265/HEVC (libx265): about half the size of H.264 at the same quality, slower. Defaults: medium, CRF 24.</summary>
    H265 = 1,

    /// <summary>VP9 (libvpx-vp9) for .webm, with Opus audio. Defaults: deadline good, CRF 32.</summary>
    Vp9 = 2,

    /// <summary>Apple ProRes (prores_ks) for editing, .mov, PCM audio. Defaults: profile hq, yuv422p10le. No CRF.</summary>
    ProRes = 3,

    /// <summary>FFV1, lossless (from RGBA, as bgr0), for .mkv intermediates, FLAC audio. No CRF or preset.</summary>
    Ffv1 = 4,
}
