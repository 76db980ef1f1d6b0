using OrleansGan.Experiments;
using OrleansGan.Runs;

namespace OrleansGan.Orleans.Tests;

/// <summary>
/// Stopping a silo is a normal event: runs are checkpointed and handed back, and nothing is logged as an error
/// (issue 12: trial grains releasing slots during shutdown logged "No active nodes are compatible with grain slotledger").
/// </summary>
public class QuietShutdownTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Stopping_the_silo_while_runs_train_and_others_wait_logs_no_error()
    {
        using var data = new TempDirectory();
        var log = new CapturedLog();
        await using var cluster = await TestCluster.StartAsync(data.Path, slots: 2, log);
        var id = await cluster.Client.GetGrain<IExperimentCatalogGrain>(0).Submit(Sweeps.SmallGrid("stop", steps: 100_000, maxConcurrent: 2));
        var deadline = DateTime.UtcNow + Limit;
        foreach (var runId in new[] { RunIds.For(id, 0), RunIds.For(id, 1) })
        {
            while (await cluster.Client.GetGrain<IRunGrain>(runId).StepOrZeroAsync() < 2)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{runId} did not train 2 steps within {Limit}");
                await Task.Delay(200);
            }
        }

        await cluster.StopSiloAsync();

        Assert.Contains(log.Entries, e => e.Contains("Worker test-worker stopping: checkpointing 2 run(s)"));
        var errors = log.Entries.Where(e => e.StartsWith("Error") || e.StartsWith("Critical")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.DoesNotContain(log.Entries, e => e.Contains("No active nodes are compatible"));
    }
}
