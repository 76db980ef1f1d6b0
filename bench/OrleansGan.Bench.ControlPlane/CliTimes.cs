using System.Diagnostics;
using OrleansGan.Hosting;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// Wall times of one build of the real CLI against the silo's gateway: `experiments list` (mostly the process and the
/// connection) and `experiments show ID --json`, with the silo's cluster and service ids in OrleansGan__* variables as the
/// README says. Several builds are timed in turn, each command once per round, so that they share the machine's load.
/// </summary>
sealed record CliTimes(string Cli, IReadOnlyList<double> ListMs, IReadOnlyList<double> ShowMs, int ShowExitCode)
{
    public double ListMedianMs => Median(ListMs);
    public double ShowMedianMs => Median(ShowMs);

    public static async Task<IReadOnlyList<CliTimes>> MeasureAsync(IReadOnlyList<string> clis, int rounds, OrleansGanOptions silo, string experimentId)
    {
        var times = clis.Select(cli => (Cli: cli, List: new List<double>(), Show: new List<double>(), Code: 0)).ToList();
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < times.Count; i++)
            {
                var (listMs, _) = await RunAsync(times[i].Cli, silo, "experiments", "list");
                var (showMs, code) = await RunAsync(times[i].Cli, silo, "experiments", "show", experimentId, "--json");
                times[i].List.Add(listMs);
                times[i].Show.Add(showMs);
                times[i] = times[i] with { Code = Math.Max(times[i].Code, code) };
            }
        return times.Select(t => new CliTimes(t.Cli, t.List, t.Show, t.Code)).ToList();
    }

    static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : Math.Round((sorted[middle - 1] + sorted[middle]) / 2, 1);
    }

    static async Task<(double Ms, int ExitCode)> RunAsync(string cli, OrleansGanOptions silo, params string[] args)
    {
        var start = new ProcessStartInfo(cli, [.. args, "--gateway", $"127.0.0.1:{silo.GatewayPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                [$"{OrleansGanOptions.Section}__{nameof(OrleansGanOptions.ClusterId)}"] = silo.ClusterId,
                [$"{OrleansGanOptions.Section}__{nameof(OrleansGanOptions.ServiceId)}"] = silo.ServiceId,
            },
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        if (process.ExitCode != 0) Console.Error.WriteLine($"orleansgan {string.Join(' ', args)}: exit {process.ExitCode}: {await error}");
        return (Math.Round(clock.Elapsed.TotalMilliseconds, 1), process.ExitCode);
    }
}
