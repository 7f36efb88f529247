using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>One piece of material for a montage: a video file, a still image, or any frame source (a zoom sequence).</summary>
public sealed class MontageClip
{
    private MontageClip(MontageClipKind kind, string name, string? path, IFrameSource? source, bool followsSongTime, Func<IFrameSource>? factory = null, TimeSpan? length = null)
    {
        Factory = factory;
        Length = length;
        Kind = kind;
        Name = name;
        Path = path;
        Source = source;
        FollowsSongTime = followsSongTime;
    }

    /// <summary>What the clip is.</summary>
    public MontageClipKind Kind { get; }

    /// <summary>A name for messages (the file name or the source's name).</summary>
    public string Name { get; }

    /// <summary>The file, for a video or an image.</summary>
    public string? Path { get; }

    /// <summary>The frame source, for <see cref="MontageClipKind.Source"/>.</summary>
    public IFrameSource? Source { get; }

    /// <summary>
    /// For a source: true when it is asked for the output time (a zoom that runs through the whole song and is only
    /// shown in some segments), false when each segment plays it from its start.
    /// </summary>
    public bool FollowsSongTime { get; }

    /// <summary>For a generated clip: creates a fresh source for each segment it fills (owned and disposed by the renderer).</summary>
    internal Func<IFrameSource>? Factory { get; }

    /// <summary>For a generated clip: how long its source plays.</summary>
    internal TimeSpan? Length { get; }

    /// <summary>A clip generated afresh for every segment it fills (a project's zoom sequence).</summary>
    internal static MontageClip FromFactory(string name, Func<IFrameSource> factory, TimeSpan length) =>
        new(MontageClipKind.Source, name, null, null, false, factory, length);

    /// <summary>A video file (its sound is not used unless the montage ducks it under the song).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The clip.</returns>
    public static MontageClip Video(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new MontageClip(MontageClipKind.Video, System.IO.Path.GetFileName(path), path, null, false);
    }

    /// <summary>A still image.</summary>
    /// <param name="path">The file (anything FFmpeg reads).</param>
    /// <returns>The clip.</returns>
    public static MontageClip Image(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new MontageClip(MontageClipKind.Image, System.IO.Path.GetFileName(path), path, null, false);
    }

    /// <summary>A video or an image, by the file's extension (.png, .jpg, .jpeg, .webp, .bmp, .tif and .tiff are images).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The clip.</returns>
    public static MontageClip File(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string ext = System.IO.Path.GetExtension(path).ToUpperInvariant();
        return ext is ".PNG" or ".JPG" or ".JPEG" or ".WEBP" or ".BMP" or ".TIF" or ".TIFF" ? Image(path) : Video(path);
    }

    /// <summary>Any frame source; the montage prepares it and never disposes it (the caller owns it).</summary>
    /// <param name="source">The source; it fits its pictures to the output size itself.</param>
    /// <param name="followsSongTime">True to ask it for the output time rather than the time into each segment.</param>
    /// <returns>The clip.</returns>
    public static MontageClip FromSource(IFrameSource source, bool followsSongTime = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new MontageClip(MontageClipKind.Source, source.Name, null, source, followsSongTime);
    }

    /// <summary>The clip's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

/// <summary>What a <see cref="MontageClip"/> is.</summary>
public enum MontageClipKind
{
    /// <summary>A video file.</summary>
    Video,

    /// <summary>A still image.</summary>
    Image,

    /// <summary>A frame source.</summary>
    Source,
}
