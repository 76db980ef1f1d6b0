using Microsoft.Data.Sqlite;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Orleans.Tests;

/// <summary>The experiment grain at scale and under lost messages, with a worker that trains nothing.</summary>
public class ExperimentTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_large_sweep_makes_run_grains_only_as_runs_start_and_a_cancel_cancels_every_run()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2);
        cluster.Runner.HoldFrom = 4;

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(RandomSweep("large", trials: SweepDefinition.MaxVariants, maxConcurrent: 2));
        var experiment = cluster.Client.GetGrain<IExperimentGrain>(id);
        var training = await Until(async () => await experiment.GetSnapshot() is { Counts: { Completed: 4, Running: 2 } } s ? s : null, "4 runs completed, 2 held");
        Assert.Equal((6, SweepDefinition.MaxVariants - 6), (training.Started, training.Counts.Pending));

        await experiment.Cancel();
        var cancelled = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(ExperimentStatus.Cancelled, cancelled.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 4, 0, SweepDefinition.MaxVariants - 4), cancelled.Counts);
        Assert.Equal([RunStatus.Completed, RunStatus.Completed, RunStatus.Completed, RunStatus.Completed, RunStatus.Cancelled, RunStatus.Cancelled],
            (await cluster.Client.StartedRunsAsync(cancelled)).Select(r => r.Status));
        Assert.Equal(ExperimentStatus.Cancelled, (await cluster.Client.WaitUntilListedFinishedAsync(id, Limit)).Status);
        // Only the started runs have state; the experiment's own rows stay small however many runs it has.
        Assert.Equal(6, StoredRows(cluster.DatabasePath, "run").Count);
        Assert.All(StoredRows(cluster.DatabasePath, "experiment-progress"), size => Assert.InRange(size, 1, 2048));
        Assert.All(StoredRows(cluster.DatabasePath, "experiment-definition"), size => Assert.InRange(size, 1, 2048));
    }

    [Fact]
    public async Task The_best_runs_are_ranked_by_their_best_score_lowest_first()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 3, score: index => index * 5 % 12);

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(RandomSweep("ranked", trials: 12, maxConcurrent: 3));
        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        var expected = Enumerable.Range(0, 12).OrderBy(i => i * 5 % 12).Select(i => RunIds.For(id, i)).ToList();
        Assert.Equal(expected.Take(ExperimentSnapshot.TopShown), finished.Top.Select(r => r.RunId));
        Assert.Equal(expected, (await cluster.Client.GetGrain<IExperimentGrain>(id).GetTopRuns(50)).Select(r => r.RunId));
        Assert.Equal([0.0, 1, 2], finished.Top.Take(3).Select(r => r.Score));
    }

    [Fact]
    public async Task A_run_end_the_experiment_never_hears_of_is_counted_by_its_drive_reminder_and_frees_its_place()
    {
        using var data = new TempDirectory();
        var dropped = 0;
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2, configure: silo => silo.AddOutgoingGrainCallFilter(async call =>
        {
            if (call.InterfaceMethod?.Name == nameof(IExperimentGrain.OnRunFinished) && call.Request.GetArgument(0) is string runId && runId.EndsWith("-r000"))
            {
                Interlocked.Increment(ref dropped);
                throw new OrleansException($"the test drops the end of {runId}");
            }
            await call.Invoke();
        }));

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(RandomSweep("lost", trials: 2, maxConcurrent: 1));
        var first = await Until(async () => await cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 0)).GetSnapshot() is { Status: RunStatus.Completed } r ? r : null,
            "run 0 completed", tolerateUnknown: true);
        var stalled = await cluster.Client.GetGrain<IExperimentGrain>(id).GetSnapshot();
        Assert.True(dropped > 0);
        Assert.Equal(1, stalled.Started);
        Assert.Equal([RunIds.For(id, 0)], stalled.Active);

        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(RunStatus.Completed, first.Status);
        Assert.Equal((ExperimentStatus.Completed, new RunCounts(0, 0, 2, 0, 0)), (finished.Entry.Status, finished.Counts));
    }

    [Fact]
    public async Task A_run_end_counts_once_however_often_it_is_told_and_strangers_are_ignored()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 2);
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(RandomSweep("once", trials: 2, maxConcurrent: 2));
        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);
        var experiment = cluster.Client.GetGrain<IExperimentGrain>(id);

        await experiment.OnRunFinished(RunIds.For(id, 0), RunStatus.Failed);
        await experiment.OnRunFinished(RunIds.For(id, 1), RunStatus.Cancelled);
        await experiment.OnRunFinished(RunIds.For(id, 7), RunStatus.Failed);
        await experiment.OnRunFinished(RunIds.For("another-experiment", 0), RunStatus.Failed);
        await experiment.OnRunFinished("not a run id", RunStatus.Failed);

        var after = await experiment.GetSnapshot();
        Assert.Equal((finished.Entry, finished.Counts), (after.Entry, after.Counts));
        Assert.Equal(new RunCounts(0, 0, 2, 0, 0), after.Counts);
    }

    public static TheoryData<string, SweepDefinition> BrokenSweeps => new()
    {
        { "name:", RandomSweep("Bad_Name", 2, 1) },
        { "resources.max_concurrent:", RandomSweep("ok", 2, 0) },
        { "resources.max_failures:", RandomSweep("ok", 2, 1) with { Resources = new SweepResources { MaxFailures = 0 } } },
        { "resources.gpus_per_trial:", RandomSweep("ok", 2, 1) with { Resources = new SweepResources { GpusPerTrial = 0.3 } } },
        { "search.trials:", RandomSweep("ok", SweepDefinition.MaxVariants + 1, 1) },
        { "search.parameters.lr_g:", RandomSweep("ok", 2, 1) with { Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", [-1])] } } },
        { "train.batch_size:", RandomSweep("ok", 2, 1) with { Train = [KeyValuePair.Create("batch_size", 3.0)] } },
        { "objective.metric:", RandomSweep("ok", 2, 1) with { Objective = new SweepObjective { Metric = "inception" } } },
    };

    [Theory, MemberData(nameof(BrokenSweeps))]
    public async Task A_sweep_that_breaks_a_rule_of_the_sweep_file_is_refused_and_nothing_is_recorded(string key, SweepDefinition sweep)
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 1);

        var submit = await Assert.ThrowsAsync<InvalidSweepException>(() => cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(sweep));
        var start = await Assert.ThrowsAsync<InvalidSweepException>(() => cluster.Client.GetGrain<IExperimentGrain>("direct").Start(sweep, DateTimeOffset.UtcNow));

        Assert.Contains($": {key} ", submit.Message);
        Assert.Equal(submit.Message, start.Message);
        Assert.DoesNotContain('\n', submit.Message);
        Assert.Empty(await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).List());
        await Assert.ThrowsAsync<UnknownIdException>(() => cluster.Client.GetGrain<IExperimentGrain>("direct").GetSnapshot());
    }

    [Fact]
    public async Task A_watcher_is_pushed_the_experiments_changes_until_its_end()
    {
        using var data = new TempDirectory();
        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 3);
        cluster.Runner.HoldFrom = 2;
        var watcher = new Watcher();
        var reference = cluster.Client.CreateObjectReference<IExperimentObserver>(watcher);

        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(RandomSweep("watched", trials: 3, maxConcurrent: 3));
        await cluster.Client.GetGrain<IExperimentGrain>(id).Subscribe(reference);
        await Until(() => Task.FromResult(watcher.Pushed.LastOrDefault(s => s.Counts is { Completed: 2, Running: 1 })), "a push with run 2 held");
        cluster.Runner.Release();
        var last = await Until(() => Task.FromResult(watcher.Pushed.LastOrDefault(s => s.IsFinished)), "a push of the end");

        Assert.Equal((ExperimentStatus.Completed, new RunCounts(0, 0, 3, 0, 0)), (last.Entry.Status, last.Counts));
        Assert.Equal(RunIds.For(id, 0), last.Top[0].RunId);
    }

    sealed class Watcher : IExperimentObserver
    {
        public System.Collections.Concurrent.ConcurrentQueue<ExperimentSnapshot> Pushed { get; } = [];
        public void Changed(ExperimentSnapshot snapshot) => Pushed.Enqueue(snapshot);
    }

    static SweepDefinition RandomSweep(string name, int trials, int maxConcurrent) => Sweeps.SmallGrid(name, steps: 2, maxConcurrent) with
    {
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Random,
            Trials = trials,
            Seed = 3,
            Parameters = [ParameterSpace.LogUniform("lr_g", 0.0001, 0.001), ParameterSpace.FromValues("beta1", [0.5, 0.9])],
        },
        Resources = new SweepResources { MaxConcurrent = maxConcurrent, MaxFailures = 1 },
    };

    /// <summary>Payload sizes of the stored rows of one state name.</summary>
    static List<long> StoredRows(string databasePath, string stateName)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM grain_state WHERE state_name = $name";
        command.Parameters.AddWithValue("$name", stateName);
        using var reader = command.ExecuteReader();
        var sizes = new List<long>();
        while (reader.Read()) sizes.Add(reader.GetInt64(0));
        return sizes;
    }

    static async Task<T> Until<T>(Func<Task<T?>> probe, string what, bool tolerateUnknown = false) where T : class
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (UnknownIdException) when (tolerateUnknown)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {what} within {Limit}");
    }
}
