using System.Security.Cryptography;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Training;

/// <summary>
/// A PBT exploit in the trainer: the recipient copies the donor's checkpoint and continues from it exactly, with its own
/// (new) learning rates and betas and its own random stream, and leaves the donor's files as they were.
/// </summary>
public class AdoptionTests
{
    const ulong StreamSeed = 77;
    static readonly RunConfig Donor = TrainerTests.Short;
    static readonly RunConfig Recipient = TrainerTests.Short with { LrG = 0.0003, LrD = 0.0001, Beta1 = 0.6 };
    static readonly RunConfig Explored = Recipient with { LrG = 0.00024, Beta1 = 0.4 };

    static (RunDirectory Directory, RecordingObserver Run) Trained(string path, RunConfig config)
    {
        var directory = new RunDirectory(path);
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, new TrainingJob(config, TrainerTests.Dataset(), CPU, directory).Run(observer, [], CancellationToken.None));
        return (directory, observer);
    }

    static RecordingObserver Restored(RunConfig config, string checkpoint, ulong? seed, string directory)
    {
        using var data = new TrainingData(TrainerTests.Dataset(), CPU);
        using var trainer = new GanTrainer(config, data, CPU, new RunDirectory(directory));
        trainer.Restore(checkpoint);
        if (seed is { } s) trainer.SeedSteps(s);
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, trainer.Run(observer, CancellationToken.None));
        return observer;
    }

    static IEnumerable<(long, double, double, double)> Losses(RecordingObserver run) => run.Steps.Select(s => (s.Step, s.D1, s.D2, s.G));

    static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    static AdoptedCheckpoint Adoption(RunDirectory donor, RecordingObserver donorRun, long step)
    {
        var summary = donorRun.Summaries.Single(s => s.Step == step);
        return new AdoptedCheckpoint("donor", summary.CheckpointPath, step, summary.CheckpointSha256, StreamSeed,
            [KeyValuePair.Create("lr_g", Recipient.LrG)], [KeyValuePair.Create("lr_g", Explored.LrG)]);
    }

    [Fact]
    public void A_restored_run_trains_with_its_configurations_learning_rates_and_betas_not_the_checkpoints()
    {
        using var temp = new TempDirectory();
        var (_, donor) = Trained(temp["donor"], Donor);
        var checkpoint = donor.Summaries.Single(s => s.Step == 3).CheckpointPath;

        var same = Restored(Donor, checkpoint, null, temp["same"]);
        var changed = Restored(Donor with { LrG = 0.002, LrD = 0.002, Beta1 = 0.9 }, checkpoint, null, temp["changed"]);

        Assert.Equal(Losses(donor).Skip(3), Losses(same));
        // Step 4's d1 comes before any update; its d2 follows D's first update with the new rate and beta1.
        Assert.Equal(same.Steps[0].D1, changed.Steps[0].D1);
        Assert.NotEqual(same.Steps[0].D2, changed.Steps[0].D2);
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused()
    {
        using var temp = new TempDirectory();
        var (_, donor) = Trained(temp["donor"], Donor);
        using var data = new TrainingData(TrainerTests.Dataset(), CPU);
        using var trainer = new GanTrainer(Donor with { LeakySlope = 0.3 }, data, CPU, new RunDirectory(temp["other"]));
        var error = Assert.Throws<CheckpointCorruptException>(() => trainer.Restore(donor.Summaries[0].CheckpointPath));
        Assert.Contains("different configuration", error.Message);
    }

    [Fact]
    public void An_exploit_continues_from_the_donors_checkpoint_with_the_new_values_and_its_own_stream_and_leaves_the_donor_untouched()
    {
        using var temp = new TempDirectory();
        var (donorDirectory, donor) = Trained(temp["donor"], Donor);
        var donorFiles = Hashes(donorDirectory.Root);
        var (recipientDirectory, _) = Trained(temp["recipient"], Recipient);

        var exploited = new RecordingObserver();
        var job = new TrainingJob(Explored, TrainerTests.Dataset(), CPU, recipientDirectory) { Adopt = Adoption(donorDirectory, donor, 3) };
        Assert.Equal(TrainingOutcome.Completed, job.Run(exploited, [], CancellationToken.None));

        // Exactly a run restored from the donor's checkpoint with the new values, drawing from the stream seed.
        var reference = Restored(Explored, donor.Summaries.Single(s => s.Step == 3).CheckpointPath, StreamSeed, temp["reference"]);
        Assert.Equal(3, exploited.StartStep);
        Assert.Equal(Losses(reference), Losses(exploited));
        // Not the donor's stream: the donor's own restore (its generator state) draws other batches at step 4.
        var donorStream = Restored(Explored, donor.Summaries.Single(s => s.Step == 3).CheckpointPath, null, temp["donor-stream"]);
        Assert.NotEqual(Losses(donorStream).First(), Losses(exploited).First());

        Assert.Equal(donorFiles, Hashes(donorDirectory.Root));
        var copy = recipientDirectory.CheckpointPath(3);
        Assert.Equal(donor.Summaries.Single(s => s.Step == 3).CheckpointSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(copy))));
        var journal = new MetricsJournal(recipientDirectory.MetricsPath).Read().ToList();
        var exploit = Assert.Single(journal, l => l.Kind == "exploit");
        Assert.Equal(3, exploit.Exploit!.Step);
        Assert.Equal("donor", exploit.Exploit.DonorRun);
        Assert.Equal("lr_g=0.0003", exploit.Exploit.OldValues);
        Assert.Equal("lr_g=0.00024", exploit.Exploit.NewValues);
        Assert.Equal(Enumerable.Range(1, 6).Select(s => (long)s), journal.Where(l => l.Step is not null).Select(l => l.Step!.Step));
        Assert.Equal(journal.FindIndex(l => l.Step?.Step == 4) - 1, journal.IndexOf(exploit));
    }

    [Fact]
    public void A_recipient_resumed_from_its_copy_after_a_crash_draws_the_same_stream_again()
    {
        using var temp = new TempDirectory();
        var (donorDirectory, donor) = Trained(temp["donor"], Donor);
        var recipientDirectory = new RunDirectory(temp["recipient"]);
        var adoption = Adoption(donorDirectory, donor, 3);
        var exploited = new RecordingObserver();
        new TrainingJob(Explored, TrainerTests.Dataset(), CPU, recipientDirectory) { Adopt = adoption }.Run(exploited, [], CancellationToken.None);

        var resumed = new RecordingObserver();
        new TrainingJob(Explored, TrainerTests.Dataset(), CPU, recipientDirectory)
            .Run(resumed, [new ResumePoint(3, adoption.Sha256)], CancellationToken.None);

        Assert.Equal(Losses(exploited), Losses(resumed));
        Assert.Single(new MetricsJournal(recipientDirectory.MetricsPath).Read(), l => l.Kind == "exploit");
    }

    [Fact]
    public void A_copy_that_does_not_have_the_recorded_hash_fails_and_leaves_the_recipients_checkpoint()
    {
        using var temp = new TempDirectory();
        var (donorDirectory, donor) = Trained(temp["donor"], Donor);
        var (recipientDirectory, recipient) = Trained(temp["recipient"], Recipient);
        var adoption = Adoption(donorDirectory, donor, 3) with { Sha256 = new string('0', 64) };

        var job = new TrainingJob(Explored, TrainerTests.Dataset(), CPU, recipientDirectory) { Adopt = adoption };
        Assert.Throws<CheckpointCorruptException>(() => job.Run(new RecordingObserver(), [], CancellationToken.None));
        Assert.Equal(recipient.Summaries.Single(s => s.Step == 3).CheckpointSha256,
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(recipientDirectory.CheckpointPath(3)))));
    }
}
