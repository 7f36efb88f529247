namespace VideoKit.Rendering.Segments;

/// <summary>
/// Renders one segment of a <see cref="SegmentPlan"/> to a video-only file (no song: <see cref="SegmentStitcher"/>
/// muxes it once over the whole length). The file starts on a key frame, uses the plan's encoder settings and GOP, and
/// carries the plan's fingerprint and the segment's number in its metadata. Output is atomic like every render.
/// </summary>
public static class SegmentRenderer
{
    /// <summary>Renders segment <paramref name="number"/> of <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan (its timeline and render options are used).</param>
    /// <param name="number">1 to the number of segments.</param>
    /// <param name="outputPath">The segment file: .mp4 or .mov keep exact timestamps (recommended); .mkv stores milliseconds.</param>
    /// <param name="progress">Frames of this segment encoded so far.</param>
    /// <param name="cancellationToken">Stops the render; no partial file is left.</param>
    /// <returns>What was written (frames and length of the segment).</returns>
    /// <exception cref="ArgumentOutOfRangeException">There is no segment <paramref name="number"/>.</exception>
    /// <exception cref="IOException">The output exists and the plan's options do not allow overwriting.</exception>
    /// <exception cref="OperationCanceledException">The render was cancelled.</exception>
    public static Task<RenderResult> RenderAsync(SegmentPlan plan, int number, string outputPath, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Segment segment = plan.Get(number);
        return new Renderer(plan.RenderOptions).RenderRangeAsync(plan.Timeline, segment.Frames, plan.EncodingFor(segment), outputPath, progress, cancellationToken);
    }
}
