namespace VideoKit.Editing;

/// <summary>
/// Cuts faster where the music is busy: the song is split into the cut rule's nominal intervals, each interval's mean
/// onset strength is compared with the median over the song, and a dense interval gets an extra cut in its middle while
/// two sparse intervals in a row merge into one. Cuts stay on the rule's beat grid.
/// </summary>
public sealed class CutDensity
{
    /// <summary>An interval whose onset density is at least this multiple of the median is cut in half (default 1.5).</summary>
    public double DenseRatio { get; init; } = 1.5;

    /// <summary>An interval whose onset density is at most this multiple of the median may merge with a sparse neighbour (default 0.6).</summary>
    public double SparseRatio { get; init; } = 0.6;

    /// <summary>The default: halve dense intervals, double sparse ones.</summary>
    public static CutDensity OnsetAdaptive { get; } = new();

    internal void Validate()
    {
        if (!(DenseRatio > 1) || !(SparseRatio > 0) || !(SparseRatio < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DenseRatio), $"CutDensity needs DenseRatio > 1 and 0 < SparseRatio < 1 (got {DenseRatio} and {SparseRatio}).");
        }
    }
}
