using System.Diagnostics;
using OrleansGan.Hosting;

namespace OrleansGan.Bench.ControlPlane;

/// <summary>
/// Wall times of the real CLI against the silo's gateway: `experiments list` (mostly the process and the connection)
/// and `experiments show ID --json`, with the silo's cluster and service ids in OrleansGan__* variables as the README says.
/// </summary>
sealed record CliTimes(double ListMs, double ShowMs, int ShowExitCode)
{
    public static async Task<CliTimes> MeasureAsync(string cli, OrleansGanOptions silo, string experimentId)
    {
        var (listMs, _) = await RunAsync(cli, silo, "experiments", "list");
        var (showMs, code) = await RunAsync(cli, silo, "experiments", "show", experimentId, "--json");
        return new CliTimes(listMs, showMs, code);
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
