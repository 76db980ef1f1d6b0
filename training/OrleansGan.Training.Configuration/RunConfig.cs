namespace OrleansGan.Training.Configuration;

/// <summary>
/// One training run's hyperparameters. The defaults are the seed DCGAN's
/// (shared/spec/seed-dcgan.md); a sweep changes only what it names.
/// </summary>
public sealed record RunConfig
{
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 128;
    public int LatentDim { get; init; } = 100;
    public double LrD { get; init; } = 0.0002;
    public double LrG { get; init; } = 0.0002;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.999;
    public double LeakySlope { get; init; } = 0.2;
    public double Dropout { get; init; } = 0.4;
    public int SummaryEveryEpochs { get; init; } = 5;
    public int EvalSamples { get; init; } = 150;
    public int Grid { get; init; } = 7;
    public long Seed { get; init; } = 1;

    /// <summary>Steps per epoch; null means floor(train images / batch_size), 390 for CIFAR-10.</summary>
    public int? StepsPerEpoch { get; init; }

    /// <summary>Stop after this many steps in all (a summary is taken there); null runs every epoch.</summary>
    public int? MaxSteps { get; init; }

    public int ResolveStepsPerEpoch(int trainImages) => StepsPerEpoch ?? Math.Max(1, trainImages / BatchSize);

    public long TotalSteps(int trainImages)
    {
        var all = (long)Epochs * ResolveStepsPerEpoch(trainImages);
        return MaxSteps is { } max ? Math.Min(all, max) : all;
    }

    /// <summary>Throws <see cref="RunConfigException"/> naming the first key that breaks a rule.</summary>
    public RunConfig Validated()
    {
        foreach (var key in RunConfigKeys.All)
            if (key.Check(this) is { } reason)
                throw new RunConfigException(key.Name, reason);
        return this;
    }
}
