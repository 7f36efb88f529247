using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>How <see cref="BeatMontage.RenderAsync"/> renders a plan: size, clip fitting, clip sound, verification.</summary>
public sealed class MontageOptions
{
    /// <summary>The defaults: 1280×720, the default fit policy, clip sound dropped, cuts verified.</summary>
    public static MontageOptions Default { get; } = new();

    /// <summary>The output size (default 1280×720).</summary>
    public Resolution Size { get; init; } = Resolution.Hd720;

    /// <summary>How clips are fitted into their segments and to the output's aspect ratio.</summary>
    public ClipFitPolicy FitPolicy { get; init; } = ClipFitPolicy.Default;

    /// <summary>What happens to the clips' own sound (default: dropped; the song is the soundtrack).</summary>
    public ClipAudioMode ClipAudio { get; init; } = ClipAudioMode.Drop;

    /// <summary>The gain of clip sound mixed under the song when <see cref="ClipAudio"/> is <see cref="ClipAudioMode.Duck"/> (default 0.25).</summary>
    public float ClipAudioVolume { get; init; } = 0.25f;

    /// <summary>Whether to measure the cuts in the written file and report them against the plan (default true).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The scene-change detector used for verification; <see langword="null"/> for the defaults.</summary>
    public CutDetector? Detector { get; init; }

    /// <summary>Codec, quality, overwriting and parallelism of the render.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;
}

/// <summary>What happens to the sound of video clips in a montage.</summary>
public enum ClipAudioMode
{
    /// <summary>Dropped: only the song is heard.</summary>
    Drop,

    /// <summary>Mixed under the song at <see cref="MontageOptions.ClipAudioVolume"/>, following each clip's fit (in-point, speed).</summary>
    Duck,
}
