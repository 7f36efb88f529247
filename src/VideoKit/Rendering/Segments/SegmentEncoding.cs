using System.Globalization;

namespace VideoKit.Rendering.Segments;

/// <summary>
/// The encoder arguments that make separately encoded segments join with stream copy: a fixed GOP of
/// <see cref="KeyframeInterval"/> frames whose first key frame is the segment's first frame, no scene-cut key frames,
/// closed GOPs (x264 and VP9 close them by default; x265 is told), so no B-frame refers across a segment boundary,, and the segment's identity in the file's metadata.
/// </summary>
/// <param name="KeyframeInterval">Frames per GOP, the same for every segment of a plan.</param>
/// <param name="Metadata">The value of the <see cref="MetadataKey"/> tag written into the file.</param>
internal sealed record SegmentEncoding(int KeyframeInterval, string Metadata)
{
    /// <summary>The container tag that holds a segment's identity.</summary>
    public const string MetadataKey = "videokit_segment";

    /// <summary>Codec options for a segment (after the codec's own options).</summary>
    public IReadOnlyList<string> CodecArguments(VideoCodec codec)
    {
        string g = KeyframeInterval.ToString(CultureInfo.InvariantCulture);
        return codec switch
        {
            VideoCodec.H264 => ["-g", g, "-keyint_min", g, "-sc_threshold", "0", "-force_key_frames", "expr:eq(n,0)"],
            VideoCodec.Vp9 => ["-g", g, "-keyint_min", g, "-force_key_frames", "expr:eq(n,0)"],
            _ => [], // H.265 takes its GOP through -x265-params (X265Parameters); ProRes and FFV1 are intra-only.
        };
    }

    /// <summary>The x265 parameters for a segment: fixed GOP, no scene cuts, closed GOPs.</summary>
    public string X265Parameters => string.Create(CultureInfo.InvariantCulture, $":keyint={KeyframeInterval}:min-keyint={KeyframeInterval}:scenecut=0:open-gop=0");

    /// <summary>Container options: the identity tag (MP4/MOV need <c>use_metadata_tags</c> to keep it).</summary>
    public IReadOnlyList<string> MetadataArguments => ["-metadata", MetadataKey + "=" + Metadata];
}
