namespace OrleansGan.Storage.Tests;

public sealed class SiloRestartTests(RestartedClusterFixture fixture) : IClassFixture<RestartedClusterFixture>
{
    private readonly IProbeGrain _grain = fixture.Cluster.Client.GetGrain<IProbeGrain>(RestartedClusterFixture.GrainKey);

    [Fact]
    public async Task State_written_before_the_restart_is_read_back()
    {
        Assert.Equal(RestartedClusterFixture.Note, await _grain.GetNote());
    }

    [Fact]
    public async Task State_in_a_named_storage_is_read_back()
    {
        Assert.Equal(RestartedClusterFixture.Note, await _grain.GetArchivedNote());
    }

    [Fact]
    public async Task Reminder_registered_before_the_restart_still_exists()
    {
        Assert.True(await _grain.HasReminder(RestartedClusterFixture.ReminderName));
        Assert.False(await _grain.HasReminder("never-registered"));
    }
}
