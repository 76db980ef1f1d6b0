using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using OrleansGan.Experiments;
using OrleansGan.Grains.Workers;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// A run grain counts reports only from the attempt it started, writes its state on status changes and checkpoints
/// only, and after losing its activation asks the attempt for the steps it no longer holds.
/// </summary>
public class RunReportTests
{
    static MetricPoint Point(long step) => new(step, 1, 0.6, 0.6, 0.6, 0.01, 1000);

    static IReadOnlyList<MetricPoint> Points(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(s => Point(s)).ToList();

    [Fact]
    public async Task Reports_of_another_attempt_change_nothing_and_a_grain_that_lost_steps_asks_for_them_again()
    {
        using var data = new TempDirectory();
        await using var cluster = await PlacementTests.StartAsync(data.Path);
        var fake = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ITrialRunner>()).OfType<FakeGpuTrialRunner>().Single();
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("reports", steps: 5, maxConcurrent: 1) with
        {
            Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", [0.0002])] },
            Resources = new SweepResources { MaxConcurrent = 1, GpusPerTrial = 1, MaxFailures = 1 },
        });
        var run = cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 0));
        // The experiment makes its run grain as it starts the run: until then the run is unknown.
        await PlacementTests.Until(async () =>
        {
            try { return (await run.GetSnapshot()) is { Step: FakeGpuTrialRunner.Steps } s ? s : null; }
            catch (UnknownIdException) { return null; }
        }, "the fake's steps recorded");
        var trialKey = Assert.Single(fake.RunningGrants).TrialKey;
        Assert.StartsWith($"{RunIds.For(id, 0)}#1.", trialKey);

        var stranger = trialKey + "0";
        Assert.Equal(ReportAck.Stale, await run.ReportProgress(stranger, Points(6, 6)));
        Assert.Equal(ReportAck.Stale, await run.ReportStarted(stranger, 0, 5));
        await run.ReportFinished(stranger, RunStatus.Failed, "not mine");
        Assert.Equal((RunStatus.Running, 5L, 0), await Summary(run));

        // A batch that does not follow on is not taken; the answer says from where to send.
        Assert.Equal(new ReportAck(true, 5), await run.ReportProgress(trialKey, Points(7, 8)));
        Assert.Equal(new ReportAck(true, 8), await run.ReportProgress(trialKey, Points(6, 8)));

        // Progress is not written: an activation that comes back holds the steps of its last write (the start, step 0).
        await run.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(new ReportAck(true, 0), await run.ReportProgress(trialKey, Points(9, 9)));
        Assert.Equal(new ReportAck(true, 9), await run.ReportProgress(trialKey, Points(1, 9)));

        // A checkpoint is written, with the steps up to it.
        await run.ReportCheckpoint(trialKey, new CheckpointRecord(9, 1, "experiments/x/checkpoints/step-9/checkpoint.bin", "00", 0.5, 0.5,
            "experiments/x/samples/e001.png", DateTimeOffset.UtcNow));
        await run.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var back = await run.GetSnapshot();
        Assert.Equal((RunStatus.Running, 9L), (back.Status, back.Step));
        Assert.Equal(Enumerable.Range(1, 9).Select(s => (long)s), back.History.Select(p => p.Step));
        Assert.Equal([9L], back.Checkpoints.Select(c => c.Step));

        // The attempt restored an older checkpoint than recorded (none here): history and records past it go.
        Assert.Equal(new ReportAck(true, 0), await run.ReportStarted(trialKey, 0, 5));
        Assert.Equal((RunStatus.Running, 0L, 0), await Summary(run));
        await cluster.Client.GetGrain<IExperimentGrain>(id).Cancel();
    }

    static async Task<(RunStatus, long, int)> Summary(IRunGrain run)
    {
        var snapshot = await run.GetSnapshot();
        return (snapshot.Status, snapshot.Step, snapshot.Checkpoints.Count);
    }
}
