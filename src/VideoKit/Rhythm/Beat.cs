namespace VideoKit.Rhythm;

/// <summary>One beat of a <see cref="BeatGrid"/>.</summary>
/// <param name="Index">The beat's position in the grid, from 0.</param>
/// <param name="Time">When the beat falls, from the start of the song.</param>
/// <param name="Bar">The bar the beat belongs to, from 0 (beats before the first downbeat are in bar -1).</param>
/// <param name="BeatInBar">The beat's position in its bar, from 1 (1 is the downbeat).</param>
public readonly record struct Beat(int Index, TimeSpan Time, int Bar, int BeatInBar)
{
    /// <summary>True when this beat is the first of its bar.</summary>
    public bool IsDownbeat => BeatInBar == 1;
}
