using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansGan.Cli.Cluster;
using OrleansGan.Experiments;

namespace OrleansGan.Orleans.Tests;

/// <summary>What the CLI's log rules let through to a person's terminal, checked against what Orleans really logged.</summary>
public class CliLogTests
{
    [Fact]
    public async Task A_push_that_reaches_an_observer_already_deleted_prints_no_error()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1);
        cluster.Runner.HoldFrom = 0;
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("pushed-late", steps: 2, maxConcurrent: 1));

        var shown = new CapturedLog();
        var observerRuntime = new ObserverRuntimeLog();
        var builder = Host.CreateApplicationBuilder();
        ClusterSession.ConsoleLogging(builder.Logging, verbose: false);
        builder.Logging.AddProvider(shown).AddProvider(observerRuntime);
        builder.Logging.AddFilter<ObserverRuntimeLog>("Orleans.ClientGrainContext", LogLevel.Information);
        builder.UseOrleansClient(cluster.Connect);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();

        // What a watch that ends does, with the experiment's push overtaking nothing: the push comes after the delete.
        var experiment = client.GetGrain<IExperimentGrain>(id);
        var reference = client.CreateObjectReference<IExperimentObserver>(new IgnoredObserver());
        await experiment.Subscribe(reference);
        client.DeleteObjectReference<IExperimentObserver>(reference);
        await experiment.Cancel();

        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!observerRuntime.Entries.Any(e => e.Contains("Unexpected target grain")))
        {
            Assert.True(DateTime.UtcNow < deadline, "the push never reached the client: " + string.Join("\n", observerRuntime.Entries));
            await Task.Delay(50);
        }
        await host.StopAsync();
        Assert.True(shown.Entries.Count == 0, string.Join("\n", shown.Entries));
    }

    sealed class IgnoredObserver : IExperimentObserver
    {
        public void Changed(ExperimentSnapshot snapshot) { }
    }

    /// <summary>Everything Orleans' client-side observer runtime logs, whatever the CLI's rules say.</summary>
    sealed class ObserverRuntimeLog : ILoggerProvider
    {
        readonly CapturedLog _log = new();

        public IReadOnlyList<string> Entries => _log.Entries;

        public ILogger CreateLogger(string categoryName) => _log.CreateLogger(categoryName);

        public void Dispose() { }
    }
}
