using System.ComponentModel;
using System.Diagnostics;

namespace OrleansGan.Manifests;

/// <summary>Renders a kustomization with the real `kubectl kustomize`.</summary>
public static class Kustomize
{
    public static string Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException("kubectl not found: the deployment tests render k8s/ with `kubectl kustomize` (kubectl 1.32 or newer on PATH)");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill();
                throw new TimeoutException($"kubectl kustomize {directory} did not finish in a minute");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"kubectl kustomize {directory} exited {process.ExitCode}: {error.Result.Trim()}");
            return output;
        }
    }
}
