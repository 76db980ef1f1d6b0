using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Scheduling;
using OrleansGan.Sweeps;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// An exploit carried out by the real worker and trainer on an in-process cluster: the run grain is told of it directly
/// (which run PBT picks is <see cref="PbtTests"/>' concern), and the recipient's steps after it are checked, exactly, against
/// a trainer restored from the donor's checkpoint with the recipient's new values and its stream seed.
/// </summary>
public sealed class PbtWorkerTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);
    const double NewLr = 3e-4;

    [Fact]
    public async Task The_recipient_continues_exactly_from_the_donors_checkpoint_with_its_new_values_and_its_own_stream()
    {
        using var data = new TempDirectory();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 2);
        var sweep = Sweeps.SmallGrid("pbt-worker", steps: 3, maxConcurrent: 2) with
        {
            Train = [KeyValuePair.Create("epochs", 400.0), KeyValuePair.Create("steps_per_epoch", 3.0), KeyValuePair.Create("batch_size", 16.0),
                     KeyValuePair.Create("summary_every_epochs", 1.0), KeyValuePair.Create("eval_samples", 16.0), KeyValuePair.Create("grid", 2.0)],
            Search = new SearchSpace { Strategy = SearchStrategy.Grid, Parameters = [ParameterSpace.FromValues("lr_g", [0.0002, 0.0004])] },
        };
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(sweep);
        var donorGrain = cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 0));
        var recipientGrain = cluster.Client.GetGrain<IRunGrain>(RunIds.For(id, 1));
        var donorCheckpoint = await WaitFor(async () => (await donorGrain.GetSnapshot()).Checkpoints.FirstOrDefault(c => c.Step == 3), "r0's step 3 checkpoint");
        await WaitFor(async () => (await recipientGrain.GetSnapshot()).Checkpoints.FirstOrDefault(c => c.Step == 3), "r1's step 3 checkpoint");
        var donorCopyDirectory = Path.GetDirectoryName(ArtifactPaths.Resolve(data.Path, donorCheckpoint.Path))!;
        var donorFiles = FileHashes.Of(donorCopyDirectory);

        await recipientGrain.Exploit(new ExploitOrder(1, new PbtExploit
        {
            Donor = RunIds.For(id, 0), DonorEpoch = 1, DonorScore = donorCheckpoint.Scores["swd"],
            OldValues = [KeyValuePair.Create("lr_g", 0.0004)], NewValues = [KeyValuePair.Create("lr_g", NewLr)],
        }, donorCheckpoint, "test: r1 copies r0 at epoch 1"));
        var recipient = await WaitFor(async () => await recipientGrain.GetSnapshot() is { Lineage.Count: 1, Step: >= 9 } s ? s : null, "r1 trained on after its exploit");
        await cluster.Client.GetGrain<IExperimentGrain>(id).Cancel();
        await cluster.Client.WaitUntilFinishedAsync(id, Limit);

        var entry = Assert.Single(recipient.Lineage);
        Assert.Equal((RunIds.For(id, 0), 3L, 1, donorCheckpoint.Sha256), (entry.DonorRun, entry.DonorStep, entry.DonorEpoch, entry.DonorSha256));
        Assert.Equal(NewLr, (await recipientGrain.GetSnapshot()).Spec.Config.Single(p => p.Key == "lr_g").Value);
        var directory = new RunDirectory(ArtifactPaths.Resolve(data.Path, recipient.Spec.ArtifactDirectory));
        Assert.Equal(donorCheckpoint.Sha256, FileHashes.Sha256(directory.CheckpointPath(3)));
        Assert.Equal(donorFiles, FileHashes.Of(donorCopyDirectory));

        var journal = new MetricsJournal(directory.MetricsPath).Read().ToList();
        var exploit = Assert.Single(journal, l => l.Kind == "exploit").Exploit!;
        Assert.Equal((3L, RunIds.For(id, 0), "lr_g=0.0004", "lr_g=0.0003"), (exploit.Step, exploit.DonorRun, exploit.OldValues, exploit.NewValues));
        var steps = journal.Where(l => l.Step is not null).Select(l => l.Step!).ToList();
        Assert.Equal(Enumerable.Range(1, steps.Count).Select(s => (long)s), steps.Select(s => s.Step));
        Assert.Equal(journal.FindIndex(l => l.Step?.Step == 4) - 1, journal.FindIndex(l => l.Kind == "exploit"));

        // Steps 4..6: a trainer with the new values restored from the donor's own file, drawing from the recipient's seed.
        var config = RunConfigKeys.FromPairs(recipient.Spec.Config);
        using var reference = new TempDirectory();
        using var trainingData = new TrainingData(CifarBinaryReader.ReadTrain(ArtifactPaths.Resolve(data.Path, ArtifactPaths.SyntheticDataset(sweep.Data))), CPU);
        using var trainer = new GanTrainer(config with { Epochs = 2 }, trainingData, CPU, new RunDirectory(reference.Path));
        trainer.Restore(ArtifactPaths.Resolve(data.Path, donorCheckpoint.Path), donorCheckpoint.Sha256);
        trainer.SeedSteps(StreamSeeds.Mix(unchecked((ulong)config.Seed), 1, 3));
        var expected = new List<StepMetrics>();
        trainer.Run(new StepsInto(expected), CancellationToken.None);
        Assert.Equal(expected.Select(s => (s.Step, s.D1, s.D2, s.G)), steps.Where(s => s.Step is > 3 and <= 6).Select(s => (s.Step, s.D1, s.D2, s.G)));
    }

    sealed class StepsInto(List<StepMetrics> steps) : ITrainingObserver
    {
        public void OnStarted(long startStep, long totalSteps) { }
        public void OnSteps(IReadOnlyList<StepMetrics> batch) => steps.AddRange(batch);
        public void OnSummary(SummaryReport summary) { }
    }

    static async Task<T> WaitFor<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            try
            {
                if (await probe() is { } found) return found;
            }
            catch (UnknownIdException)
            {
                // Not created yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {what} after {Limit}");
            await Task.Delay(100);
        }
    }
}
