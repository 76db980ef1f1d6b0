using System.Diagnostics;
using TorchSharp;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Configuration;
using OrleansGan.Training.Model;
using OrleansGan.Training.Optim;
using OrleansGan.Training.Quality;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace OrleansGan.Training.Trainer;

/// <summary>
/// Trains the seed DCGAN with the seed's step: D on real (label 1) -> d1, D on fakes (label 0) -> d2,
/// G through the frozen D (label 1) -> g. Summaries (D accuracy, a sample grid, a checkpoint) come
/// every summary_every_epochs epochs and at the end.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    /// <summary>Losses stay on the device and are read in batches of this many steps: one host sync per batch.</summary>
    public const int ReportEverySteps = 10;

    const ulong GridSeedOffset = 1, InitializationSeedOffset = 2, EvaluationSeedOffset = 3;

    readonly RunConfig _config;
    readonly TrainingData _data;
    readonly RunDirectory _directory;
    readonly Device _device;
    readonly Generator _rng;
    readonly Sequential _generator, _discriminator;
    readonly FlatParameters _generatorParameters, _discriminatorParameters;
    readonly FlatAdam _generatorOptimizer, _discriminatorOptimizer;
    readonly Tensor _realHalf, _fakeHalf, _realFull, _gridLatent;
    readonly int _half;

    public GanTrainer(RunConfig config, TrainingData data, Device device, RunDirectory directory)
    {
        _config = config.Validated();
        _data = data;
        _device = device;
        _directory = directory;
        StepsPerEpoch = config.ResolveStepsPerEpoch(data.Count);
        TotalSteps = config.TotalSteps(data.Count);
        _half = config.BatchSize / 2;

        // Every draw comes from the run's own generators (never the process-wide one that other runs on this worker share):
        // the weights from one, the steps' batches, latents and dropout from another, the summaries' grid latent from a third,
        // their evaluation from a fourth.
        _rng = new Generator((ulong)config.Seed, device);
        using (var initialization = new Generator((ulong)config.Seed + InitializationSeedOffset))
        {
            _generator = DcganModels.Generator(config, initialization);
            _discriminator = DcganModels.Discriminator(config, _rng, initialization);
        }
        _generator.to(device);
        _discriminator.to(device);
        _generatorParameters = new FlatParameters(_generator);
        _discriminatorParameters = new FlatParameters(_discriminator);
        _generatorOptimizer = new FlatAdam(_generatorParameters, config.LrG, config.Beta1, config.Beta2);
        _discriminatorOptimizer = new FlatAdam(_discriminatorParameters, config.LrD, config.Beta1, config.Beta2);

        _realHalf = ones(_half, 1, device: device);
        _fakeHalf = zeros(_half, 1, device: device);
        _realFull = ones(config.BatchSize, 1, device: device);
        using var gridRng = new Generator((ulong)config.Seed + GridSeedOffset, device);
        _gridLatent = randn(config.Grid * config.Grid, config.LatentDim, device: device, generator: gridRng);
    }

    /// <summary>Scores every summary's checkpoint when set (the run's objective); the trainer does not own it.</summary>
    public QualityScoring? Scoring { get; init; }

    public int StepsPerEpoch { get; }
    public long TotalSteps { get; }
    public long Step { get; private set; }

    /// <summary>Restores weights, optimizer states, step and RNG from a verified checkpoint of this configuration.</summary>
    /// <param name="expectedSha256">When given, the checkpoint must be exactly this file (the one its record names).</param>
    public void Restore(string checkpointPath, string? expectedSha256 = null)
    {
        var (header, body, sha) = CheckpointFile.Open(checkpointPath);
        using (body)
        {
            if (expectedSha256 is not null && !string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase))
                throw new CheckpointCorruptException(checkpointPath, $"is not the checkpoint its record names (SHA-256 {sha}, recorded {expectedSha256})");
            var saved = RunConfigKeys.FromPairs(header.Config);
            if (saved with { Epochs = _config.Epochs, MaxSteps = _config.MaxSteps } != _config)
                throw new CheckpointCorruptException(checkpointPath, "was written by a run with a different configuration");
            try
            {
                _generatorParameters.Values.LoadFrom(body);
                _discriminatorParameters.Values.LoadFrom(body);
                _generatorOptimizer.Load(body);
                _discriminatorOptimizer.Load(body);
                using var state = TensorExtensionMethods.Load(body);
                _rng.set_state(state);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new CheckpointCorruptException(checkpointPath, $"unreadable: {e.Message}");
            }
            Step = header.Step;
        }
    }

    public TrainingOutcome Run(ITrainingObserver observer, CancellationToken cancellation)
    {
        observer.OnStarted(Step, TotalSteps);
        var pending = new List<Tensor>(ReportEverySteps);
        var window = Stopwatch.StartNew();
        try
        {
            while (Step < TotalSteps)
            {
                if (cancellation.IsCancellationRequested)
                {
                    Flush(pending, window, observer);
                    return TrainingOutcome.Cancelled;
                }
                pending.Add(TrainStep());
                Step++;
                var summaryDue = IsSummaryDue();
                if (pending.Count == ReportEverySteps || summaryDue || Step == TotalSteps)
                    Flush(pending, window, observer);
                if (summaryDue) observer.OnSummary(Summarize());
            }
            return TrainingOutcome.Completed;
        }
        finally
        {
            foreach (var t in pending) t.Dispose();
        }
    }

    /// <summary>Writes a checkpoint now (for a graceful stop) and returns its summary.</summary>
    public SummaryReport Summarize()
    {
        var epoch = CurrentEpoch;
        var (accuracyReal, accuracyFake) = EvaluateDiscriminator();
        var gridPath = _directory.GridPath(epoch);
        GeneratedGrid.Write(_generator, _gridLatent, columns: _config.Grid, gridPath);
        var checkpointPath = _directory.CheckpointPath(Step);
        var sha = WriteCheckpoint(checkpointPath, epoch);
        var report = new SummaryReport(Step, epoch, accuracyReal, accuracyFake, gridPath, checkpointPath, sha) { AtSummaryEpoch = IsSummaryDue() };
        if (Scoring?.Score(_generator, _config.LatentDim, _config.Seed, Step) is not { } scored) return report;
        return report with { Scores = scored.Scores, ScoreDetails = scored.Details, ScoreSeconds = scored.Seconds };
    }

    /// <summary>The epoch the last step belonged to, counted from 1.</summary>
    int CurrentEpoch => (int)Math.Max(1, (Step + StepsPerEpoch - 1) / StepsPerEpoch);

    bool IsSummaryDue() =>
        Step == TotalSteps ||
        (Step % StepsPerEpoch == 0 && (Step / StepsPerEpoch) % _config.SummaryEveryEpochs == 0);

    /// <returns>The step's (d1, d2, g), still on the device.</returns>
    /// <remarks>Internal, not private: bench/OrleansGan.Bench.Step times exactly this step.</remarks>
    internal Tensor TrainStep()
    {
        using var scope = NewDisposeScope();

        _discriminatorParameters.ZeroGradients();
        var real = _data.Sample(_half, _rng);
        var d1 = F.binary_cross_entropy_with_logits(_discriminator.call(real), _realHalf);
        d1.backward();
        _discriminatorOptimizer.Step();

        _discriminatorParameters.ZeroGradients();
        Tensor fake;
        using (no_grad()) fake = _generator.call(Latent(_half, _rng));
        var d2 = F.binary_cross_entropy_with_logits(_discriminator.call(fake), _fakeHalf);
        d2.backward();
        _discriminatorOptimizer.Step();

        _generatorParameters.ZeroGradients();
        _discriminatorParameters.SetTrainable(false);
        var g = F.binary_cross_entropy_with_logits(_discriminator.call(_generator.call(Latent(_config.BatchSize, _rng))), _realFull);
        g.backward();
        _discriminatorParameters.SetTrainable(true);
        _generatorOptimizer.Step();

        return stack([d1.detach(), d2.detach(), g.detach()]).MoveToOuterDisposeScope();
    }

    Tensor Latent(int n, Generator generator) => randn(n, _config.LatentDim, device: _device, generator: generator);

    void Flush(List<Tensor> pending, Stopwatch window, ITrainingObserver observer)
    {
        if (pending.Count == 0) return;
        float[] values;
        using (var all = stack(pending).cpu()) values = all.data<float>().ToArray();
        var stepSeconds = window.Elapsed.TotalSeconds / pending.Count;
        var batch = new List<StepMetrics>(pending.Count);
        for (var i = 0; i < pending.Count; i++)
        {
            var step = Step - pending.Count + i + 1;
            batch.Add(new StepMetrics(step, (int)((step - 1) / StepsPerEpoch) + 1, (int)((step - 1) % StepsPerEpoch) + 1, StepsPerEpoch,
                values[i * 3], values[i * 3 + 1], values[i * 3 + 2], stepSeconds, _config.BatchSize / stepSeconds));
        }
        foreach (var t in pending) t.Dispose();
        pending.Clear();
        window.Restart();
        observer.OnSteps(batch);
    }

    (double Real, double Fake) EvaluateDiscriminator()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        _discriminator.eval();
        _generator.eval();
        try
        {
            // Not from the steps' generator: a checkpoint written mid-epoch (a graceful stop) is evaluated where an unbroken
            // run evaluates nothing, and drawing from it would make the resumed run's later steps differ from the unbroken one's.
            // The same samples every time also make the accuracies comparable from summary to summary.
            using var evaluation = new Generator((ulong)_config.Seed + EvaluationSeedOffset, _device);
            var n = _config.EvalSamples;
            var real = _discriminator.call(_data.Sample(n, evaluation)).gt(0).to(ScalarType.Float32).mean().item<float>();
            var fake = _discriminator.call(_generator.call(Latent(n, evaluation))).le(0).to(ScalarType.Float32).mean().item<float>();
            return (real, fake);
        }
        finally
        {
            _discriminator.train();
            _generator.train();
        }
    }

    string WriteCheckpoint(string path, int epoch)
    {
        var header = new CheckpointHeader(CheckpointHeader.CurrentFormat, Step, epoch,
            RunConfigKeys.ToPairs(_config).ToDictionary(), DateTimeOffset.UtcNow);
        return CheckpointFile.Write(path, header, writer =>
        {
            _generatorParameters.Values.Save(writer);
            _discriminatorParameters.Values.Save(writer);
            _generatorOptimizer.Save(writer);
            _discriminatorOptimizer.Save(writer);
            using var state = _rng.get_state();
            state.Save(writer);
        });
    }

    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _generatorParameters.Dispose();
        _discriminatorParameters.Dispose();
        _generator.Dispose();
        _discriminator.Dispose();
        _realHalf.Dispose();
        _fakeHalf.Dispose();
        _realFull.Dispose();
        _gridLatent.Dispose();
        _rng.Dispose();
    }
}
