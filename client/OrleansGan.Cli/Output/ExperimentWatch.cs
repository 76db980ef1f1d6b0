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
            .Columns(LiveColumns(AnsiConsole.Profile.Width))
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
                        bar.Description = Markup.Escape(Fit(Describe(run, experimentId), DescriptionWidth(AnsiConsole.Profile.Width)));
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

    /// <summary>
    /// A run's line fits beside a bar narrow enough for 80 columns, cut short rather than wrapped: Spectre squeezes the bar
    /// column to a character or two when the description wants more room, and the bar prints as a stack of fragments.
    /// </summary>
    static ProgressColumn[] LiveColumns(int width) => width < WideTerminal
        ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth(width) }, new PercentageColumn()]
        : [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth(width) }, new PercentageColumn(), new RemainingTimeColumn()];

    const int WideTerminal = 120;
    static int BarWidth(int width) => Math.Clamp(width / 8, 10, 30);

    /// <summary>The terminal less the bar, "100%", the remaining time on a wide terminal, the gaps between columns, and one spare.</summary>
    static int DescriptionWidth(int width) => Math.Max(20, width - BarWidth(width) - 4 - (width < WideTerminal ? 0 : 9) - 3 - 1);

    static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    public static string Describe(RunSnapshot run, string? experimentId = null)
    {
        var id = experimentId is null ? run.RunId : Formats.ShortRunId(run.RunId, experimentId);
        var text = $"{id} [{run.Status.ToString().ToLowerInvariant()}] {Formats.Parameters(run.Spec.Hyperparameters)} step {run.Step}/{run.TotalSteps}";
        if (run.Latest is { } p) text += $" d1={Formats.Loss(p.D1)} d2={Formats.Loss(p.D2)} g={Formats.Loss(p.G)}";
        if (run.Checkpoints.MaxBy(c => c.Step) is { } c) text += $" D accuracy real={Formats.Percent(c.AccuracyReal)} fake={Formats.Percent(c.AccuracyFake)}";
        if (run.BestScore is { } best)
            text += $" {run.Spec.Objective.Metric}={Formats.Score(run.LatestScore)} (best {Formats.Number(best)} at step {run.BestCheckpoint!.Step})";
        if (run.StatusReason is { } reason && run.Status != RunStatus.Completed) text += $" ({reason})";
        return text;
    }
}
