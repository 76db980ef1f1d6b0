using OrleansGan.Cli.Cluster;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>
/// Follows an experiment until every run has finished, from the snapshots its grain pushes (counts, runs in flight,
/// best runs, the scheduler's latest decisions), reading only the few runs in flight it shows. On a terminal: a live
/// view; else a line per change on stderr (stdout stays for the result, e.g. --json).
/// </summary>
internal static class ExperimentWatch
{
    /// <summary>Runs in flight shown with their step and losses.</summary>
    const int RunsShown = 8;
    const int BestShown = 5;
    /// <summary>The scheduler's latest decisions shown in the live view.</summary>
    const int DecisionsShown = 3;
    static readonly TimeSpan RunRefresh = TimeSpan.FromSeconds(1);
    static readonly TimeSpan CountsEvery = TimeSpan.FromSeconds(10);

    /// <param name="fromStart">The experiment was just submitted: report every run's end, not only those seen running.</param>
    public static async Task<ExperimentSnapshot> UntilFinishedAsync(IClusterClient client, string experimentId, bool fromStart, CancellationToken cancellation)
    {
        await using var feed = await ExperimentFeed.OpenAsync(client, experimentId);
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await PrintChanges(client, feed, fromStart, cancellation);

        var experiment = feed.Latest;
        await AnsiConsole.Live(new Text("")).StartAsync(async context =>
        {
            while (true)
            {
                var running = await Running(client, experiment);
                // Every line cut to the width, so that none wraps into a second one.
                var width = AnsiConsole.Profile.Width;
                var lines = ExperimentSummary.Lines(experiment, BestShown)
                    .Concat(experiment.Decisions.TakeLast(DecisionsShown).Select(d => "  " + Describe(d, experiment.Entry.ExperimentId)))
                    .Concat(running.Select(r => "  " + Describe(r, experiment.Entry.ExperimentId)))
                    .Select(line => Fit(line, width - 1));
                context.UpdateTarget(new Text(string.Join('\n', lines)));
                context.Refresh();
                if (experiment.IsFinished) break;
                experiment = await feed.NextAsync(RunRefresh, cancellation);
            }
        });
        return experiment;
    }

    static async Task<ExperimentSnapshot> PrintChanges(IClusterClient client, ExperimentFeed feed, bool fromStart, CancellationToken cancellation)
    {
        var printed = new Dictionary<string, (RunStatus Status, long Step)>();
        var experiment = feed.Latest;
        var seen = fromStart ? experiment with { Started = 0, Active = [] } : experiment;
        var countsPrinted = (Counts: (RunCounts?)null, At: DateTimeOffset.MinValue);
        // The decisions of the snapshot before: a snapshot carries the latest few, and one that has left them does not come back.
        var decisionsPrinted = new HashSet<SchedulerDecision>();
        while (true)
        {
            foreach (var decision in experiment.Decisions.Where(d => !decisionsPrinted.Contains(d)))
                await Console.Error.WriteLineAsync(Describe(decision, experiment.Entry.ExperimentId));
            decisionsPrinted = [.. experiment.Decisions];
            foreach (var run in await Task.WhenAll(Ended(seen, experiment).Select(client.Run)))
                await Console.Error.WriteLineAsync(Describe(run));
            seen = experiment;
            var periodic = DateTimeOffset.UtcNow - countsPrinted.At > CountsEvery;
            foreach (var run in await Running(client, experiment))
            {
                var now = (run.Status, run.Step);
                if (printed.TryGetValue(run.RunId, out var before) && before.Status == now.Status && (!periodic || before.Step == now.Step)) continue;
                printed[run.RunId] = now;
                await Console.Error.WriteLineAsync(Describe(run));
            }
            if (experiment.IsFinished || (periodic && experiment.Counts != countsPrinted.Counts))
            {
                await Console.Error.WriteLineAsync($"{ExperimentSummary.Headline(experiment.Entry)}; {ExperimentSummary.Counts(experiment.Counts)}");
                countsPrinted = (experiment.Counts, DateTimeOffset.UtcNow);
            }
            if (experiment.IsFinished) return experiment;
            experiment = await feed.NextAsync(RunRefresh, cancellation);
        }
    }

    /// <summary>Runs in flight before (or started since) that are not in flight any more.</summary>
    static IEnumerable<string> Ended(ExperimentSnapshot before, ExperimentSnapshot now)
    {
        var id = now.Entry.ExperimentId;
        var startedSince = Enumerable.Range(before.Started, Math.Max(0, now.Started - before.Started)).Select(i => RunIds.For(id, i));
        return before.Active.Concat(startedSince).Except(now.Active);
    }

    static async Task<RunSnapshot[]> Running(IClusterClient client, ExperimentSnapshot experiment) =>
        await Task.WhenAll(experiment.Active.Take(RunsShown).Select(client.Run));

    /// <summary>Cut short rather than wrapped, so a run stays one line at 80 columns.</summary>
    static string Fit(string text, int width) => text.Length <= width ? text : text[..(Math.Max(1, width) - 1)] + "…";

    /// <summary>Like "r003 stopped: ASHA rung 1 epochs: ..." or "r002 exploits r000 step 75: PBT epoch 4: ...".</summary>
    public static string Describe(SchedulerDecision decision, string experimentId)
    {
        var run = Formats.ShortRunId(decision.RunId, experimentId);
        return decision.Kind switch
        {
            SchedulerDecisionKind.Exploit => $"{run} exploits {Formats.ShortRunId(decision.DonorRun!, experimentId)} step {decision.DonorStep}: {decision.Reason}",
            SchedulerDecisionKind.Complete => $"{run} completed early: {decision.Reason}",
            SchedulerDecisionKind.Promote => $"{run} resumed: {decision.Reason}",
            _ => $"{run} stopped: {decision.Reason}",
        };
    }

    public static string Describe(RunSnapshot run, string? experimentId = null)
    {
        var id = experimentId is null ? run.RunId : Formats.ShortRunId(run.RunId, experimentId);
        var text = $"{id} [{run.Status.ToString().ToLowerInvariant()}] {Formats.Parameters(run.Spec.Hyperparameters)} step {Formats.Steps(run.Step, run.TotalSteps)}";
        if (run.Latest is { } p) text += $" d1={Formats.Loss(p.D1)} d2={Formats.Loss(p.D2)} g={Formats.Loss(p.G)}";
        if (run.Checkpoints.MaxBy(c => c.Step) is { } c) text += $" D accuracy real={Formats.Percent(c.AccuracyReal)} fake={Formats.Percent(c.AccuracyFake)}";
        if (run.BestScore is { } best)
            text += $" {run.Spec.Objective.Metric}={Formats.Score(run.LatestScore)} (best {Formats.Number(best)} at step {run.BestCheckpoint!.Step})";
        if (run.StatusReason is { } reason && run.Status != RunStatus.Completed) text += $" ({reason})";
        return text;
    }
}
