using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansGan.Experiments;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// Four experiments trained one after the other on an in-process cluster whose worker reports scripted scores
/// (<see cref="ScriptedScoresTrialRunner"/>), its state left in a SQLite database under <see cref="DataDirectory"/>.
/// alpha and beta train on the same synthetic set, gamma on a CIFAR-10 directory, delta on alpha's set but by FID.
/// </summary>
public sealed class RankedExperiments : IAsyncLifetime
{
    public static readonly DataSource Synthetic = DataSource.Synthetic(200, 7);
    public const string CifarFolder = "cifar";
    static readonly WorkerCapacity Capacity = new(DeviceKind.Cpu, Devices: 1, SlotsPerDevice: 2);
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>Per experiment name, each run's scores at its checkpoints (steps 10, 20, ...); null: a checkpoint without a score.</summary>
    public static readonly IReadOnlyDictionary<string, double?[][]> Scores = new Dictionary<string, double?[][]>
    {
        ["alpha"] = [[30, 20], [12, 25], [null, null], [20, 22]],
        ["beta"] = [[15, 8], [20]],
        ["gamma"] = [[5, null]],
        ["delta"] = [[40]],
    };

    readonly TempDirectory _temp = new();

    public string WorkingDirectory => _temp.Path;
    public string DataDirectory => Path.Combine(_temp.Path, "data");
    public string CifarDirectory => Path.Combine(_temp.Path, CifarFolder);
    public IReadOnlyDictionary<string, string> ExperimentIds { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await using var cluster = await StartClusterAsync();
        var catalog = cluster.Client.GetGrain<IExperimentCatalogGrain>(0);
        var ids = new Dictionary<string, string>();
        foreach (var (name, data, metric) in new[]
        {
            ("alpha", Synthetic, QualityMetrics.Swd), ("beta", Synthetic, QualityMetrics.Swd),
            ("gamma", DataSource.Cifar10(CifarDirectory), QualityMetrics.Swd), ("delta", Synthetic, QualityMetrics.Fid),
        })
        {
            ids[name] = await catalog.Submit(Sweep(name, data, metric));
            var finished = await cluster.Client.WaitUntilFinishedAsync(ids[name], Limit);
            Assert.Equal(ExperimentStatus.Completed, finished.Entry.Status);
        }
        ExperimentIds = ids;
    }

    /// <summary>A cluster over this fixture's database, whose worker plays the scripts.</summary>
    public async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteState(Path.Combine(DataDirectory, "orleansgan.db")).AddOrleansGan(SiloRole.Both, Capacity);
            silo.Services.AddSingleton<ITrialRunner>(sp => new ScriptedScoresTrialRunner(sp.GetRequiredService<IGrainFactory>(), ScriptOf));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public string RunId(string experiment, int index) => $"{ExperimentIds[experiment]}-r{index:D3}";

    static IReadOnlyList<double?> ScriptOf(TrialAssignment assignment) =>
        Scores.Single(s => assignment.Spec.ExperimentId.StartsWith(s.Key + "-", StringComparison.Ordinal)).Value[assignment.Spec.Index];

    /// <summary>One run per scripted row, one at a time, so their checkpoints are written in a known order.</summary>
    static SweepDefinition Sweep(string name, DataSource data, string metric) => Sweeps.SmallGrid(name, steps: 10, maxConcurrent: 1) with
    {
        Data = data,
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Grid,
            Parameters = [ParameterSpace.FromValues("lr_g", Enumerable.Range(1, Scores[name].Length).Select(i => i * 1e-4).ToArray())],
        },
        Objective = new SweepObjective { Metric = metric },
    };

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
