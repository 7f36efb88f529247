using VideoKit.Audio;
using VideoKit.Text;

namespace VideoKit;

/// <summary>Text and sound on the builder.</summary>
public sealed partial class TimelineBuilder
{
    private TextLayer? _text;
    private AudioMix? _audio;

    /// <summary>Burns text into the picture: captions (karaoke or not), titles, or a ready-made .ass file.</summary>
    /// <param name="text">The text layer.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder WithText(TextLayer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
        return this;
    }

    /// <summary>Mixes the sound: extra tracks, clip sound, ducking, fades and loudness normalisation.</summary>
    /// <param name="audio">The mix.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder WithAudio(AudioMix audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        _audio = audio;
        return this;
    }

    /// <summary>Adds a sound on an audio track beside the song (a voice-over, an effect), kept in the timeline's
    /// <see cref="AudioMix"/> (when there is none yet, one that leaves the song as it is: no loudness normalisation).</summary>
    /// <param name="track">The sound: file, start, volume, fades, whether the song ducks under it.</param>
    /// <returns>This builder.</returns>
    public TimelineBuilder AddAudio(AudioTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        AudioMix mix = _audio ?? new AudioMix { Loudness = null };
        _audio = mix.WithTracks([.. mix.Tracks, track]);
        return this;
    }


    private void ValidateWords(List<TimelineProblem> problems)
    {
        if (_text is not null)
        {
            foreach (string p in _text.Validate())
            {
                problems.Add(Split(p));
            }
        }

        if (_audio is not null)
        {
            foreach (string p in _audio.Validate())
            {
                problems.Add(Split(p));
            }
        }
    }

    private static TimelineProblem Split(string problem)
    {
        int colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? new(null, "text", problem) : new(null, problem[..colon], problem[(colon + 2)..]);
    }
}
