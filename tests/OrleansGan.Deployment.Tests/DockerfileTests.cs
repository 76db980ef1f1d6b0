using System.Text.RegularExpressions;

namespace OrleansGan.Deployment.Tests;

/// <summary>docker/Dockerfile: pinned base images, and images that run as a non-root user.</summary>
public sealed partial class DockerfileTests
{
    static readonly string[] Lines = File.ReadAllLines(Repository.PathOf("docker/Dockerfile"));

    public static TheoryData<string> Targets => new() { "silo", "gpu-worker", "cli" };

    [Fact]
    public void Every_base_image_is_pinned_to_an_exact_version()
    {
        var arguments = Lines.Select(l => ImageArgument().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["image"].Value);
        Assert.NotEmpty(arguments);
        foreach (var from in Lines.Select(l => From().Match(l)).Where(m => m.Success))
        {
            var image = from.Groups["image"].Value;
            if (image.StartsWith("${")) image = arguments[image.Trim('$', '{', '}')];
            if (Stages().Contains(image)) continue;
            Assert.True(ImageReference.IsPinned(image), $"docker/Dockerfile: FROM {image} is not pinned to an exact version or digest");
        }
    }

    [Theory, MemberData(nameof(Targets))]
    public void Each_image_runs_as_a_non_root_user(string target)
    {
        Assert.Contains(target, Stages());
        var user = StageLines(target).LastOrDefault(l => l.StartsWith("USER "))?[5..].Trim();
        Assert.True(user is not null, $"docker/Dockerfile: target {target} sets no USER, so it runs as root");
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
    }

    static HashSet<string> Stages() =>
        Lines.Select(l => From().Match(l)).Where(m => m.Success && m.Groups["stage"].Success).Select(m => m.Groups["stage"].Value).ToHashSet();

    static IEnumerable<string> StageLines(string stage) =>
        Lines.SkipWhile(l => From().Match(l) is not { Success: true } m || m.Groups["stage"].Value != stage).Skip(1)
            .TakeWhile(l => !From().IsMatch(l));

    [GeneratedRegex(@"^FROM\s+(--\S+\s+)*(?<image>\S+)(\s+AS\s+(?<stage>\S+))?", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"^ARG\s+(?<name>\w+_IMAGE)=(?<image>\S+)")]
    private static partial Regex ImageArgument();
}
