using System.Text.RegularExpressions;

namespace OrleansGan.Deployment.Tests;

static partial class ImageReference
{
    /// <summary>Pinned: by digest, or by an exact version tag (1.2.3, 10.0.12-noble), never latest, a bare name or a floating 10.0.</summary>
    public static bool IsPinned(string image)
    {
        if (image.Contains("@sha256:")) return true;
        var name = image[(image.LastIndexOf('/') + 1)..];
        var colon = name.IndexOf(':');
        return colon > 0 && ExactVersion().IsMatch(name[(colon + 1)..]);
    }

    [GeneratedRegex(@"^v?\d+\.\d+\.\d+([.-].*)?$")]
    private static partial Regex ExactVersion();
}
