namespace OrleansGan.Storage.Tests;

public interface IProbeGrain : IGrainWithStringKey
{
    Task Remember(string note);

    Task<string?> GetNote();

    Task<string?> GetArchivedNote();

    Task RegisterReminder(string name);

    Task<bool> HasReminder(string name);
}
