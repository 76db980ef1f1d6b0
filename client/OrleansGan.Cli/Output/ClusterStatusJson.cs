using OrleansGan.Workers;

namespace OrleansGan.Cli.Output;

/// <summary>`cluster status`: each silo as the CLI shows it, and the runs that wait for a slot.</summary>
internal sealed record ClusterStatusJson(IReadOnlyList<ClusterStatusJson.Silo> Silos, IReadOnlyList<UnplacedRun> Waiting)
{
    /// <param name="Accelerator">cpu or cuda for a worker; null for a control silo.</param>
    internal sealed record Silo(
        string Name, string Address, string Role, string Status, string? Accelerator, int Devices, int SlotsPerDevice,
        int SlotsBusy, int SlotsFree, IReadOnlyList<SiloRun> Runs);

    internal sealed record SiloRun(string Run, string Trial, string Device, double Gpus);

    public static ClusterStatusJson Of(ClusterStatus status) => new(
        status.Silos.Select(s => new Silo(
            s.Name, s.Address, s.Role.ToString().ToLowerInvariant(), s.Status.ToLowerInvariant(),
            s.Capacity?.Kind.ToString().ToLowerInvariant(), s.Capacity?.Devices ?? 0, s.Capacity?.SlotsPerDevice ?? 0,
            s.Trials.Count, s.FreeSlots,
            s.Trials.Select(t => new SiloRun(t.RunId, t.TrialKey, t.Device, t.Gpus)).ToList())).ToList(),
        status.Unplaced);
}
