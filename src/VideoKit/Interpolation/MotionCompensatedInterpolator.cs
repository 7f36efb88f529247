using VideoKit.Imaging;

namespace VideoKit.Interpolation;

/// <summary>
/// Motion-compensated interpolation: estimates a symmetric motion field between A and B at the in-between time
/// (hierarchical block matching on luma with spatial and parent predictors and sub-pixel refinement), turns it into a
/// smooth per-pixel field, moves both frames to time t with bilinear sampling, and blends them with occlusion-aware
/// weights: per block, a side whose source area is claimed by a better-matching block with another vector (or lies
/// outside the picture) is treated as hidden there and weighs less, so uncovered and covered areas do not ghost. Across a scene cut, or when motion explains B badly, it copies the
/// nearer frame.
/// </summary>
public sealed class MotionCompensatedInterpolator : IFrameInterpolator
{
    /// <summary>The scene-cut test; <see langword="null"/> interpolates across cuts too.</summary>
    public SceneCutDetector? SceneCuts { get; init; } = new();

    /// <summary>The most threads one call uses (at least 1).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Frames wider than this are analysed at half size (the warp is always at full size). Default 1024: 720p and 1080p are
    /// analysed at half size, which keeps their blocks 16 pixels wide.
    /// </summary>
    public int FullResolutionAnalysisMaxWidth { get; init; } = 1024;

    /// <summary>
    /// The mean luma error per pixel (0–255) left after motion compensation above which A and B are treated as a cut.
    /// Default 28.
    /// </summary>
    public double MaxMatchError { get; init; } = 28;

    /// <summary>
    /// Frames with at most this many pixels are sampled bicubically (sharper: +0.6 dB on camera footage, at several times
    /// the warp cost); larger ones bilinearly with SIMD. Default 1024×576, so 640×480 and 960×540 get bicubic and 720p and
    /// 1080p keep the fast path.
    /// </summary>
    public long BicubicMaxPixels { get; init; } = 1024 * 576;

    // Frames analysed at full resolution (up to FullResolutionAnalysisMaxWidth) match on overlapped 16×16 windows: their
    // 8×8 blocks are small against coding noise (vtest.avi +0.09 dB). Half-size analysis already averages 2×2 pixels,
    // and the 1080p speed budget has no room for five SADs per candidate.

    /// <summary>False runs the scalar references of the luma conversion, the pyramid and the block matching (for tests and benchmark baselines).</summary>
    internal bool Vectorized { get; init; } = true;

    /// <summary>False blends the two projected frames with plain weights 1 − t and t (for comparisons in tests).</summary>
    internal bool OcclusionAware { get; init; } = true;

    /// <summary>False trusts every vector fully, with no fall-back towards the cross-fade where motion explains little (for comparisons).</summary>
    internal bool ReliabilityAware { get; init; } = true;

    /// <summary>
    /// The pyramid level on which motion is also estimated forwards (A → B) and backwards (B → A) for the occlusion
    /// check of <see cref="MotionConsistency"/> (0: the analysed plane); negative (the default) skips it. Off by default:
    /// on synthetic occlusions it gains 0.1–0.4 dB around the moving edges, but on the three real clips it is neutral to
    /// slightly worse (tree.avi −0.03 dB, vtest.avi −0.01 dB; see the folder README) for two more motion searches.
    /// </summary>
    internal int ConsistencyLevel { get; init; } = -1;

    /// <summary>Pyramid levels are added while the short side is at least this many pixels (default 64; for experiments).</summary>
    internal int PyramidMinSide { get; init; } = 64;

    /// <summary>The exhaustive search range, in pixels of the coarsest level (default 4: ±16 px at 320×240; for experiments).</summary>
    internal int CoarseSearchRange { get; init; } = 4;

    /// <inheritdoc />
    public void Interpolate(Frame first, Frame second, double position, Frame destination)
    {
        double t = FrameInterpolator.Check(first, second, position, destination);
        if (t <= 0 || t >= 1 || (SceneCuts?.IsCut(first, second) ?? false))
        {
            (t < 0.5 ? first : second).CopyTo(destination);
            return;
        }

        int dop = Math.Max(1, MaxDegreeOfParallelism);
        int factor = first.Width > FullResolutionAnalysisMaxWidth && first.Height >= 256 ? 2 : 1;
        if (first.Width / factor < 2 * BlockMatcher.Size || first.Height / factor < 2 * BlockMatcher.Size)
        {
            BlendInterpolator.Blend(first, second, BlendKernel.Weight(t), destination, dop);
            return;
        }

        LumaPlane[] pa = [], pb = [];
        try
        {
            LumaPlane? la = null, lb = null;
            Parallel.Invoke(
                new ParallelOptions { MaxDegreeOfParallelism = dop },
                () => la = LumaPlane.FromFrame(first, factor, Vectorized),
                () => lb = LumaPlane.FromFrame(second, factor, Vectorized));
            pa = MotionEstimator.BuildPyramid(la!, Vectorized, PyramidMinSide);
            pb = MotionEstimator.BuildPyramid(lb!, Vectorized, PyramidMinSide);
            MotionField field = MotionEstimator.Estimate(pa, pb, (float)t, dop, Vectorized, overlapped: factor == 1, coarseRange: CoarseSearchRange);
            if (field.MeanError() > MaxMatchError)
            {
                (t < 0.5 ? first : second).CopyTo(destination);
                return;
            }

            MotionConsistency? consistency = ConsistencyLevel >= 0 && OcclusionAware
                ? MotionConsistency.Estimate(pa, pb, ConsistencyLevel, dop, Vectorized, overlapped: factor == 1)
                : null;
            MotionWarper.Warp(first, second, field, factor, (float)t, destination, BicubicMaxPixels, dop, occlusionAware: OcclusionAware, lumaA: ReliabilityAware ? pa[0] : null, lumaB: ReliabilityAware ? pb[0] : null, consistency: consistency);
        }
        finally
        {
            foreach (LumaPlane p in pa)
            {
                p.Dispose();
            }

            foreach (LumaPlane p in pb)
            {
                p.Dispose();
            }
        }
    }
}
