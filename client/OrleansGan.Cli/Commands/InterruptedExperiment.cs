using OrleansGan.Cli.Output;
using OrleansGan.Cli.Cluster;
using OrleansGan.Runs;
using OrleansGan.Training.Trainer;

namespace OrleansGan.Cli.Commands;

/// <summary>
/// Ctrl+C or SIGTERM while a command follows an experiment. Embedded: every run training checkpoints at its current step,
/// the silo stops, and the command says where each run stands and how to continue. On a cluster the experiment goes on;
/// only the watching stops.
/// </summary>
internal static class InterruptedExperiment
{
    /// <param name="continueCommand">The command that continues the experiment, e.g. `orleansgan sweep run FILE`.</param>
    /// <returns>The exit code: 130 after Ctrl+C, 143 after SIGTERM.</returns>
    public static async Task<int> StopAsync(ClusterSession session, string experimentId, string continueCommand)
    {
        var runs = await session.Client.Runs(await session.Client.Experiment(experimentId));
        if (!session.Embedded)
        {
            await Console.Error.WriteLineAsync($"stopped watching; experiment {experimentId} goes on in the cluster (`orleansgan watch {experimentId}`)");
            return Interrupts.ExitCode;
        }

        var training = runs.Where(r => r.Status == RunStatus.Running).ToList();
        await Console.Error.WriteLineAsync(
            $"stopping: {training.Count} run(s) checkpoint at their current step, then the embedded silo stops (Ctrl+C again to stop at once)");
        Interrupts.DescribeUnsavedWork(() => string.Join("; ", training.Select(r =>
            $"{ShortId(r, experimentId)}: the steps after step {r.LatestCheckpoint?.Step ?? 0}")));
        await session.DisposeAsync();

        var where = runs.Select(r => $"{ShortId(r, experimentId)} {Position(session.ArtifactRoot!, r)}");
        await Console.Error.WriteLineAsync($"interrupted experiment {experimentId}: {string.Join(", ", where)}");
        await Console.Error.WriteLineAsync($"`{continueCommand}` continues it from these checkpoints");
        return Interrupts.ExitCode;
    }

    /// <summary>From the run's directory, which the worker wrote before the silo stopped: the grains are gone by now.</summary>
    static string Position(string artifactRoot, RunSnapshot run)
    {
        if (run.Status.IsFinished()) return run.Status.ToString().ToLowerInvariant();
        var directory = new RunDirectory(ArtifactPaths.Resolve(artifactRoot, run.Spec.ArtifactDirectory));
        var (step, _) = directory.Checkpoints().FirstOrDefault();
        return step > 0 ? $"checkpointed at step {Formats.Steps(step, run.TotalSteps)}" : run.Attempts > 0 ? "no step trained yet" : "not started";
    }

    public static string ShortId(RunSnapshot run, string experimentId) => Formats.ShortRunId(run.RunId, experimentId);
}
