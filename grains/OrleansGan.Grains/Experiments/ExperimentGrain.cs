using OrleansGan.Experiments;
using OrleansGan.Runs;
using OrleansGan.Sweeps;

namespace OrleansGan.Grains.Experiments;

public sealed class ExperimentGrain(
    [PersistentState("experiment", StorageNames.Default)] IPersistentState<ExperimentState> state) : Grain, IExperimentGrain, IRemindable
{
    const string DriveReminder = "drive";
    static readonly TimeSpan DrivePeriod = TimeSpan.FromMinutes(1);

    ExperimentState S => state.State;
    string ExperimentId => this.GetPrimaryKeyString();

    public async Task<ExperimentEntry> Start(SweepDefinition sweep, DateTimeOffset submittedAt)
    {
        if (S.Entry is not null) return S.Entry;
        var variants = SweepExpander.Expand(sweep);
        S.Sweep = sweep;
        S.Entry = new ExperimentEntry(ExperimentId, sweep.Name, sweep.Description, variants.Count, ExperimentStatus.Running, submittedAt, null);
        foreach (var variant in variants)
        {
            var runId = RunIds.For(ExperimentId, variant.Index);
            await GrainFactory.GetGrain<IRunGrain>(runId).Create(new RunSpec(
                ExperimentId, variant.Index, variant.Parameters, variant.Config, sweep.Data,
                sweep.Resources.GpusPerTrial, sweep.Resources.MaxFailures, ArtifactPaths.RunDirectory(ExperimentId, runId))
            {
                Objective = sweep.Objective,
            });
            S.Runs.Add(new ExperimentRun(runId, variant.Index, RunStatus.Pending, Started: false));
        }
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(DriveReminder, DrivePeriod, DrivePeriod);
        await StartRunsUpToLimit();
        return S.Entry;
    }

    public Task<ExperimentSnapshot> GetSnapshot()
    {
        if (S.Sweep is null || S.Entry is null) throw new UnknownIdException($"no experiment {ExperimentId}");
        return Task.FromResult(new ExperimentSnapshot(S.Entry, S.Sweep, S.Runs.ToList()));
    }

    public async Task Cancel()
    {
        if (S.Entry is null) throw new UnknownIdException($"no experiment {ExperimentId}");
        if (S.Entry.Status != ExperimentStatus.Running) return;
        S.Entry = S.Entry with { Status = ExperimentStatus.Cancelled };
        await state.WriteStateAsync();
        await Task.WhenAll(S.Runs.Where(r => !r.Status.IsFinished()).Select(r => GrainFactory.GetGrain<IRunGrain>(r.RunId).Cancel()));
    }

    public async Task OnRunFinished(string runId, RunStatus status)
    {
        var index = S.Runs.FindIndex(r => r.RunId == runId);
        if (index < 0 || S.Runs[index].Status.IsFinished()) return;
        S.Runs[index] = S.Runs[index] with { Status = status };
        await state.WriteStateAsync();
        await StartRunsUpToLimit();
        await CompleteIfAllFinished();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Entry is null || S.Entry.FinishedAt is not null)
        {
            await UnregisterDriveReminder();
            return;
        }
        // After a restart, a run whose worker died is found out by its own watch once it is active again.
        foreach (var run in S.Runs.Where(r => r.Started && !r.Status.IsFinished()))
            await GrainFactory.GetGrain<IRunGrain>(run.RunId).Start();
        await StartRunsUpToLimit();
    }

    async Task StartRunsUpToLimit()
    {
        if (S.Entry!.Status != ExperimentStatus.Running) return;
        var active = S.Runs.Count(r => r.Started && !r.Status.IsFinished());
        var limit = S.Sweep!.Resources.MaxConcurrent;
        for (var i = 0; i < S.Runs.Count && active < limit; i++)
        {
            if (S.Runs[i].Started) continue;
            S.Runs[i] = S.Runs[i] with { Started = true };
            active++;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IRunGrain>(S.Runs[i].RunId).Start();
        }
    }

    async Task CompleteIfAllFinished()
    {
        if (S.Runs.Any(r => !r.Status.IsFinished())) return;
        var status = S.Entry!.Status == ExperimentStatus.Cancelled ? ExperimentStatus.Cancelled
            : S.Runs.Any(r => r.Status == RunStatus.Failed) ? ExperimentStatus.Failed
            : ExperimentStatus.Completed;
        S.Entry = S.Entry with { Status = status, FinishedAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExperimentCatalogGrain>(0).Update(S.Entry);
        await UnregisterDriveReminder();
    }

    async Task UnregisterDriveReminder()
    {
        if (await this.GetReminder(DriveReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
