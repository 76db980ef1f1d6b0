namespace OrleansGan.Workers;

/// <summary>A slot held by one attempt (trial key "runId#attempt"): which worker silo, which device, what share of it.</summary>
[GenerateSerializer, Immutable, Alias("SlotGrant")]
public sealed record SlotGrant(
    [property: Id(0)] string TrialKey,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] string WorkerName,
    [property: Id(3)] DeviceKind Kind,
    [property: Id(4)] int DeviceIndex,
    [property: Id(5)] double Gpus,
    [property: Id(6)] DateTimeOffset GrantedAt)
{
    public string RunId => Workers.TrialKey.RunIdOf(TrialKey);

    /// <summary>The device as the trainer names it: cpu, or cuda:N.</summary>
    public string Device => Kind == DeviceKind.Cpu ? "cpu" : $"cuda:{DeviceIndex}";
}
