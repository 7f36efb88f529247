using BenchmarkDotNet.Running;

namespace VideoKit.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet switcher plus named comparison commands (see benchmarks/README.md).</summary>
public static class Program
{
    /// <summary>Runs a comparison command when the first argument names one, otherwise BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && Comparisons.TryGet(args[0], out Func<string[], Task<int>>? command))
        {
            return await command(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
