using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Cli.Report;

namespace OrleansGan.Cli.Commands;

internal static class ReportCommand
{
    public static Command Build()
    {
        var experiment = new Argument<string?>("experiment") { Description = "Experiment id", Arity = ArgumentArity.ZeroOrOne };
        var runs = new Option<string[]>("--runs") { Description = "Report these runs instead (from any experiments)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "The HTML file to write (default: report.html beside the experiment's runs under --data-dir, else here)" };
        var top = new Option<int>("--top")
        {
            Description = "Runs shown in full, with charts and samples; the rest are in the table only",
            DefaultValueFactory = _ => ExperimentReport.DefaultTop,
        };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"--top {result.GetValueOrDefault<int>()}: must be at least 1");
        });
        var maxMegabytes = new Option<double>("--max-mb")
        {
            Description = "The page's size limit in MB: past it, each run's timeline keeps fewer sample grids (its best one always)",
            DefaultValueFactory = _ => ExperimentReport.DefaultMaxMegabytes,
        };
        maxMegabytes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not > 0) result.AddError($"--max-mb {result.GetValueOrDefault<double>()}: must be more than 0");
        });
        var command = new Command("report", "One self-contained HTML page of an experiment: ranking, curves, sample grids over time, data set, sweep file")
        {
            experiment, runs, output, top, maxMegabytes,
        };
        command.Validators.Add(result =>
        {
            var hasExperiment = result.GetValue(experiment) is not null;
            var hasRuns = result.GetValue(runs) is { Length: > 0 };
            if (hasExperiment == hasRuns) result.AddError("report: give an experiment id or --runs RUN ..., not both");
        });
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var experimentId = parse.GetValue(experiment);
            var subject = experimentId is not null
                ? await ReportSubject.OfExperimentAsync(session.Client, experimentId)
                : await ReportSubject.OfRunsAsync(session.Client, parse.GetRequiredValue(runs));
            if (session.ArtifactRoot is null)
                await Console.Error.WriteLineAsync("warning: no --data-dir, so no sample grids: the charts use the run grains' bounded history");
            var path = parse.GetValue(output) ?? ExperimentReport.DefaultPath(session.ArtifactRoot, experimentId);
            var report = ExperimentReport.Write(subject, session.ArtifactRoot, parse.GetValue(top), parse.GetValue(maxMegabytes), path);
            Print(report, parse.GetValue(GlobalOptions.Json));
            return ExitCodes.Done;
        });
        return command;
    }

    public static void Print(ReportFile report, bool json)
    {
        if (json) JsonOutput.Print(report, JsonOutput.Documents.ReportFile);
        else Console.WriteLine($"report: {report.Path} ({report.Bytes / 1024.0:F0} KiB, {report.RunsInFull} of {report.Runs} run(s) in full)");
    }
}
