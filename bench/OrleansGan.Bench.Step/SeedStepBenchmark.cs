using System.Diagnostics;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Data;
using OrleansGan.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace OrleansGan.Bench.Step;

/// <summary>
/// Times <see cref="GanTrainer"/>'s own seed step, the one `orleansgan train` runs, at the seed's defaults
/// (batch 128) on random images. Each timed step sits between two device synchronisations, so no queued GPU
/// work escapes its step's time; the trainer itself syncs only every <see cref="GanTrainer.ReportEverySteps"/> steps.
/// </summary>
public sealed class SeedStepBenchmark(Device device, int warmupSteps, int timedSteps, bool allowTf32)
{
    /// <summary>As many images as CIFAR-10's train set: batches are drawn from a set of its size.</summary>
    const int TrainImages = 50_000;

    public StepReport Run()
    {
        var config = new RunConfig();
        using var data = new TrainingData(RandomImages((int)config.Seed), device);
        // TrainStep writes nothing: the run directory is never created.
        var unused = new RunDirectory(Path.Combine(Path.GetTempPath(), "orleansgan-bench-step"));
        using var trainer = new GanTrainer(config, data, device, unused);

        for (var i = 0; i < warmupSteps; i++) trainer.TrainStep().Dispose();
        Synchronize();

        var milliseconds = new double[timedSteps];
        var losses = new List<Tensor>(timedSteps);
        try
        {
            for (var i = 0; i < timedSteps; i++)
            {
                var start = Stopwatch.GetTimestamp();
                losses.Add(trainer.TrainStep());
                Synchronize();
                milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            return new StepReport("orleansgan-trainer", device.ToString(), config.BatchSize, warmupSteps, get_num_threads(),
                StepReport.PerStepSync, milliseconds, FinalLosses(losses), allowTf32 ? Tf32Switches.Current() : null, TorchVersions.Describe());
        }
        finally
        {
            foreach (var loss in losses) loss.Dispose();
        }
    }

    static CifarDataset RandomImages(int seed)
    {
        var random = new Random(seed);
        var images = new byte[(long)TrainImages * CifarFormat.ImageBytes];
        var labels = new byte[TrainImages];
        random.NextBytes(images);
        random.NextBytes(labels);
        return new CifarDataset(images, labels);
    }

    void Synchronize()
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    /// <returns>The last step's (d1, d2, g), after checking that every timed step's losses are finite.</returns>
    static float[] FinalLosses(List<Tensor> losses)
    {
        using var scope = NewDisposeScope();
        var all = stack(losses).cpu();
        if (!all.isfinite().all().item<bool>())
            throw new NonFiniteLossException("a timed step produced a non-finite loss: the step is broken, its time means nothing");
        return all[-1].data<float>().ToArray();
    }
}
