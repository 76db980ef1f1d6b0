using OrleansGan.Experiments;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

[GenerateSerializer, Alias("ExperimentState")]
public sealed class ExperimentState
{
    [Id(0)] public SweepDefinition? Sweep { get; set; }
    [Id(1)] public ExperimentEntry? Entry { get; set; }
    [Id(2)] public List<ExperimentRun> Runs { get; set; } = [];
}
