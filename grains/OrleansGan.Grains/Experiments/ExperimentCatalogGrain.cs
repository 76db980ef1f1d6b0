using System.Globalization;
using OrleansGan.Experiments;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

public sealed class ExperimentCatalogGrain(
    [PersistentState("catalog", StorageNames.Default)] IPersistentState<ExperimentCatalogState> state) : Grain, IExperimentCatalogGrain
{
    List<ExperimentEntry> Entries => state.State.Entries;

    public async Task<string> Submit(SweepDefinition sweep)
    {
        SweepValidator.Validate(sweep);
        var now = DateTimeOffset.UtcNow;
        var id = UniqueId($"{sweep.Name}-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        Entries.Add(await GrainFactory.GetGrain<IExperimentGrain>(id).Start(sweep, now));
        await state.WriteStateAsync();
        return id;
    }

    public async Task Refresh(string experimentId)
    {
        var entry = (await GrainFactory.GetGrain<IExperimentGrain>(experimentId).GetSnapshot()).Entry;
        var index = Entries.FindIndex(e => e.ExperimentId == entry.ExperimentId);
        if (index < 0) Entries.Add(entry);
        else Entries[index] = entry;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<ExperimentEntry>> List() =>
        Task.FromResult<IReadOnlyList<ExperimentEntry>>(Entries.OrderByDescending(e => e.SubmittedAt).ToList());

    string UniqueId(string candidate)
    {
        var id = candidate;
        for (var n = 2; Entries.Any(e => e.ExperimentId == id); n++) id = $"{candidate}-{n}";
        return id;
    }
}
