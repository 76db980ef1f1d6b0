namespace OrleansGan.Workers;

/// <summary>Where an attempt runs: the worker's name, its silo and the device it trains on.</summary>
[GenerateSerializer, Immutable, Alias("TrialStarted")]
public sealed record TrialStarted(
    [property: Id(0)] string WorkerName,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] string Device);
