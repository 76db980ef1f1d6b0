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
            var silos = status.Silos.Select(s => new
            {
                name = s.Name,
                address = s.Address,
                role = s.Role.ToString().ToLowerInvariant(),
                status = s.Status.ToLowerInvariant(),
                accelerator = s.Capacity?.Kind.ToString().ToLowerInvariant(),
                devices = s.Capacity?.Devices ?? 0,
                slots_per_device = s.Capacity?.SlotsPerDevice ?? 0,
                slots_busy = s.Trials.Count,
                slots_free = s.FreeSlots,
                runs = s.Trials.Select(t => new { run = t.RunId, trial = t.TrialKey, device = t.Device, gpus = t.Gpus }).ToList(),
            }).ToList();
            if (parse.GetValue(GlobalOptions.Json))
            {
                JsonOutput.Print(new { silos, waiting = status.Unplaced });
                return ExitCodes.Done;
            }
            var table = new Table().AddColumn("silo").AddColumn("role").AddColumn("status").AddColumn("devices")
                .AddColumn("busy").AddColumn("free").AddColumn("runs");
            foreach (var s in silos)
                table.AddRow(Markup.Escape($"{s.name}\n{s.address}"), s.role, s.status,
                    s.accelerator is null ? "-" : Markup.Escape($"{s.devices} {s.accelerator} x{s.slots_per_device}"),
                    s.slots_busy.ToString(), s.slots_free.ToString(),
                    Markup.Escape(string.Join("\n", s.runs.Select(r => $"{r.run} ({r.device})"))));
            AnsiConsole.Write(table);
            foreach (var waiting in status.Unplaced)
                AnsiConsole.MarkupLine(Markup.Escape($"{waiting.RunId}: {waiting.Reason} (since {Formats.Time(waiting.Since)})"));
            return ExitCodes.Done;
        });
        return command;
    }
}
