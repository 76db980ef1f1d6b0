using System.Collections.Immutable;

namespace OrleansGan.Runs;

/// <summary>One PBT exploit a run went through: at its epoch <see cref="AtEpoch"/> it took <see cref="DonorRun"/>'s checkpoint of step <see cref="DonorStep"/> and the new values.</summary>
[GenerateSerializer, Immutable, Alias("LineageEntry")]
public sealed record LineageEntry(
    [property: Id(0)] int AtEpoch,
    [property: Id(1)] string DonorRun,
    [property: Id(2)] long DonorStep,
    [property: Id(3)] int DonorEpoch,
    [property: Id(4)] string DonorSha256,
    [property: Id(5)] ImmutableArray<KeyValuePair<string, double>> OldValues,
    [property: Id(6)] ImmutableArray<KeyValuePair<string, double>> NewValues,
    [property: Id(7)] DateTimeOffset At);
