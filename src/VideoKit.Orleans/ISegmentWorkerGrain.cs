namespace VideoKit.Orleans;

/// <summary>Renders one segment attempt (keyed <c>JOB/SEGMENT/ATTEMPT</c>, so a retry is a new activation, placed anew).</summary>
public interface ISegmentWorkerGrain : IGrainWithStringKey
{
    /// <summary>Renders the segment into the store and returns its frame count; the render runs off the grain scheduler.</summary>
    /// <param name="assignment">What to render.</param>
    /// <param name="cancellationToken">Cancelled by the job (Orleans carries the cancellation to the silo): FFmpeg stops, no file is left.</param>
    /// <returns>Frames written.</returns>
    [ResponseTimeout("1.00:00:00")] // a segment may take long; liveness is the job's heartbeat watchdog, not a call timeout
    Task<long> RenderAsync(SegmentAssignment assignment, CancellationToken cancellationToken);

    /// <summary>Encodes the job's sound (the song or the audio mix, <c>SegmentAudio</c>) into the store, beside the segments,
    /// so the stitch only remuxes it; the assignment's <see cref="SegmentAssignment.Number"/> is 0. Runs off the grain scheduler.</summary>
    /// <param name="assignment">Where the sound goes (the plan's fingerprint is checked as for a segment).</param>
    /// <param name="cancellationToken">Cancelled by the job: FFmpeg stops, no file is left.</param>
    /// <returns>0 (no frames).</returns>
    [ResponseTimeout("1.00:00:00")]
    Task<long> EncodeSoundAsync(SegmentAssignment assignment, CancellationToken cancellationToken);
}
