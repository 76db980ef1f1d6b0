namespace OrleansGan.Container.Tests;

/// <summary>The podman command line.</summary>
static class Podman
{
    /// <summary>Runs podman to its end and returns its standard output; a non-zero exit fails with podman's own error.</summary>
    public static async Task<string> RunAsync(params string[] arguments)
    {
        using var podman = await ChildProcess.RunAsync("podman", Directory.GetCurrentDirectory(), arguments, TimeSpan.FromMinutes(2));
        if (podman.ExitCode != 0)
            throw new InvalidOperationException($"podman {string.Join(' ', arguments)} exited {podman.ExitCode}: {podman.Error.Trim()}");
        return podman.Out;
    }
}
