using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using VideoKit.Media;

namespace VideoKit.IntegrationTests.Packaging;

/// <summary>
/// The package works for someone outside this repository: pack VideoKit into a local folder, create a fresh console
/// project elsewhere that references it from that folder (plus the machine's configured package source), run it, and
/// check what it produced with the probe.
/// </summary>
[Trait("Category", "FFmpeg")]
public sealed class PackageConsumerTests
{
    // Kept between runs so restores after the first come from a warm cache; the VideoKit entry is dropped each run.
    private static readonly string s_root = Path.Combine(Path.GetTempPath(), "videokit-package-consumer");

    [Fact]
    public async Task PackedPackage_FreshConsoleProject_RendersAVideoTheProbeAccepts()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromMinutes(8));
        string run = Path.Combine(s_root, "run-" + Guid.NewGuid().ToString("N")[..8]);
        string feed = Path.Combine(run, "feed");
        string app = Path.Combine(run, "app");
        string packages = Path.Combine(s_root, "packages");
        Directory.CreateDirectory(app);
        try
        {
            // Arrange: pack, then a project that knows nothing of the repository.
            string project = Path.Combine(RepositoryRoot, "src", "VideoKit", "VideoKit.csproj");
            await DotnetAsync(RepositoryRoot, packages, timeout.Token, "pack", project, "-c", "Release", "-o", feed, "-nologo", "-v", "q");
            string nupkg = Assert.Single(Directory.GetFiles(feed, "VideoKit.*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), "dotnet pack wrote no symbols package.");
            string version = Path.GetFileNameWithoutExtension(nupkg)["VideoKit.".Length..];
            string cached = Path.Combine(packages, "videokit", version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true); // never test a package restored by an earlier run
            }

            WriteConsumer(app, feed, version);
            string output = Path.Combine(run, "out put", "consumer video.mp4");
            string song = TestMedia.Tone("consumer-song.wav", 2);

            // Act
            string stdout = await DotnetAsync(app, packages, timeout.Token, "run", "-c", "Release", "--", song, output);

            // Assert: the program reports success and the probe agrees about the file.
            Assert.Contains("rendered 50 frames, 320x180, audio: True", stdout, StringComparison.Ordinal);
            MediaInfo info = await MediaProbe.ProbeAsync(output, cancellationToken: token);
            VideoStreamInfo video = Assert.Single(info.VideoStreams);
            Assert.Equal((320, 180), (video.Width, video.Height));
            Assert.InRange(info.Duration.TotalSeconds, 1.9, 2.1);
            Assert.Equal(50, video.FrameCount);
            Assert.Single(info.AudioStreams);
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

    private static string RepositoryRoot =>
        Path.GetFullPath(typeof(PackageConsumerTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!);

    private static void WriteConsumer(string folder, string feed, string version)
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
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="VideoKit" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ConsumerProgram);
    }

    // The consumer's whole program: only the public API of the package.
    private const string ConsumerProgram = """
        using VideoKit;
        using VideoKit.Imaging;
        using VideoKit.Media;
        using VideoKit.Rendering;

        string song = args[0], output = args[1];
        string folder = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(folder);

        // Two pictures drawn in memory, resized with the package's resampler and saved through FFmpeg.
        var stills = new List<string>();
        for (int n = 0; n < 2; n++)
        {
            using var picture = new Frame(640, 360);
            for (int y = 0; y < picture.Height; y++)
            {
                Span<byte> row = picture.GetRow(y);
                for (int x = 0; x < picture.Width; x++)
                {
                    row[x * 4] = (byte)(n == 0 ? x * 255 / picture.Width : 40);
                    row[(x * 4) + 1] = (byte)(y * 255 / picture.Height);
                    row[(x * 4) + 2] = (byte)(n == 0 ? 60 : 220);
                    row[(x * 4) + 3] = 255;
                }
            }

            using Frame small = Resampler.Resize(picture, 480, 270);
            string still = Path.Combine(folder, $"still {n}.png");
            await ImageFile.SaveAsync(small, still);
            stills.Add(still);
        }

        // A 2-second music video: the song is the clock, two stills with a crossfade between them.
        Timeline timeline = new TimelineBuilder(new Resolution(320, 180), FrameRate.Fps25)
            .WithSong(song)
            .AddImage(stills[0], TimeSpan.Zero, TimeSpan.FromSeconds(1))
            .AddImage(stills[1], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), FitMode.Contain,
                      Transition.Crossfade(TimeSpan.FromMilliseconds(400)))
            .Build();
        RenderResult result = await timeline.RenderAsync(output, new RenderOptions { Preset = "ultrafast" });

        MediaInfo info = await MediaProbe.ProbeAsync(result.OutputPath);
        Console.WriteLine($"rendered {result.FrameCount} frames, {info.PrimaryVideo!.Width}x{info.PrimaryVideo.Height}, audio: {result.HasAudio}");
        return 0;
        """;

    private static async Task<string> DotnetAsync(string workingDirectory, string packages, CancellationToken cancellationToken, params string[] args)
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
