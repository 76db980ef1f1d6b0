using OrleansGan.Cli.Cluster;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>
/// Follows an experiment from its grains until every run has finished: a bar per run on a terminal,
/// else a line per change on stderr (stdout stays for the result, e.g. --json).
/// </summary>
internal static class ExperimentWatch
{
    static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<ExperimentSnapshot> UntilFinishedAsync(IClusterClient client, string experimentId, CancellationToken cancellation)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await PrintChanges(client, experimentId, cancellation);

        ExperimentSnapshot experiment = await client.Experiment(experimentId);
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                while (true)
                {
                    experiment = await client.Experiment(experimentId);
                    foreach (var run in await client.Runs(experiment))
                    {
                        if (!bars.TryGetValue(run.RunId, out var bar)) bars[run.RunId] = bar = context.AddTask(run.RunId, maxValue: 1);
                        bar.MaxValue = Math.Max(1, run.TotalSteps);
                        bar.Value = run.Step;
                        bar.Description = Markup.Escape(Describe(run));
                        if (run.Status.IsFinished()) bar.StopTask();
                    }
                    if (experiment.Entry.Status != ExperimentStatus.Running || experiment.Runs.All(r => r.Status.IsFinished())) break;
                    await Task.Delay(PollInterval, cancellation);
                }
            });
        return experiment;
    }

    static async Task<ExperimentSnapshot> PrintChanges(IClusterClient client, string experimentId, CancellationToken cancellation)
    {
        var printed = new Dictionary<string, (RunStatus Status, long Step)>();
        var lastPrint = DateTimeOffset.MinValue;
        while (true)
        {
            var experiment = await client.Experiment(experimentId);
            var periodic = DateTimeOffset.UtcNow - lastPrint > TimeSpan.FromSeconds(10);
            foreach (var run in await client.Runs(experiment))
            {
                var now = (run.Status, run.Step);
                if (printed.TryGetValue(run.RunId, out var before) && before.Status == now.Status && (!periodic || before.Step == now.Step)) continue;
                printed[run.RunId] = now;
                Console.Error.WriteLine(Describe(run));
            }
            if (periodic) lastPrint = DateTimeOffset.UtcNow;
            if (experiment.Entry.Status != ExperimentStatus.Running || experiment.Runs.All(r => r.Status.IsFinished())) return experiment;
            await Task.Delay(PollInterval, cancellation);
        }
    }

    public static string Describe(RunSnapshot run)
    {
        var text = $"{run.RunId} [{run.Status.ToString().ToLowerInvariant()}] {Formats.Parameters(run.Spec.Hyperparameters)} step {run.Step}/{run.TotalSteps}";
        if (run.Latest is { } p) text += $" d1={Formats.Loss(p.D1)} d2={Formats.Loss(p.D2)} g={Formats.Loss(p.G)}";
        if (run.Checkpoints.MaxBy(c => c.Step) is { } c) text += $" D accuracy real={Formats.Percent(c.AccuracyReal)} fake={Formats.Percent(c.AccuracyFake)}";
        if (run.BestScore is { } best)
            text += $" {run.Spec.Objective.Metric}={Formats.Score(run.LatestScore)} (best {Formats.Number(best)} at step {run.BestCheckpoint!.Step})";
        if (run.StatusReason is { } reason && run.Status != RunStatus.Completed) text += $" ({reason})";
        return text;
    }
}
