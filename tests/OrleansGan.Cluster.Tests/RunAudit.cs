using OrleansGan.Runs;
using OrleansGan.Training.Checkpoints;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Cluster.Tests;

/// <summary>What "nothing lost" means for a finished run, checked against the grain and the disk alike.</summary>
static class RunAudit
{
    /// <summary>
    /// Every step once in the grain's history and in metrics.jsonl; the checkpoint records and the checkpoint files on
    /// disk name the same steps; each file verifies and has the SHA-256 its record holds.
    /// </summary>
    public static void AssertWhole(LoopbackCluster cluster, RunSnapshot run, long steps, IEnumerable<long> periodicCheckpoints)
    {
        var directory = new RunDirectory(cluster.RunDirectory(run));
        var all = Enumerable.Range(1, (int)steps).Select(s => (long)s).ToList();
        Assert.Equal((RunStatus.Completed, steps), (run.Status, run.Step));
        Assert.Equal(all, run.History.Select(p => p.Step));
        Assert.Equal(all, new MetricsJournal(directory.MetricsPath).Read().Where(l => l.Step is not null).Select(l => l.Step!.Step));

        var recorded = run.Checkpoints.Select(c => c.Step).ToList();
        Assert.Equal(recorded.Order(), recorded);
        Assert.Subset(recorded.ToHashSet(), periodicCheckpoints.ToHashSet());
        Assert.Equal(recorded, directory.Checkpoints().Select(c => c.Step).Order());
        foreach (var record in run.Checkpoints)
        {
            var (header, body, sha) = CheckpointFile.Open(ArtifactPaths.Resolve(cluster.DataDirectory, record.Path));
            body.Dispose();
            Assert.Equal((record.Step, record.Sha256), (header.Step, sha));
        }
    }
}
