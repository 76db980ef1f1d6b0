using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Training.Trainer;
using OrleansGan.Workers;
using Xunit.Abstractions;

namespace OrleansGan.Orleans.Tests;

/// <summary>One real CPU worker: what its slots do between runs, and what two runs sharing it do to each other.</summary>
public class WorkerSlotTests(ITestOutputHelper output)
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);
    const int TwinSteps = 12;

    static SweepDefinition OneRun(string name, int steps) => Sweeps.SmallGrid(name, steps, maxConcurrent: 1) with
    {
        Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", [0.0002])] },
    };

    [Fact]
    public async Task A_finished_run_s_slot_is_free_before_the_next_run_of_its_experiment_asks_for_one()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 1);
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("one-slot", steps: 2, maxConcurrent: 1));
        var experiment = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        var runs = await cluster.Client.StartedRunsAsync(experiment);
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        // Within 30 s of asking, a refused reservation would still be listed here with its reason.
        var status = await cluster.Client.GetGrain<ISlotLedgerGrain>(0).GetClusterStatus();
        Assert.DoesNotContain(status.Unplaced, u => u.RunId.StartsWith(id));
        output.WriteLine("finish to next start: " + string.Join(", ", runs.Zip(runs.Skip(1), (a, b) => $"{(b.StartedAt - a.FinishedAt)!.Value.TotalSeconds:F2} s")));
    }

    [Fact]
    public async Task Two_runs_of_one_configuration_side_by_side_on_a_2_slot_worker_train_as_each_alone()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 2);
        var catalog = cluster.Client.GetGrain<IExperimentCatalogGrain>(0);
        var alone = await Losses(cluster, data.Path, await cluster.Client.WaitUntilFinishedAsync(await catalog.Submit(OneRun("alone", TwinSteps)), Limit));

        var twins = await Task.WhenAll(catalog.Submit(OneRun("twin-a", TwinSteps)), catalog.Submit(OneRun("twin-b", TwinSteps)));
        var finished = await Task.WhenAll(twins.Select(id => cluster.Client.WaitUntilFinishedAsync(id, Limit)));
        var (a, b) = (await Run(cluster, finished[0]), await Run(cluster, finished[1]));
        Assert.True(a.StartedAt < b.FinishedAt && b.StartedAt < a.FinishedAt, $"the twins did not train at the same time: {a.StartedAt}-{a.FinishedAt}, {b.StartedAt}-{b.FinishedAt}");

        Assert.Equal(TwinSteps, alone.Count);
        Assert.Equal(alone, await Losses(cluster, data.Path, finished[0]));
        Assert.Equal(alone, await Losses(cluster, data.Path, finished[1]));
    }

    static async Task<RunSnapshot> Run(TestCluster cluster, ExperimentSnapshot experiment) =>
        Assert.Single(await cluster.Client.StartedRunsAsync(experiment));

    /// <summary>Every step's (d1, d2, g) from the run's metrics.jsonl.</summary>
    static async Task<List<(double, double, double)>> Losses(TestCluster cluster, string dataDirectory, ExperimentSnapshot experiment)
    {
        var run = await Run(cluster, experiment);
        Assert.Equal(RunStatus.Completed, run.Status);
        var journal = new MetricsJournal(new RunDirectory(ArtifactPaths.Resolve(dataDirectory, run.Spec.ArtifactDirectory)).MetricsPath);
        return journal.Read().Where(l => l.Step is not null).Select(l => (l.Step!.D1, l.Step.D2, l.Step.G)).ToList();
    }
}
