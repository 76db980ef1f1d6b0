namespace OrleansGan.Scheduling;

/// <summary>What an early-stopping rule decided about one run's score at one summary, and why, in words for a person.</summary>
[GenerateSerializer, Immutable]
public sealed record StoppingDecision
{
    [Id(0)] public required string Run { get; init; }

    [Id(1)] public required int Epoch { get; init; }

    [Id(2)] public required StoppingVerdict Verdict { get; init; }

    /// <summary>Like "ASHA rung 3 epochs: swd 41.2 not in top 1/3 of 7 (cut 35.0)".</summary>
    [Id(3)] public required string Reason { get; init; }

    public static StoppingDecision Of(string run, int epoch, StoppingVerdict verdict, string reason) =>
        new() { Run = run, Epoch = epoch, Verdict = verdict, Reason = reason };
}
