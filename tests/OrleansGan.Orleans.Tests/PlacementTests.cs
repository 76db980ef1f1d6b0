using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansGan.Experiments;
using OrleansGan.Grains.Workers;
using OrleansGan.Hosting;
using OrleansGan.Hosting.Workers;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// Two silos: "Primary" is control and a CPU worker with the real trainer (1 slot); the other is a worker-only silo that
/// advertises 2 GPUs x 4 slots and trains with <see cref="FakeGpuTrialRunner"/>, since there is no GPU here.
/// </summary>
public class PlacementTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    static readonly WorkerCapacity GpuCapacity = new(DeviceKind.Cuda, Devices: 2, SlotsPerDevice: 4);

    [Fact]
    public async Task Placement_honours_kinds_and_slots_with_a_fake_gpu_trainer_on_the_gpu_silo()
    {
        using var data = new TempDirectory();
        await using var cluster = await StartAsync(data.Path);
        var fake = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ITrialRunner>()).OfType<FakeGpuTrialRunner>().Single();
        var cpuWorker = cluster.Silos.Select(s => s.ServiceProvider.GetService<TrainingWorker>()).OfType<TrainingWorker>().Single();
        var catalog = cluster.Client.GetGrain<IExperimentCatalogGrain>(0);

        // 10 runs of a third of a GPU: 3 fit on each of the 2 GPUs (shares add up to at most 1), so 6 run and 4 wait.
        var gpuSweep = Sweeps.SmallGrid("thirds", steps: 5, maxConcurrent: 10) with
        {
            Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", Enumerable.Range(1, 10).Select(i => i * 1e-4).ToArray())] },
            Resources = new SweepResources { MaxConcurrent = 10, GpusPerTrial = 1.0 / 3, MaxFailures = 1 },
        };
        var gpuId = await catalog.Submit(gpuSweep);
        var cpuId = await catalog.Submit(Sweeps.SmallGrid("cpu", steps: 2, maxConcurrent: 1) with
        {
            Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", [0.0002])] },
        });

        await Until(() => fake.Running == 6, "6 GPU trials running");
        var waiting = await Until(async () =>
        {
            var runs = await cluster.Client.StartedRunsAsync(await cluster.Client.GetGrain<IExperimentGrain>(gpuId).GetSnapshot());
            return runs.Where(r => r.Status == RunStatus.Pending && r.StatusReason is not null).ToList() is { Count: 4 } pending ? pending : null;
        }, "4 GPU runs pending with a reason");
        Assert.All(waiting, r => Assert.StartsWith("waiting for a slot: no slot with 0.333 of a GPU free", r.StatusReason));
        var status = await cluster.Client.GetGrain<ISlotLedgerGrain>(0).GetClusterStatus();
        Assert.Equal(4, status.Unplaced.Count(u => u.RunId.StartsWith(gpuId)));
        var gpuSilo = Assert.Single(status.Silos, s => s.Capacity?.Kind == DeviceKind.Cuda);
        Assert.Equal((SiloRole.Worker, 6, 0), (gpuSilo.Role, gpuSilo.Trials.Count, gpuSilo.FreeSlots));
        Assert.Equal([3, 3], gpuSilo.Trials.GroupBy(t => t.DeviceIndex).Select(g => g.Count()).OrderBy(c => c));

        fake.OpenGate();
        var gpuExperiment = await cluster.Client.WaitUntilFinishedAsync(gpuId, Limit);
        var cpuExperiment = await cluster.Client.WaitUntilFinishedAsync(cpuId, Limit);

        Assert.Equal((10, 1), (gpuExperiment.Counts.Completed, cpuExperiment.Counts.Completed));
        Assert.All(await cluster.Client.StartedRunsAsync(gpuExperiment), r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.Equal(10, fake.RunsSeen.Distinct().Count());
        Assert.DoesNotContain(fake.RunsSeen, r => r.StartsWith(cpuId));
        Assert.Equal((6, 3), (fake.PeakTrials, fake.PeakTrialsOnAnyDevice));
        Assert.InRange(fake.PeakShareOnAnyDevice, 0.99, 1.0 + 1e-6);
        Assert.Equal(1, cpuWorker.PeakConcurrencyByExperiment[cpuId]);
        Assert.False(cpuWorker.PeakConcurrencyByExperiment.ContainsKey(gpuId));
        var cpuRun = await cluster.Client.GetGrain<IRunGrain>(RunIds.For(cpuId, 0)).GetSnapshot();
        Assert.Equal("cpu-worker (cpu)", cpuRun.Worker);
    }

    internal static async Task<InProcessTestCluster> StartAsync(string dataDirectory)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        var cpu = new WorkerOptions { ReportInterval = TimeSpan.FromMilliseconds(300), Name = "cpu-worker" };
        var cpuSiloName = (string?)null;
        builder.ConfigureSilo((options, silo) =>
        {
            cpuSiloName ??= options.SiloName;
            if (options.SiloName == cpuSiloName)
            {
                silo.Services.Configure<OrleansGanOptions>(o => o.DataDirectory = dataDirectory);
                silo.AddSqliteState(Path.Combine(dataDirectory, "orleansgan.db")).AddOrleansGan(SiloRole.Both, cpu.Capacity).AddTrainingWorker(cpu);
                return;
            }
            silo.AddSqliteState(Path.Combine(dataDirectory, "orleansgan.db")).AddOrleansGan(SiloRole.Worker, GpuCapacity);
            silo.Services.AddSingleton<ITrialRunner>(sp => new FakeGpuTrialRunner(sp.GetRequiredService<IGrainFactory>(), GpuCapacity));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    internal static async Task<T> Until<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException($"not reached within {Limit}: {what}");
    }

    internal static Task Until(Func<bool> condition, string what) =>
        Until(() => Task.FromResult(condition() ? "" : null), what);
}
