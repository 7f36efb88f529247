namespace VideoKit.Audio;

/// <summary>An extra sound on the timeline (a voice-over, a sound effect): a file placed at a time, with its own volume,
/// fades, and whether the music ducks under it.</summary>
public sealed class AudioTrack
{
    /// <summary>The audio file (anything FFmpeg reads).</summary>
    public required string Path { get; init; }

    /// <summary>When it starts on the video's clock.</summary>
    public TimeSpan Start { get; init; }

    /// <summary>Linear gain (1 = as recorded, 0.5 ≈ −6 dB).</summary>
    public double Volume { get; init; } = 1;

    /// <summary>Fade in from its start.</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>Fade out before its end.</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>Lower the music while this track sounds (a voice).</summary>
    public bool Duck { get; init; }
}
