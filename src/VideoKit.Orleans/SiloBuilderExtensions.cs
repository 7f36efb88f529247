using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;

namespace VideoKit.Orleans;

/// <summary>Adds VideoKit's render grains to a silo.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Lets this silo run render jobs and segment workers, with <paramref name="store"/> as the shared media store.</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="store">The store every silo of the cluster reaches.</param>
    /// <param name="configure">Changes the job's retry settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddVideoKitRendering(this ISiloBuilder builder, IMediaStore store, Action<ClusterRenderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<RenderWorkTracker>();
        builder.Services.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        builder.Services.Configure<ClusterRenderOptions>(o => configure?.Invoke(o));
        return builder;
    }
}
