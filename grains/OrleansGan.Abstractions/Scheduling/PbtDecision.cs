namespace OrleansGan.Scheduling;

/// <summary>What PBT decided about one run's score at one summary: train on, or exploit a better run and explore.</summary>
[GenerateSerializer, Immutable]
public sealed record PbtDecision
{
    [Id(0)] public required string Run { get; init; }

    [Id(1)] public required int Epoch { get; init; }

    /// <summary>Null when the run trains on as it is.</summary>
    [Id(2)] public PbtExploit? Exploit { get; init; }

    /// <summary>Like "PBT epoch 4: swd 41.2 ranks 4 of 4, bottom 1: copies lr-r001 at epoch 4 (swd 20.1); lr_g 0.0002 -> 0.00024".</summary>
    [Id(3)] public required string Reason { get; init; }
}
