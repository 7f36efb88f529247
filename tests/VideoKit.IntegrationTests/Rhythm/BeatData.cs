using System.Reflection;

namespace VideoKit.IntegrationTests.Rhythm;

/// <summary>The annotated excerpts in the repository's tests/data/beats (located from the RepositoryRoot build metadata).</summary>
internal static class BeatData
{
    public static string Folder
    {
        get
        {
            string root = typeof(BeatData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RepositoryRoot").Value ?? ".";
            return Path.GetFullPath(Path.Combine(root, "tests", "data", "beats"));
        }
    }
}
