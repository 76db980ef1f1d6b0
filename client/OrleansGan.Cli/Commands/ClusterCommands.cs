using System.CommandLine;
using OrleansGan.Cli.Cluster;
using OrleansGan.Cli.Output;
using OrleansGan.Workers;
using Spectre.Console;

namespace OrleansGan.Cli.Commands;

internal static class ClusterCommands
{
    public static Command Build()
    {
        var cluster = new Command("cluster", "The silos of a cluster");
        cluster.Subcommands.Add(Status());
        return cluster;
    }

    static Command Status()
    {
        var command = new Command("status", "Each silo's role, status, devices, busy and free slots and its runs; runs waiting for a slot");
        command.SetClusterAction(preferEmbedded: false, async (parse, session, _) =>
        {
            var status = await session.Client.GetGrain<ISlotLedgerGrain>(0).GetClusterStatus();
            var json = ClusterStatusJson.Of(status);
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(json, JsonOutput.Documents.ClusterStatusJson);
                return ExitCodes.Done;
            }
            var table = new Table().AddColumn("silo").AddColumn("role").AddColumn("status").AddColumn("devices")
                .AddColumn("busy").AddColumn("free").AddColumn("runs");
            foreach (var s in json.Silos)
                table.AddRow(Markup.Escape($"{s.Name}\n{s.Address}"), s.Role, s.Status,
                    s.Accelerator is null ? "-" : Markup.Escape($"{s.Devices} {s.Accelerator} x{s.SlotsPerDevice}"),
                    s.SlotsBusy.ToString(), s.SlotsFree.ToString(),
                    Markup.Escape(string.Join("\n", s.Runs.Select(r => $"{r.Run} ({r.Device})"))));
            AnsiConsole.Write(table);
            foreach (var waiting in status.Unplaced)
                AnsiConsole.MarkupLine(Markup.Escape($"{waiting.RunId}: {waiting.Reason} (since {Formats.Time(waiting.Since)})"));
            return ExitCodes.Done;
        });
        return command;
    }
}
