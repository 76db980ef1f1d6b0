using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Experiments;
using OrleansGan.Runs;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class ExperimentCommands
{
    public static Command Build()
    {
        var experiments = new Command("experiments", "Every experiment ever submitted");
        experiments.Subcommands.Add(List());
        experiments.Subcommands.Add(Show());
        experiments.Subcommands.Add(Cancel());
        experiments.Subcommands.Add(ResumeRun());
        return experiments;
    }

    static Command List()
    {
        var command = new Command("list", "List experiments, newest first");
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var entries = await session.Client.Catalog().List();
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(entries, JsonOutput.Documents.IReadOnlyListExperimentEntry);
                return ExitCodes.Done;
            }
            var table = new Table().AddColumn("experiment").AddColumn("status").AddColumn("runs").AddColumn("submitted").AddColumn("finished");
            foreach (var e in entries)
                table.AddRow(Markup.Escape(e.ExperimentId), e.Status.ToString().ToLowerInvariant(), e.Runs.ToString(), Formats.Time(e.SubmittedAt), Formats.Time(e.FinishedAt));
            AnsiConsole.Write(table);
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Experiment id" };
        var top = new Option<int>("--top") { Description = $"How many of the best runs to list (up to {ExperimentRuns.TopKept})", DefaultValueFactory = _ => ExperimentSnapshot.TopShown };
        var page = new Option<int?>("--page") { Description = "List the runs of this page side by side, in run order (1 is the first)" };
        var pageSize = new Option<int>("--page-size") { Description = "Runs per page", DefaultValueFactory = _ => ExperimentOutcome.ComparedRuns };
        var command = new Command("show", "An experiment: runs per status and the best runs; --page N lists its runs side by side") { id, top, page, pageSize };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var (topCount, size) = (parse.GetValue(top), parse.GetValue(pageSize));
            if (topCount is < 0 or > ExperimentRuns.TopKept) throw new UsageException($"--top {topCount}: must be 0..{ExperimentRuns.TopKept}");
            if (size < 1) throw new UsageException($"--page-size {size}: must be >= 1");
            var experimentId = parse.GetRequiredValue(id);
            var experiment = await session.Client.Experiment(experimentId);
            var best = topCount <= ExperimentSnapshot.TopShown ? experiment.Top.Take(topCount).ToList()
                : await session.Client.GetGrain<IExperimentGrain>(experimentId).GetTopRuns(topCount);
            var pages = Math.Max(1, (experiment.Entry.Runs + size - 1) / size);
            // A small experiment shows all its runs at once, as its only page.
            var shownPage = parse.GetValue(page) ?? (pages == 1 ? 1 : (int?)null);
            if (shownPage is { } p && (p < 1 || p > pages)) throw new UsageException($"--page {p}: {experimentId} has {pages} page(s) of {size} run(s)");
            var comparison = shownPage is { } number
                ? RunComparison.Of(await session.Client.Runs(experiment, (number - 1) * size, size), session.ArtifactRoot)
                : null;

            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(new ExperimentShowJson(ExperimentSummary.Json(experiment, best), shownPage, pages, comparison?.Rows), JsonOutput.Documents.ExperimentShowJson);
                return ExitCodes.Done;
            }
            ExperimentSummary.Render(experiment, best);
            if (comparison is not null) comparison.Render();
            if (pages > 1)
                AnsiConsole.MarkupLine(Markup.Escape(shownPage is { } shown
                    ? $"page {shown} of {pages} ({size} runs a page); --page N for another"
                    : $"{experiment.Entry.Runs} runs in {pages} pages of {size}: --page N lists them side by side"));
            return ExitCodes.Done;
        });
        return command;
    }

    static Command Cancel()
    {
        var id = new Argument<string>("id") { Description = "Experiment id" };
        var command = new Command("cancel", "Stop an experiment's runs at their next step; what they wrote is kept") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var experimentId = parse.GetRequiredValue(id);
            await session.Client.GetGrain<IExperimentGrain>(experimentId).Cancel();
            var experiment = await session.Client.Experiment(experimentId);
            Console.WriteLine($"cancelled {experimentId}: {ExperimentSummary.Counts(experiment.Counts)}");
            return ExitCodes.Done;
        });
        return command;
    }

    static Command ResumeRun()
    {
        var id = new Argument<string>("run") { Description = "Run id of a run the scheduler stopped" };
        var command = new Command("resume-run", "Continue a run the scheduler stopped from its last checkpoint (the scheduler no longer stops it)") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var runId = parse.GetRequiredValue(id);
            if (RunIds.Parse(runId) is not var (experimentId, _)) throw new UnknownIdException($"no run {runId}");
            await session.Client.GetGrain<IExperimentGrain>(experimentId).ResumeRun(runId);
            var run = await session.Client.Run(runId);
            Console.WriteLine($"resumed {runId}: {run.Status.ToString().ToLowerInvariant()} ({run.StatusReason})");
            return ExitCodes.Done;
        });
        return command;
    }
}
