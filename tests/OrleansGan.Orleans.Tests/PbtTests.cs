using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;
using OrleansGan.Workers;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// PBT's exploit on an in-process cluster: four members on four slots report scripted scores in an order the test fixes, and
/// the worst at the first interval copies the best's latest checkpoint (real files, copied as the worker copies them).
/// </summary>
public sealed class PbtTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    const double DonorLr = 1e-4, RecipientLr = 4e-4;

    // lr_g 1e-4 .. 4e-4 by index. Interval 2, quantile 0.25: of 4 ranked, the bottom and top groups hold 1 run each.
    // r0 reports epochs 2 and 3 before r3 reports epoch 2, so at r3's interval the ranking is r0 15 (epoch 3), r1 35, r2 45,
    // r3 55: r3 is the bottom one and copies the top one, r0, at its latest summary, epoch 3 (step 30). At epoch 4 r2 is the
    // bottom one, but epoch 4 is every run's last: there is nothing to exploit for.
    static readonly EpochScript[] Scores =
    [
        new([30, 20, 15, 14]),
        new([40, 35, 30, 28]),
        new([50, 45, 40, 38]),
        new([60, 55, 50, 12]),
    ];

    [Fact]
    public async Task The_bottom_member_copies_the_top_members_latest_checkpoint_continues_from_its_step_with_explored_values_and_records_its_lineage()
    {
        using var data = new TempDirectory();
        var reported = new ConcurrentDictionary<(int Index, int Epoch), TaskCompletionSource>();
        TaskCompletionSource Reported(int index, int epoch) =>
            reported.GetOrAdd((index, epoch), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Dictionary<string, string>? donorFiles = null;
        string? donorDirectory = null;
        ScriptedEpochsTrialRunner? runner = null;

        async Task BeforeEpoch(string trialKey, TrialAssignment assignment, int epoch)
        {
            var index = assignment.Spec.Index;
            Task Of(int i, int e) => Reported(i, e).Task.WaitAsync(Limit);
            switch (epoch)
            {
                case 2:
                    await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Of(i, 1)));
                    if (index > 0) await Of(index - 1, 2);
                    if (index == 3) await Of(0, 3);
                    break;
                case 3 when index == 3:
                    // The recipient's first attempt goes no further: it waits until the exploit has ended it.
                    await WaitUntil(() => !runner!.IsRunning(trialKey), "r3's first attempt ended by its exploit");
                    break;
                case 3 when index is 1 or 2:
                case 4:
                    await Of(3, 2);
                    break;
            }
        }

        void AfterEpoch(string runId, int epoch)
        {
            var index = RunIds.Parse(runId)!.Value.Index;
            if ((index, epoch) == (0, 3))
            {
                donorDirectory = Path.Combine(data.Path, ArtifactPaths.RunDirectory(RunIds.Parse(runId)!.Value.ExperimentId, runId), "checkpoints", "step-30");
                donorFiles = FileHashes.Of(donorDirectory);
            }
            Reported(index, epoch).TrySetResult();
        }

        await using var cluster = await InstantCluster.StartAsync(data.Path, slots: 4, runner: sp => runner = new ScriptedEpochsTrialRunner(
            sp.GetRequiredService<IGrainFactory>(), assignment => Scores[assignment.Spec.Index], data.Path, BeforeEpoch, AfterEpoch));
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweep());

        var finished = await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        Assert.Equal(ExperimentStatus.Completed, finished.Entry.Status);
        Assert.Equal(new RunCounts(0, 0, 4, 0, 0, 0), finished.Counts);
        var runs = await cluster.Client.StartedRunsAsync(finished);
        Assert.All(runs.Take(3), r => Assert.Empty(r.Lineage));
        var recipient = runs[3];
        var entry = Assert.Single(recipient.Lineage);
        Assert.Equal((2, RunIds.For(id, 0), 30L, 3), (entry.AtEpoch, entry.DonorRun, entry.DonorStep, entry.DonorEpoch));
        Assert.Equal([KeyValuePair.Create("lr_g", RecipientLr)], entry.OldValues.ToArray());
        // Explored from the donor's 1e-4, the lowest listed value: x0.8 keeps it, x1.2 moves to the next, 2e-4.
        var explored = Assert.Single(entry.NewValues);
        Assert.Equal("lr_g", explored.Key);
        Assert.Contains(explored.Value, new[] { DonorLr, 2e-4 });
        Assert.Equal(explored.Value, recipient.Spec.Config.Single(p => p.Key == "lr_g").Value);
        Assert.Equal(explored.Value, recipient.Spec.Hyperparameters.Single(p => p.Key == "lr_g").Value);

        // One step sequence: its own steps up to its interval, then on from the donor's step 30.
        Assert.Equal((RunStatus.Completed, 40L, 2), (recipient.Status, recipient.Step, recipient.Attempts));
        Assert.Equal(Enumerable.Range(1, 20).Concat(Enumerable.Range(31, 10)).Select(s => (long)s), recipient.History.Select(p => p.Step));
        Assert.Equal([10L, 20L, 30L, 40L], recipient.Checkpoints.Select(c => c.Step));
        var donor = runs[0];
        var donorCheckpoint = donor.Checkpoints.Single(c => c.Step == 30);
        var copy = recipient.Checkpoints.Single(c => c.Step == 30);
        Assert.Equal(ArtifactPaths.Checkpoint(recipient.Spec.ArtifactDirectory, 30), copy.Path);
        Assert.Equal(donorCheckpoint.Sha256, copy.Sha256);
        Assert.Equal(entry.DonorSha256, copy.Sha256);
        Assert.Equal(copy.Sha256, FileHashes.Sha256(ArtifactPaths.Resolve(data.Path, copy.Path)));

        // The attempt after the exploit was told to copy, with the new value; the donor's files are as they were.
        var adopting = runner!.Assignments.Single(a => a.Spec.Index == 3 && a.Attempt == 2);
        Assert.Equal((donorCheckpoint.Path, donorCheckpoint.Step, donorCheckpoint.Sha256),
            (adopting.Adopt!.DonorCheckpoint.Path, adopting.Adopt.DonorCheckpoint.Step, adopting.Adopt.DonorCheckpoint.Sha256));
        Assert.Equal(explored.Value, adopting.Spec.Config.Single(p => p.Key == "lr_g").Value);
        Assert.Equal([10L, 20L], adopting.ResumeFrom.Select(c => c.Step));
        Assert.Equal(donorFiles, FileHashes.Of(donorDirectory!));
        Assert.Equal((RunStatus.Completed, 40L), (donor.Status, donor.Step));

        // The experiment's snapshot carries the exploit as decided: r3, bottom of 4 at epoch 2, copies r0's epoch 3 (step 30).
        var decision = Assert.Single(finished.Decisions);
        Assert.Equal((recipient.RunId, SchedulerDecisionKind.Exploit, RunIds.For(id, 0), 30L), (decision.RunId, decision.Kind, decision.DonorRun, decision.DonorStep));
        Assert.Equal($"PBT epoch 2: swd 55.0 ranks 4 of 4, bottom 1: copies {RunIds.For(id, 0)} at epoch 3 (swd 15.0); " +
                     $"lr_g 0.0004 -> {explored.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}", decision.Reason);

        // The recipient ended on the lr_g of the run it is compared with: the comparison's rows still give every run's lr_g.
        var twin = runs.Single(r => r.RunId != recipient.RunId && r.Spec.Hyperparameters.Single(p => p.Key == "lr_g").Value == explored.Value);
        var compared = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "compare", twin.RunId, recipient.RunId, "--json", "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(compared.ExitCode == 0, compared.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(compared.Out))
        {
            Assert.Equal(2, json.RootElement.GetArrayLength());
            Assert.All(json.RootElement.EnumerateArray(), row => Assert.Equal(explored.Value, row.GetProperty("hyperparameters").GetProperty("lr_g").GetDouble()));
        }

        var shown = await Cli.RunAsync(data.Path, cluster.Ids, "runs", "show", recipient.RunId, "--gateway", cluster.Gateway, "--connect-timeout", "120");
        Assert.True(shown.ExitCode == 0, shown.Error);
        // The console wraps long lines at word boundaries.
        Assert.Contains($"pbt at epoch 2: copied {RunIds.For(id, 0)} step 30 (epoch 3, sha-256 {copy.Sha256[..12]}); " +
                        $"lr_g 0.0004 -> {explored.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            System.Text.RegularExpressions.Regex.Replace(shown.Out, @"\s+", " "));
    }

    static SweepDefinition Sweep() => Sweeps.SmallGrid("pbt", steps: ScriptedEpochsTrialRunner.StepsPerEpoch, maxConcurrent: 4) with
    {
        Train = [KeyValuePair.Create("epochs", 4.0), KeyValuePair.Create("steps_per_epoch", (double)ScriptedEpochsTrialRunner.StepsPerEpoch),
                 KeyValuePair.Create("summary_every_epochs", 1.0), KeyValuePair.Create("batch_size", 16.0)],
        Search = new SearchSpace
        {
            Strategy = SearchStrategy.Grid,
            Parameters = [ParameterSpace.FromValues("lr_g", [DonorLr, 2e-4, 3e-4, RecipientLr])],
        },
        Resources = new SweepResources { MaxConcurrent = 4, GpusPerTrial = 0, MaxFailures = 2 },
        Scheduler = new PbtSpec { IntervalEpochs = 2, Quantile = 0.25, ResampleProbability = 0, PerturbLow = 0.8, PerturbHigh = 1.2, Mutable = ["lr_g"] },
    };

    static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not {what} after {Limit}");
            await Task.Delay(50);
        }
    }
}
