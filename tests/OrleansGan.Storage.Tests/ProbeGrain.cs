using Orleans.Runtime;

namespace OrleansGan.Storage.Tests;

/// <summary>Keeps a note in the default storage and a copy in the "archive" storage, and holds durable reminders.</summary>
public sealed class ProbeGrain(
    [PersistentState("probe")] IPersistentState<ProbeState> probe,
    [PersistentState("archive", ProbeGrain.ArchiveStorage)] IPersistentState<ProbeState> archive)
    : Grain, IProbeGrain, IRemindable
{
    public const string ArchiveStorage = "archive";

    public async Task Remember(string note)
    {
        probe.State.Note = note;
        await probe.WriteStateAsync();
        archive.State.Note = note;
        await archive.WriteStateAsync();
    }

    public Task<string?> GetNote() => Task.FromResult(probe.State.Note);

    public Task<string?> GetArchivedNote() => Task.FromResult(archive.State.Note);

    // Due in an hour, so no tick interferes with the test.
    public Task RegisterReminder(string name) => this.RegisterOrUpdateReminder(name, TimeSpan.FromHours(1), TimeSpan.FromHours(1));

    public async Task<bool> HasReminder(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
