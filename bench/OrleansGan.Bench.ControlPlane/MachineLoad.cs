using System.Diagnostics;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>What else the machine was doing: its load averages and the busiest processes (the machine is shared).</summary>
sealed record MachineLoad(string When, string LoadAverage, IReadOnlyList<string> BusiestProcesses)
{
    public static MachineLoad Now(string when)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        var ps = Process.Start(new ProcessStartInfo("ps", ["-eo", "pcpu,rss,comm,args", "--sort=-pcpu"]) { RedirectStandardOutput = true })!;
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(l => l.Length > 160 ? l[..160] : l).ToList();
        ps.WaitForExit();
        return new MachineLoad(when, load, lines);
    }
}
