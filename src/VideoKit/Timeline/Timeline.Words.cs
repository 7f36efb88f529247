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

    /// <summary>Effects on the video track's picture (a beat edit's onset flashes and zoom punches), in time order.</summary>
    public IReadOnlyList<TimelineEffect> Effects { get; internal init; } = [];
}
