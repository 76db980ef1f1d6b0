namespace OrleansGan.Container.Tests;

/// <summary>
/// Starts an image's entrypoint the way a container runtime would, without one (`podman run` is refused in this
/// sandbox): in a private mount namespace, chrooted into the image's read-only root file system with /proc, /dev and
/// the volumes bound in, as the image's user, in its working directory, with the image's environment and the given
/// one and nothing of the test's. unshare, sh, chroot and env each exec the next, so the process the test holds (and
/// signals) is the entrypoint itself; the mounts go away with it.
/// </summary>
static class ContainerProcess
{
    const string BindThenChroot = """
        root=$1; shift
        while [ "$1" != -- ]; do mount --rbind "$1" "$root$2" || exit 125; shift 2; done
        shift; exec chroot "$@"
        """;

    /// <param name="volumes">mount path in the container -> directory on this machine</param>
    public static ChildProcess Start(MountedImage image, IReadOnlyDictionary<string, string> volumes,
        IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    {
        var user = image.User;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = user.Home };
        foreach (var (key, value) in image.Config.Environment.Concat(environment)) variables[key] = value;

        List<string> command = ["--mount", "--propagation", "private", "--", "/bin/sh", "-c", BindThenChroot, "sh", image.Root,
            "/proc", "/proc", "/dev", "/dev"];
        foreach (var (mountPath, directory) in volumes) command.AddRange([directory, mountPath]);
        command.AddRange(["--", $"--userspec={user.Uid}:{user.Gid}", image.Root,
            "/usr/bin/env", "-i", $"--chdir={(string.IsNullOrEmpty(image.Config.WorkingDir) ? "/" : image.Config.WorkingDir)}"]);
        command.AddRange(variables.Select(v => $"{v.Key}={v.Value}"));
        command.AddRange(image.Config.Entrypoint ?? []);
        command.AddRange(arguments ?? image.Config.Cmd ?? []);
        return ChildProcess.Start("unshare", "/", command);
    }
}
