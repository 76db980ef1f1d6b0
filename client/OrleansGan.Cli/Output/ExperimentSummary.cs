using OrleansGan.Experiments;
using OrleansGan.Sweeps;
using Spectre.Console;

namespace OrleansGan.Cli.Output;

/// <summary>An experiment however many runs it has: its counts per status and its best runs by the objective.</summary>
internal static class ExperimentSummary
{
    public static string Headline(ExperimentEntry e) =>
        $"{e.ExperimentId}: {e.Status.ToString().ToLowerInvariant()}, {e.Runs} run(s), submitted {Formats.Time(e.SubmittedAt)}, finished {Formats.Time(e.FinishedAt)}";

    public static string Counts(RunCounts c) =>
        $"pending {c.Pending}, running {c.Running}, completed {c.Completed}, failed {c.Failed}, cancelled {c.Cancelled}" +
        (c.Stopped > 0 ? $", stopped {c.Stopped}" : "");

    public static ExperimentSummaryJson Json(ExperimentSnapshot experiment, IReadOnlyList<ScoredRun> top) => new(
        experiment.Entry, experiment.Sweep, experiment.Counts, experiment.Sweep.Objective.Metric,
        top.Select(r => new ExperimentSummaryJson.BestRun(r.RunId, r.Index, r.Score, r.Step, Hyperparameters(experiment.Sweep, r.Index))).ToList());

    public static void Render(ExperimentSnapshot experiment, IReadOnlyList<ScoredRun> top)
    {
        AnsiConsole.MarkupLine(Markup.Escape(Headline(experiment.Entry)));
        if (experiment.Entry.Description is { } description) AnsiConsole.MarkupLine(Markup.Escape(description));
        AnsiConsole.MarkupLine(Markup.Escape(Counts(experiment.Counts)));
        if (top.Count == 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"no run has a {experiment.Sweep.Objective.Metric} score yet"));
            return;
        }
        var table = new Table().Title(Markup.Escape($"best runs by {experiment.Sweep.Objective.Metric} (lower is better)"))
            .AddColumn("#").AddColumn("run").AddColumn(experiment.Sweep.Objective.Metric).AddColumn("step").AddColumn("hyperparameters");
        foreach (var (run, rank) in top.Select((r, i) => (r, i + 1)))
            table.AddRow(rank.ToString(), Markup.Escape(run.RunId), Formats.Number(run.Score), run.Step.ToString(),
                Markup.Escape(Formats.Parameters(Hyperparameters(experiment.Sweep, run.Index))));
        AnsiConsole.Write(table);
    }

    /// <summary>Lines for a live view: the headline, the counts and the few best runs.</summary>
    public static IEnumerable<string> Lines(ExperimentSnapshot experiment, int best)
    {
        yield return Headline(experiment.Entry);
        yield return Counts(experiment.Counts);
        foreach (var (run, rank) in experiment.Top.Take(best).Select((r, i) => (r, i + 1)))
            yield return $"  #{rank} {run.RunId} {experiment.Sweep.Objective.Metric}={Formats.Number(run.Score)} at step {run.Step}";
    }

    static IReadOnlyDictionary<string, double> Hyperparameters(SweepDefinition sweep, int index) =>
        SweepExpander.Expand(sweep, index, 1)[0].Parameters.ToDictionary();
}
