using System.Reflection;

namespace VideoKit.Tests;

/// <summary>Folders of the repository as seen from the unit tests (recorded at build time, so CI paths work).</summary>
internal static class TestPaths
{
    /// <summary>The repository root.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    /// <summary>This test project's folder (where <c>Reference/</c> goldens live).</summary>
    public static string ProjectDirectory { get; } = Path.GetFullPath(Metadata("ProjectDirectory"));

    /// <summary>The repository's <c>tests/data</c> folder.</summary>
    public static string DataFolder => Path.Combine(RepositoryRoot, "tests", "data");

    /// <summary>Where failing pixel tests write what they produced.</summary>
    public static string TestOutput => Path.Combine(RepositoryRoot, "artifacts", "test-output");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see tests/Directory.Build.props.");
}
