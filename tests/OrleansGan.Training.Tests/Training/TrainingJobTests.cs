using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Training;

/// <summary>A job resumes only from a checkpoint it is told of, and leaves nothing on disk past the point it resumed.</summary>
public class TrainingJobTests
{
    const long Steps = 6;

    /// <summary>Checkpoints at steps 3 and 6, metrics.jsonl with steps 1..6.</summary>
    static (RunDirectory Directory, RecordingObserver Unbroken) TrainedRun(TempDirectory temp)
    {
        var directory = new RunDirectory(temp.Path);
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, Job(directory).Run(observer, [], CancellationToken.None));
        return (directory, observer);
    }

    static TrainingJob Job(RunDirectory directory) => new(TrainerTests.Short, TrainerTests.Dataset(), CPU, directory);

    static ResumePoint Recorded(RecordingObserver run, long step) =>
        run.Summaries.Where(s => s.Step == step).Select(s => new ResumePoint(s.Step, s.CheckpointSha256)).Single();

    static IEnumerable<long> JournalSteps(RunDirectory directory) =>
        new MetricsJournal(directory.MetricsPath).Read().Where(l => l.Step is not null).Select(l => l.Step!.Step);

    [Fact]
    public void It_resumes_from_the_checkpoint_it_is_given_and_not_from_a_newer_one_on_disk()
    {
        using var temp = new TempDirectory();
        var (directory, unbroken) = TrainedRun(temp);

        var resumed = new RecordingObserver();
        Job(directory).Run(resumed, [Recorded(unbroken, 3)], CancellationToken.None);

        Assert.Equal(3, resumed.StartStep);
        Assert.Equal(unbroken.Steps.Skip(3).Select(s => (s.Step, s.D1, s.D2, s.G)), resumed.Steps.Select(s => (s.Step, s.D1, s.D2, s.G)));
        Assert.Equal(Enumerable.Range(1, (int)Steps).Select(s => (long)s), JournalSteps(directory));
        Assert.Equal([6L, 3L], directory.Checkpoints().Select(c => c.Step));
    }

    [Fact]
    public void Before_training_it_removes_every_checkpoint_past_the_one_it_resumed_from()
    {
        using var temp = new TempDirectory();
        var (directory, unbroken) = TrainedRun(temp);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var resumed = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Cancelled, Job(directory).Run(resumed, [Recorded(unbroken, 3)], stop.Token));

        Assert.Equal(3, resumed.StartStep);
        Assert.Equal([3L], directory.Checkpoints().Select(c => c.Step));
        Assert.Equal([1L, 2L, 3L], JournalSteps(directory));
    }

    [Fact]
    public void A_recorded_checkpoint_that_does_not_verify_or_is_another_file_falls_back_to_the_one_before()
    {
        using var temp = new TempDirectory();
        var (directory, unbroken) = TrainedRun(temp);
        var newest = directory.CheckpointPath(6);
        var bytes = File.ReadAllBytes(newest);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(newest, bytes);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        var torn = new RecordingObserver();
        Job(directory).Run(torn, [Recorded(unbroken, 3), Recorded(unbroken, 6)], stop.Token);
        Assert.Equal(3, torn.StartStep);

        var other = new RecordingObserver();
        Job(directory).Run(other, [Recorded(unbroken, 3) with { Sha256 = new string('0', 64) }], stop.Token);
        Assert.Equal(0, other.StartStep);
        Assert.Empty(directory.Checkpoints());
        Assert.Empty(JournalSteps(directory));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stopping_checkpoints_the_last_step_and_abandoning_writes_nothing_more(bool abandon)
    {
        using var temp = new TempDirectory();
        var directory = new RunDirectory(temp.Path);
        using var cancel = new CancellationTokenSource();
        var job = new TrainingJob(TrainerTests.Short with { Epochs = 2, StepsPerEpoch = 12, SummaryEveryEpochs = 2 }, TrainerTests.Dataset(), CPU, directory);

        var observer = new CancelsOnFirstSteps(cancel);
        var outcome = abandon ? job.Run(observer, [], CancellationToken.None, cancel.Token) : job.Run(observer, [], cancel.Token);

        Assert.Equal(TrainingOutcome.Cancelled, outcome);
        Assert.Equal(abandon ? [] : [(long)GanTrainer.ReportEverySteps], directory.Checkpoints().Select(c => c.Step));
    }

    sealed class CancelsOnFirstSteps(CancellationTokenSource cancel) : ITrainingObserver
    {
        public void OnSteps(IReadOnlyList<StepMetrics> steps) => cancel.Cancel();
        public void OnSummary(SummaryReport summary) { }
    }
}
