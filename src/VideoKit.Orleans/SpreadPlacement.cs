using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace VideoKit.Orleans;

/// <summary>
/// Places segment workers round-robin over the cluster's silos: segment K, attempt A goes to silo (K + A − 2) mod the
/// number of silos (in address order). A job's segments spread evenly over the silos, and a retried segment goes to
/// the next silo, never back to the one that lost it while the list is unchanged.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SpreadPlacement : PlacementStrategy
{
    internal static SpreadPlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class for <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>Uses <see cref="SpreadPlacement"/>.</summary>
    public SpreadPlacementAttribute()
        : base(SpreadPlacement.Singleton)
    {
    }
}

/// <summary>Picks the silo for a worker keyed <c>JOB/SEGMENT/ATTEMPT</c>.</summary>
internal sealed class SpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        SiloAddress[] silos = [.. context.GetCompatibleSilos(target).OrderBy(s => s.ToString(), StringComparer.Ordinal)];
        string[] key = target.GrainIdentity.Key.ToString()!.Split('/');
        int slot = key.Length >= 3 && int.TryParse(key[^2], System.Globalization.CultureInfo.InvariantCulture, out int segment)
            && int.TryParse(key[^1], System.Globalization.CultureInfo.InvariantCulture, out int attempt)
            ? segment + attempt - 2
            : (int)(target.GrainIdentity.GetUniformHashCode() & int.MaxValue);
        return Task.FromResult(silos[(int)((uint)slot % (uint)silos.Length)]);
    }
}
