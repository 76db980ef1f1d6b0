namespace OrleansGan.Sweeps.Tests;

static class RepositoryFiles
{
    /// <summary>The checkout's root: the folder above the test's output that holds OrleansGan.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrleansGan.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no OrleansGan.sln above {AppContext.BaseDirectory}");
    }
}
