namespace OrleansGan.Storage.Tests;

[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Note { get; set; }
}
