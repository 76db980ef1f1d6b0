using System.Reflection;

namespace OrleansGan.Testing;

/// <summary>The checkout the tests were built from (its path is stamped into this assembly at build time).</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
