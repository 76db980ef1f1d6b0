using OrleansGan.Sweeps;

namespace OrleansGan.Experiments;

/// <summary>Every experiment ever submitted, newest first (a single grain, key 0).</summary>
[Alias("IExperimentCatalogGrain")]
public interface IExperimentCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Gives the sweep a new experiment id, starts it and records it.</summary>
    /// <exception cref="InvalidSweepException">the sweep breaks a rule of the sweep file format.</exception>
    [Alias("Submit")] Task<string> Submit(SweepDefinition sweep);

    /// <summary>Reads the experiment's entry from the experiment itself (which calls this when it ends).</summary>
    [Alias("Refresh")] Task Refresh(string experimentId);

    [Alias("List")] Task<IReadOnlyList<ExperimentEntry>> List();
}
