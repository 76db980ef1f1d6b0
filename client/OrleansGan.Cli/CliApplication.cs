using System.CommandLine;
using OrleansGan.Cli.Commands;

namespace OrleansGan.Cli;

public static class CliApplication
{
    public static RootCommand Build()
    {
        var root = new RootCommand("OrleansGan: hyperparameter sweeps of the CIFAR-10 DCGAN on Orleans");
        foreach (var option in GlobalOptions.All) root.Options.Add(option);
        root.Subcommands.Add(ModelCommands.Build());
        root.Subcommands.Add(DataCommands.Build());
        root.Subcommands.Add(TrainCommand.Build());
        root.Subcommands.Add(SamplesCommand.Build());
        root.Subcommands.Add(SweepCommands.Build());
        root.Subcommands.Add(ExperimentCommands.Build());
        root.Subcommands.Add(ClusterCommands.Build());
        root.Subcommands.Add(RunCommands.Build());
        root.Subcommands.Add(WatchCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        return root;
    }

    /// <returns>0 done, 1 failed, 2 bad input.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"error: {error.Message}");
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync();
    }
}
