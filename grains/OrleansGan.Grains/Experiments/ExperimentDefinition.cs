using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

/// <summary>What an experiment is, written once when it starts: its runs follow from the sweep.</summary>
[GenerateSerializer, Alias("ExperimentDefinition")]
public sealed class ExperimentDefinition
{
    [Id(0)] public SweepDefinition? Sweep { get; set; }
    [Id(1)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(2)] public int Runs { get; set; }
}
