namespace OrleansGan.Workers;

/// <summary>
/// What a silo hosts: the control grains (experiments, runs, the slot ledger), training (trial grains), or both.
/// </summary>
public enum SiloRole
{
    Both,
    Control,
    Worker,
}

public static class SiloRoles
{
    public static bool HostsControl(this SiloRole role) => role != SiloRole.Worker;
    public static bool HostsWorker(this SiloRole role) => role != SiloRole.Control;
}
