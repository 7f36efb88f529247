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

    public static Task<Result> RunAsync(params string[] args) => RunDllAsync(DllPath, args);

    /// <summary>Runs another built .NET program (a sample) with <c>dotnet</c>, the same way, and waits for it.</summary>
    public static async Task<Result> RunDllAsync(string dll, params string[] args)
    {
        using Process p = Start(interruptible: false, dll, args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the command with these environment variables set (a <see langword="null"/> value removes one).</summary>
    public static async Task<Result> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using Process p = Start(interruptible: false, DllPath, args, environment);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the command without waiting (standard output and error redirected; read them).</summary>
    public static Process Start(params string[] args) => Start(interruptible: false, DllPath, args);

    /// <summary>
    /// Starts the command as a terminal's foreground job runs it, so that it takes Ctrl+C (SIGINT) whatever the test
    /// runner inherited. A shell starts a background job (<c>CI=true bash .ci/run &amp;</c>, or a CI agent doing the same)
    /// with SIGINT and SIGQUIT ignored; an ignored signal stays ignored across fork and exec, and .NET leaves it so, which
    /// is right for a background job: the tool would never see the interrupt a test sends. GNU env resets it.
    /// </summary>
    public static Process StartInterruptible(params string[] args) => Start(interruptible: true, DllPath, args);

    private static Process Start(bool interruptible, string dll, string[] args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(interruptible ? "env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[name] = value;
        }

        if (interruptible)
        {
            psi.ArgumentList.Add("--default-signal=INT");
            psi.ArgumentList.Add("dotnet");
        }

        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }
}
