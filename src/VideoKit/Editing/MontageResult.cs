using System.Collections.Immutable;
using VideoKit.Rendering;

namespace VideoKit.Editing;

/// <summary>What <see cref="BeatMontage.RenderAsync"/> did: the plan, how each clip was fitted, the render, and the cut check.</summary>
public sealed class MontageResult
{
    /// <summary>The plan that was rendered.</summary>
    public required EditPlan Plan { get; init; }

    /// <summary>How each segment's clip was fitted, one per segment.</summary>
    public required ImmutableArray<ClipFit> Fits { get; init; }

    /// <summary>What was written.</summary>
    public required RenderResult Render { get; init; }

    /// <summary>Where the cuts are in the written file against the plan, or <see langword="null"/> when not verified.</summary>
    public CutVerificationReport? Verification { get; init; }
}
