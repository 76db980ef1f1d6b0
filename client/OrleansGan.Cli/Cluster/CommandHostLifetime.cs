using Microsoft.Extensions.Hosting;

namespace OrleansGan.Cli.Cluster;

/// <summary>
/// The lifetime of a host the command starts and stops itself (embedded silo, cluster client). The default console
/// lifetime would also catch Ctrl+C and SIGTERM and stop the silo on its own, racing the command's orderly stop (runs
/// checkpoint first, while the silo still serves their grains); here the signals are the command's alone (<see cref="Interrupts"/>).
/// </summary>
internal sealed class CommandHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
