namespace OrleansGan.Workers;

/// <summary>A run whose last placement found no slot, and why.</summary>
[GenerateSerializer, Immutable, Alias("UnplacedRun")]
public sealed record UnplacedRun(
    [property: Id(0)] string RunId,
    [property: Id(1)] double Gpus,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset Since);
