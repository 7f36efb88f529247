using System.Reflection;
using System.Runtime.Loader;

namespace VideoKit.IntegrationTests.CliTests;

/// <summary>
/// Runs the built <c>videokit</c> tool inside the test process (its own load context: the tool's assembly name clashes
/// with the library's as a reference), so hundreds of command lines take seconds, not a process each. Standard output
/// and error are captured; callers are in the non-parallel <see cref="InProcessCliGroup"/>.
/// </summary>
internal static class InProcessCli
{
    private static readonly Lazy<MethodInfo> s_main = new(() =>
    {
        var context = new ToolLoadContext(Cli.DllPath);
        Assembly tool = context.LoadFromAssemblyPath(Cli.DllPath);
        return tool.GetType("VideoKit.Cli.Program", throwOnError: true)!.GetMethod("Main", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
    });

    private static readonly SemaphoreSlim s_console = new(1, 1);

    public static async Task<Cli.Result> RunAsync(params string[] args)
    {
        await s_console.WaitAsync();
        TextWriter outBefore = Console.Out, errBefore = Console.Error;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            int exit;
            try
            {
                exit = await (Task<int>)s_main.Value.Invoke(null, [args])!;
            }
            catch (Exception ex)
            {
                // An exception escaping Main is what a user sees as a crash with a stack trace.
                stderr.WriteLine("UNHANDLED " + ex);
                exit = 134;
            }

            return new Cli.Result(exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(outBefore);
            Console.SetError(errBefore);
            s_console.Release();
        }
    }

    private sealed class ToolLoadContext(string mainAssembly) : AssemblyLoadContext("videokit-tool")
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}

/// <summary>Tests that swap the process's console run one at a time.</summary>
[CollectionDefinition(nameof(InProcessCliGroup), DisableParallelization = true)]
public sealed class InProcessCliGroup
{
}
