using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Packaging;

/// <summary>
/// The packages work for someone outside this repository, with the commands a user types: pack the library
/// (VideoKit.Core) and the tool (videokit) into a local folder; in a fresh folder elsewhere <c>dotnet new console</c>,
/// <c>dotnet add package VideoKit.Core</c> from that folder (plus the machine's configured package source), paste the
/// README example into Program.cs and run it twice; then <c>dotnet tool install -g videokit --add-source</c> the folder
/// (into a scratch home, <c>DOTNET_CLI_HOME</c>, so the machine's own tools are untouched) and run <c>videokit --help</c>.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class PackageConsumerTests
{
    // Kept between runs so restores after the first come from a warm cache; the VideoKit entry is dropped each run.
    private static readonly string s_root = Path.Combine(Path.GetTempPath(), "videokit-package-consumer");

    [Fact]
    public async Task PackedPackages_ReadmeExampleRunsTwice_AndTheToolInstallsAsVideokit()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(15)); // about 2 min on a quiet 2-core machine; compiling ahead of time is slow under load
        string run = Path.Combine(s_root, "run-" + Guid.NewGuid().ToString("N")[..8]);
        string feed = Path.Combine(run, "feed");
        string app = Path.Combine(run, "app");
        string home = Path.Combine(run, "home"); // the global tools go to $DOTNET_CLI_HOME/.dotnet/tools
        // The pack builds into a folder of its own, never the repository's artifacts/: other tests run the built
        // artifacts/bin/VideoKit.Cli/<config>/videokit.dll at the same time, and a pack there (restored against another
        // package folder, so everything is compiled again) rewrites videokit.runtimeconfig.json in place: a `dotnet
        // videokit.dll` that starts while the file is empty fails before Main with 147 (0x80008093, the host's
        // "invalid runtimeconfig.json"). It also left the tree's obj/ restored against the scratch package folder.
        string artifacts = Path.Combine(run, "artifacts");
        string packages = Path.Combine(s_root, "packages");
        Directory.CreateDirectory(app);
        try
        {
            // Arrange: pack the tool (which builds the library) and the library, as ./build.sh pack does.
            // The tool is packed for this machine's platform and the `any` fallback only (./build.sh pack builds every
            // platform's package; compiling each ahead of time would add minutes here).
            string platform = ToolPlatform();
            // MSBuild splits a quoted value at the semicolon into a list; %3B would keep it one (unknown) identifier.
            string toolPlatforms = platform == "any" ? "any" : "\"" + platform + ";any\"";
            await DotnetAsync(RepositoryRoot, packages, timeout.Token, "pack", Path.Combine(RepositoryRoot, "src", "VideoKit.Cli", "VideoKit.Cli.csproj"), "-c", "Release", "-o", feed, "-nologo", "-v", "q", "-p:ArtifactsPath=" + artifacts, "-p:ToolPackageRuntimeIdentifiers=" + toolPlatforms);
            await DotnetAsync(RepositoryRoot, packages, timeout.Token, "pack", Path.Combine(RepositoryRoot, "src", "VideoKit", "VideoKit.csproj"), "-c", "Release", "-o", feed, "-nologo", "-v", "q", "-p:ArtifactsPath=" + artifacts, "--no-build");
            string nupkg = Assert.Single(Directory.GetFiles(feed, "VideoKit.Core.*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), "dotnet pack wrote no symbols package.");
            string version = Path.GetFileNameWithoutExtension(nupkg)["VideoKit.Core.".Length..];
            // The tool is one small package naming its platform packages: this platform's (ReadyToRun) and the
            // framework-dependent fallback for every other platform.
            string[] toolPackages = [.. Directory.GetFiles(feed, "videokit.*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            Assert.Contains("videokit." + version + ".nupkg", toolPackages);
            Assert.Contains("videokit.any." + version + ".nupkg", toolPackages);
            Assert.Contains("videokit." + platform + "." + version + ".nupkg", toolPackages);
            foreach (string id in new[] { "videokit.core", "videokit", "videokit.any", "videokit." + platform })
            {
                string cached = Path.Combine(packages, id, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true); // never test a package restored by an earlier run
                }
            }

            AssertNuspec(nupkg, version);
            WriteConsumer(app, feed);

            // Act 1: a new console app takes the package from the folder; the README example, pasted verbatim, runs twice
            // (the second run replaces hello.mp4).
            await DotnetAsync(app, packages, timeout.Token, "new", "console", "--force");
            await DotnetAsync(app, packages, timeout.Token, "add", "package", "VideoKit.Core", "--version", version);
            File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeExample());
            string first = await DotnetAsync(app, packages, timeout.Token, "run", "-c", "Release");
            string second = await DotnetAsync(app, packages, timeout.Token, "run", "-c", "Release", "--no-build");

            // Act 2: the tool, installed globally by its command's name.
            await DotnetAsync(run, packages, ["tool", "install", "-g", "videokit", "--add-source", feed, "--version", version], home, timeout.Token);
            string help = await RunAsync(Path.Combine(home, ".dotnet", "tools", "videokit"), timeout.Token, "--help");
            string installed = Path.Combine(home, ".dotnet", "tools", ".store", "videokit", version);

            // Assert
            foreach (string output in new[] { first, second })
            {
                Assert.Contains("hello.mp4: 60 frames, encoder libx264", output, StringComparison.Ordinal);
            }

            MediaInfo info = await MediaProbe.ProbeAsync(Path.Combine(app, "hello.mp4"), cancellationToken: token);
            Assert.Equal((640, 360, 60L), (info.PrimaryVideo!.Width, info.PrimaryVideo.Height, info.PrimaryVideo.FrameCount));
            Assert.Contains("render", help, StringComparison.Ordinal);
            Assert.Contains("export", help, StringComparison.Ordinal);
            Assert.Contains("Example:", help, StringComparison.Ordinal);

            // dotnet tool install chose this platform's package, compiled ahead of time with tiered compilation off.
            string runtimeConfig = Assert.Single(Directory.GetFiles(Path.Combine(installed, "videokit." + platform), "videokit.runtimeconfig.json", SearchOption.AllDirectories));
            Assert.Contains("\"System.Runtime.TieredCompilation\": false", File.ReadAllText(runtimeConfig), StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(run, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a scratch folder under the temp directory.
            }
        }
    }

    /// <summary>
    /// The version is MinVer's (a pre-release between tags) and the nuspec names a repository only when the git remote
    /// is a real repository address.
    /// </summary>
    private static void AssertNuspec(string nupkg, string version)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(nupkg);
        using var reader = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string nuspec = reader.ReadToEnd();
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$", version);
        string remote = GitRemote();
        bool real = remote.StartsWith("https://", StringComparison.Ordinal) || remote.StartsWith("http://", StringComparison.Ordinal) || remote.StartsWith("git@", StringComparison.Ordinal);
        Assert.Equal(real, nuspec.Contains("<repository", StringComparison.Ordinal));
        Assert.Contains("<readme>README.md</readme>", nuspec, StringComparison.Ordinal);
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.Contains("dotnet add package VideoKit.Core", readme.ReadToEnd(), StringComparison.Ordinal);
    }

    private static string GitRemote()
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "remote", "get-url", "origin" })
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        string url = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? url : string.Empty;
    }

    /// <summary>The README's first C# block: the example a user pastes.</summary>
    private static string ReadmeExample()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "VideoKit", "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>The tool package's platform for this machine (the csproj's ToolPackageRuntimeIdentifiers).</summary>
    private static string ToolPlatform() => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier switch
    {
        "linux-x64" or "linux-arm64" or "osx-arm64" or "win-x64" => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
        _ => "any",
    };

    private static async Task<string> RunAsync(string executable, CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, $"{executable} {string.Join(' ', args)} failed: {await stderr}");
        return await stdout;
    }

    private static string RepositoryRoot =>
        Path.GetFullPath(typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);

    private static void WriteConsumer(string folder, string feed)
    {
        // Empty MSBuild files stop any Directory.Build.* or central package management further up from leaking in.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />\n");

        // The local folder is added to the machine's configured sources (no <clear/>), which serve the dependencies.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="videokit-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }

    private static Task<string> DotnetAsync(string workingDirectory, string packages, CancellationToken cancellationToken, params string[] args) =>
        DotnetAsync(workingDirectory, packages, args, cliHome: null, cancellationToken);

    private static async Task<string> DotnetAsync(string workingDirectory, string packages, string[] args, string? cliHome, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // A child build must not inherit the test host's MSBuild settings.
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            string key = (string)e.Key;
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["NUGET_PACKAGES"] = packages;
        if (cliHome is not null)
        {
            psi.Environment["DOTNET_CLI_HOME"] = cliHome;
        }

        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // leave no idle MSBuild nodes behind the test
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout, error = await stderr;
        if (process.ExitCode != 0)
        {
            var message = new StringBuilder().Append("dotnet ").AppendJoin(' ', args).Append(" failed with exit code ")
                .Append(process.ExitCode).AppendLine(":").AppendLine(output).Append(error);
            Assert.Fail(message.ToString());
        }

        return output;
    }
}
