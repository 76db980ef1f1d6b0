using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>Every experiment ever submitted, newest first (a single grain, key 0).</summary>
[Alias("IExperimentCatalogGrain")]
public interface IExperimentCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Gives the sweep a new experiment id, records it and starts it.</summary>
    [Alias("Submit")] Task<string> Submit(SweepDefinition sweep);
    [Alias("Update")] Task Update(ExperimentEntry entry);
    [Alias("List")] Task<IReadOnlyList<ExperimentEntry>> List();
}
