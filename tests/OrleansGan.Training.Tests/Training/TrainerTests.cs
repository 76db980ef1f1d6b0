using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Trainer;
using static TorchSharp.torch;

namespace OrleansGan.Training.Tests.Training;

public class TrainerTests
{
    internal static readonly RunConfig Short = new()
    {
        Epochs = 2, StepsPerEpoch = 3, BatchSize = 16, SummaryEveryEpochs = 1, EvalSamples = 16, Grid = 3,
    };

    internal static CifarDataset Dataset(int count = 64)
    {
        var random = new Random(3);
        var images = new byte[count * 3072];
        random.NextBytes(images);
        return new CifarDataset(images, new byte[count]);
    }

    static RecordingObserver Train(RunConfig config, string dir, string? resumeFrom = null)
    {
        using var data = new TrainingData(Dataset(), CPU);
        using var trainer = new GanTrainer(config, data, CPU, new RunDirectory(dir));
        if (resumeFrom is not null) trainer.Restore(resumeFrom);
        var observer = new RecordingObserver();
        Assert.Equal(TrainingOutcome.Completed, trainer.Run(observer, CancellationToken.None));
        return observer;
    }

    [Fact]
    public void A_short_run_reports_finite_losses_and_writes_grids_and_verifiable_checkpoints()
    {
        using var temp = new TempDirectory();
        var observer = Train(Short, temp.Path);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), observer.Steps.Select(s => s.Step));
        Assert.All(observer.Steps, s => Assert.True(double.IsFinite(s.D1) && double.IsFinite(s.D2) && double.IsFinite(s.G) && s.D1 > 0));
        Assert.Equal([3L, 6L], observer.Summaries.Select(s => s.Step));
        Assert.Equal([1, 2], observer.Summaries.Select(s => s.Epoch));
        foreach (var summary in observer.Summaries)
        {
            Assert.True(File.Exists(summary.GridPath));
            Assert.InRange(summary.AccuracyReal, 0, 1);
            var (header, body, sha) = CheckpointFile.Open(summary.CheckpointPath);
            body.Dispose();
            Assert.Equal(summary.Step, header.Step);
            Assert.Equal(summary.CheckpointSha256, sha);
        }
    }

    [Fact]
    public void A_resumed_run_reproduces_every_later_step_exactly()
    {
        using var temp = new TempDirectory();
        var unbroken = Train(Short, temp["unbroken"]);

        var stopped = Train(Short with { MaxSteps = 3 }, temp["stopped"]);
        Assert.Equal(3, stopped.Steps.Count);
        var checkpoint = new RunDirectory(temp["stopped"]).Checkpoints().First();
        Assert.Equal(3, checkpoint.Step);

        var resumed = Train(Short, temp["stopped"], checkpoint.Path);
        Assert.Equal([4L, 5L, 6L], resumed.Steps.Select(s => s.Step));
        Assert.Equal(
            unbroken.Steps.Skip(3).Select(s => (s.D1, s.D2, s.G)),
            resumed.Steps.Select(s => (s.D1, s.D2, s.G)));
    }

    [Fact]
    public async Task Runs_built_and_trained_on_parallel_threads_draw_only_from_their_own_generators()
    {
        using var temp = new TempDirectory();
        var alone = Train(Short, temp["alone"]).Steps.Select(s => (s.D1, s.D2, s.G)).ToList();

        const int Threads = 4;
        using var together = new Barrier(Threads);
        var runs = Enumerable.Range(0, Threads).Select(i => Task.Factory.StartNew(() =>
        {
            together.SignalAndWait();
            return Train(Short, temp[$"together-{i}"]).Steps.Select(s => (s.D1, s.D2, s.G)).ToList();
        }, TaskCreationOptions.LongRunning)).ToArray();
        foreach (var run in runs) Assert.Equal(alone, await run);
    }

    [Fact]
    public void A_corrupt_checkpoint_is_named_and_refused()
    {
        using var temp = new TempDirectory();
        var path = Train(Short with { MaxSteps = 3 }, temp.Path).Summaries.Single().CheckpointPath;
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<CheckpointCorruptException>(() => CheckpointFile.Open(path));
        Assert.StartsWith(path + ": corrupt: SHA-256 is", e.Message);

        File.Delete(CheckpointFile.HashPath(path));
        e = Assert.Throws<CheckpointCorruptException>(() => CheckpointFile.Open(path));
        Assert.Contains("missing checkpoint.bin.sha256", e.Message);
    }
}
