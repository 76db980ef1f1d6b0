using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OrleansGan.Container.Tests;

/// <summary>
/// The silo and cli images built by docker/build-local.sh under a tag of their own (another checkout may build at the
/// same time), removed again when disposed. The layers the build made or used stay in podman's cache for the next build.
/// </summary>
sealed partial class LocalImages : IAsyncDisposable
{
    static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(40);

    LocalImages(string tag, DateTimeOffset started, TimeSpan took, string log) => (Tag, Started, Took, Log) = (tag, started, took, log);

    public string Tag { get; }
    public string Silo => $"localhost/orleansgan/silo:{Tag}";
    public string Cli => $"localhost/orleansgan/cli:{Tag}";
    public DateTimeOffset Started { get; }
    public TimeSpan Took { get; }
    public string Log { get; }

    public static async Task<LocalImages> BuildAsync()
    {
        var tag = $"smoke-{Guid.NewGuid():N}"[..14];
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var build = await ChildProcess.RunAsync(Repository.PathOf("docker/build-local.sh"), Repository.Root, ["--tag", tag], BuildLimit);
        var images = new LocalImages(tag, started, clock.Elapsed, build.Out + build.Error);
        if (build.ExitCode != 0)
        {
            await images.DisposeAsync();
            throw new InvalidOperationException($"docker/build-local.sh exited {build.ExitCode}:\n{images.Log}");
        }
        return images;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var image in new[] { Silo, Cli })
            if (await ExistsAsync(image)) await Podman.RunAsync("rmi", image);
        await RemoveOtherBuildCachesAsync();
    }

    /// <summary>
    /// Each version of the sources leaves a build cache of about 3 GB (the publish stage), which would pile up where many
    /// checkouts run this test: the dangling images older than this build that it did not use go.
    /// </summary>
    async Task RemoveOtherBuildCachesAsync()
    {
        var used = Layer().Matches(Log).Select(m => m.Groups["id"].Value).ToList();
        var dangling = await Podman.RunAsync("images", "--all", "--filter", "dangling=true",
            "--filter", $"until={Started.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}", "--format", "{{.ID}}");
        foreach (var id in dangling.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (used.Any(layer => layer.StartsWith(id) || id.StartsWith(layer))) continue;
            // In use by a build running now: it stays.
            using var remove = await ChildProcess.RunAsync("podman", Repository.Root, ["rmi", id], TimeSpan.FromMinutes(1));
        }
    }

    static async Task<bool> ExistsAsync(string image)
    {
        using var exists = await ChildProcess.RunAsync("podman", Repository.Root, ["image", "exists", image], TimeSpan.FromMinutes(1));
        return exists.ExitCode == 0;
    }

    /// <summary>podman build's line for each layer it made or took from its cache: "--> 0123abcd..." (11 or 64 hex digits).</summary>
    [GeneratedRegex(@"^--> (?:Using cache )?(?<id>[0-9a-f]{11,64})$", RegexOptions.Multiline)]
    private static partial Regex Layer();
}
