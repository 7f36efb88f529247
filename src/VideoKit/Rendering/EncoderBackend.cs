namespace VideoKit.Rendering;

/// <summary>Which encoder writes H.264/H.265: software, a named hardware encoder, or the first hardware one that works.</summary>
public enum EncoderBackend
{
    /// <summary>Software: libx264 / libx265 (the default; same result on every machine).</summary>
    Software = 0,

    /// <summary>The first hardware encoder (NVENC, then VAAPI, then Quick Sync) that FFmpeg lists and that passes a
    /// tiny trial encode on this machine; software when none does.</summary>
    Auto = 1,

    /// <summary>NVIDIA NVENC (h264_nvenc / hevc_nvenc).</summary>
    Nvenc = 2,

    /// <summary>VAAPI (h264_vaapi / hevc_vaapi) on the first render node, /dev/dri/renderD128 (Intel, AMD on Linux).</summary>
    Vaapi = 3,

    /// <summary>Intel Quick Sync (h264_qsv / hevc_qsv).</summary>
    Qsv = 4,
}
