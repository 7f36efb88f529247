using VideoKit.Audio;
using VideoKit.Text;

namespace VideoKit;

/// <summary>The words-and-sound parts of a timeline: burned-in text and the audio mix.</summary>
public sealed partial class Timeline
{
    /// <summary>Text burned into the picture (captions, karaoke, titles), or <see langword="null"/> for none.</summary>
    public TextLayer? Text { get; internal init; }

    /// <summary>How the sound is mixed (extra tracks, ducking, fades, loudness), or <see langword="null"/> to use the song as it is.</summary>
    public AudioMix? Audio { get; internal init; }

    /// <summary>
    /// The audio tracks, one item each: the song first (from 0, at <see cref="AudioMix.SongVolume"/>), then every sound
    /// the mix adds. Empty for a silent timeline. This is a view of <see cref="SongPath"/> and <see cref="Audio"/>.
    /// </summary>
    public IReadOnlyList<AudioTrack> AudioTracks =>
        [.. SongPath is { } song ? [new AudioTrack { Path = song, Volume = Audio?.SongVolume ?? 1, FadeIn = Audio?.FadeIn ?? TimeSpan.Zero, FadeOut = Audio?.FadeOut ?? TimeSpan.Zero }] : Array.Empty<AudioTrack>(),
         .. Audio?.Tracks ?? []];

    /// <summary>Effects on the video track's picture (a beat edit's onset flashes and zoom punches), in time order.</summary>
    public IReadOnlyList<TimelineEffect> Effects { get; internal init; } = [];
}
