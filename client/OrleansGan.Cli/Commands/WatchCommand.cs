using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Experiments;

namespace OrleansGan.Cli.Commands;

internal static class WatchCommand
{
    public static Command Build()
    {
        var id = new Argument<string>("id") { Description = "Experiment id" };
        var command = new Command("watch", "Live progress of an experiment, pushed by its grain") { id };
        command.SetClusterAction(preferEmbedded: false, async (parse, session, cancellation) =>
        {
            var experimentId = parse.GetRequiredValue(id);
            ExperimentSnapshot experiment;
            try
            {
                experiment = await ExperimentWatch.UntilFinishedAsync(session.Client, experimentId, fromStart: false, cancellation);
            }
            catch (OperationCanceledException) when (Interrupts.IsRequested)
            {
                return await InterruptedExperiment.StopAsync(session, experimentId, Formats.CommandLine(parse));
            }
            await ExperimentOutcome.PrintAsync(session, experiment, parse.GetValue(GlobalOptions.Json));
            return experiment.Entry.Status == ExperimentStatus.Completed ? ExitCodes.Done : ExitCodes.Failed;
        });
        return command;
    }
}
