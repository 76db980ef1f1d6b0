namespace OrleansGan.Container.Tests;

/// <summary>
/// A fact that builds and starts the container images: it needs root (chroot, mounts), podman and debootstrap, which
/// ./test.sh installs with apt-get where it can. Where they are missing the fact is skipped and says why.
/// </summary>
public sealed class ImagesFactAttribute : FactAttribute
{
    static readonly string[] Tools = ["podman", "debootstrap", "unshare", "chroot"];

    public ImagesFactAttribute()
    {
        var missing = Tools.Where(tool => !OnPath(tool)).ToList();
        if (!Environment.IsPrivilegedProcess)
            Skip = "the container smoke test needs root (podman image mount, mount, chroot); run ./test.sh as root";
        else if (missing.Count > 0)
            Skip = $"not installed: {string.Join(", ", missing)} (./test.sh installs podman and debootstrap with apt-get; it could not here)";
    }

    static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
