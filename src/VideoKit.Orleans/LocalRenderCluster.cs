using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VideoKit.Orleans;

/// <summary>
/// A one-machine Orleans cluster started in this process (localhost clustering on free ports, no set-up), used by
/// <c>videokit render --workers N</c>: the video is split into N segments rendered by N workers at once, each with its
/// share of the cores, then stitched.
/// </summary>
public static class LocalRenderCluster
{
    /// <summary>Renders a project file with <paramref name="workers"/> segment workers in an in-process silo.</summary>
    /// <param name="projectPath">The project file.</param>
    /// <param name="outputPath">The video to write.</param>
    /// <param name="workers">Segments rendered at once (and the number of segments).</param>
    /// <param name="overwrite">Replace an existing output.</param>
    /// <param name="progress">The job's status as it goes.</param>
    /// <param name="cancellationToken">Cancels every worker; nothing is written.</param>
    /// <returns>The final status.</returns>
    public static async Task<RenderJobStatus> RenderProjectAsync(string projectPath, string outputPath, int workers, bool overwrite = false,
        IProgress<RenderJobStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        string project = Path.GetFullPath(projectPath);
        string output = Path.GetFullPath(outputPath);
        if (!File.Exists(project))
        {
            throw new FileNotFoundException($"The project file '{projectPath}' does not exist.", projectPath);
        }

        if (!Directory.Exists(Path.GetDirectoryName(output)))
        {
            throw new DirectoryNotFoundException($"The folder of the output '{outputPath}' does not exist.");
        }

        // The whole local file system is the shared folder: every silo of this cluster is this process.
        var store = new SharedFolderMediaStore(Path.GetPathRoot(project)!);
        string work = Path.Combine(Path.GetDirectoryName(output)!, ".videokit-job-" + Guid.NewGuid().ToString("N")[..8]);
        using IHost host = new HostBuilder()
            .UseOrleans(silo => silo
                .UseLocalhostClustering(FreePort(), FreePort())
                .AddVideoKitRendering(store))
            .Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = new RenderJobRequest
            {
                ProjectKey = store.KeyOf(project),
                OutputKey = store.KeyOf(output),
                Segments = workers,
                WorkFolderKey = store.KeyOf(work),
                Overwrite = overwrite,
                WorkerParallelism = Math.Max(1, Environment.ProcessorCount / workers),
            };
            return await ClusterRenderer.RenderAsync(host.Services.GetRequiredService<IGrainFactory>(), request, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
