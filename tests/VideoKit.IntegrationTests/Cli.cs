using System.Diagnostics;

namespace VideoKit.IntegrationTests;

/// <summary>Runs the built <c>videokit</c> command as a separate process, as a user would.</summary>
internal static class Cli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>The built videokit.dll next to this test assembly's configuration.</summary>
    public static string DllPath
    {
        get
        {
            // artifacts/bin/VideoKit.IntegrationTests/<config>/ → artifacts/bin/VideoKit.Cli/<config>/videokit.dll
            string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            string config = Path.GetFileName(here);
            string bin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
            return Path.Combine(bin, "VideoKit.Cli", config, "videokit.dll");
        }
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using Process p = Start(args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the command without waiting (standard output and error redirected; read them).</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(DllPath);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }
}
