using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>How <see cref="BeatMontage.RenderAsync"/> renders a plan: size, clip fitting, clip sound, verification.</summary>
public sealed class MontageOptions
{
    /// <summary>The defaults: 1920×1080 (as every VideoKit entry point), the default fit policy, clip sound dropped, cuts verified.</summary>
    public static MontageOptions Default { get; } = new();

    /// <summary>The output size (default 1920×1080, as <see cref="Zoom.ZoomVideoOptions.Size"/> and project files).</summary>
    public Resolution Size { get; init; } = Resolution.Hd1080;

    /// <summary>How clips are fitted into their segments and to the output's aspect ratio.</summary>
    public ClipFitPolicy FitPolicy { get; init; } = ClipFitPolicy.Default;

    /// <summary>What happens to the clips' own sound (default: dropped; the song is the soundtrack).</summary>
    public ClipAudioMode ClipAudio { get; init; } = ClipAudioMode.Drop;

    /// <summary>The gain of clip sound mixed under the song when <see cref="ClipAudio"/> is <see cref="ClipAudioMode.Duck"/> (default 0.25).</summary>
    public float ClipAudioVolume { get; init; } = 0.25f;

    /// <summary>Whether to measure the cuts in the written file and report them against the plan (default true).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>The scene-change detector used for verification; <see langword="null"/> for the defaults.</summary>
    internal CutDetector? Detector { get; init; }

    /// <summary>Codec, quality, overwriting and parallelism of the render.</summary>
    public RenderOptions Render { get; init; } = RenderOptions.Default;

    /// <summary>Replace an existing output file (the one place to say so for this call; <c>Render.Overwrite</c> also counts).</summary>
    public bool Overwrite { get; init; }

    internal RenderOptions EffectiveRender => Render.WithOverwrite(Overwrite || Render.Overwrite);

    /// <summary>Checks these options and the render options they hold, reporting every problem at once.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new OptionsProblems();
        problems.If(Size.Width < 2 || Size.Height < 2 || (Size.Width & 1) != 0 || (Size.Height & 1) != 0, nameof(Size), $"must be even and at least 2×2 (is {Size})");
        problems.If(!(ClipAudioVolume >= 0 && ClipAudioVolume <= 4), nameof(ClipAudioVolume), $"must be from 0 to 4 (is {ClipAudioVolume})");
        problems.If(!Enum.IsDefined(ClipAudio), nameof(ClipAudio), $"'{ClipAudio}' is not a clip audio mode");
        OptionsProblems render = problems.Nested(nameof(Render));
        Render.Collect(render);
        problems.Add(render);
        problems.ThrowIfAny(nameof(MontageOptions));
    }
}

/// <summary>What happens to the sound of video clips in a montage.</summary>
public enum ClipAudioMode
{
    /// <summary>Dropped: only the song is heard.</summary>
    Drop,

    /// <summary>Mixed under the song at <see cref="MontageOptions.ClipAudioVolume"/>, following each clip's fit (in-point, speed).</summary>
    Duck,
}
