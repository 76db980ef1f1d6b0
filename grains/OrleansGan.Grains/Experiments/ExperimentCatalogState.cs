using OrleansGan.Experiments;

namespace OrleansGan.Grains.Experiments;

[GenerateSerializer, Alias("ExperimentCatalogState")]
public sealed class ExperimentCatalogState
{
    [Id(0)] public List<ExperimentEntry> Entries { get; set; } = [];
}
